import {Text} from 'ink';
import {formatClock, formatPrice, formatVolume} from '../model/format.js';
import type {Trade} from '../model/types.js';

type Properties = Readonly<{trade: Trade; priceDecimals: number}>;

/** One trade: time, side as a letter as well as a colour, price, volume, order type. */
export function TradeRow({trade, priceDecimals}: Properties) {
	const isBuy = trade.side === 'buy';
	return (
		<Text wrap="truncate">
			<Text dimColor>{formatClock(trade.time)}</Text>
			<Text color={isBuy ? 'green' : 'red'} bold>{` ${isBuy ? 'B' : 'S'} `}</Text>
			<Text>{formatPrice(trade.price, priceDecimals).padStart(16)}</Text>
			<Text>{formatVolume(trade.volume).padStart(16)}</Text>
			<Text dimColor>{` ${trade.orderType}`}</Text>
		</Text>
	);
}
