import {Text} from 'ink';
import {
	formatClock,
	formatNotional,
	formatPrice,
	formatVolume,
	splitChangedDigits,
} from '../model/format.js';
import type {Trade} from '../model/types.js';
import type {TapeColumns} from './tape-columns.js';

type Properties = Readonly<{
	trade: Trade;
	/** The trade before this one, for highlighting the digits that changed. */
	previous: Trade | undefined;
	priceDecimals: number;
	isBig: boolean;
	columns: TapeColumns;
}>;

/** One trade: time, side as a letter as well as a colour, price, volume, notional, order type. */
export function TradeRow({trade, previous, priceDecimals, isBig, columns}: Properties) {
	const isBuy = trade.side === 'buy';
	// Each column keeps at least one space before it, however long the number.
	const price = ` ${formatPrice(trade.price, priceDecimals).padStart(columns.price - 1)}`;
	const before =
		previous && ` ${formatPrice(previous.price, priceDecimals).padStart(columns.price - 1)}`;
	const {same, changed} = splitChangedDigits(price, before);
	return (
		<Text wrap="truncate" inverse={isBig}>
			<Text dimColor={!isBig}>{formatClock(trade.time)}</Text>
			<Text color={isBuy ? 'green' : 'red'} bold>{` ${isBuy ? 'B' : 'S'}`}</Text>
			<Text>{same}</Text>
			<Text bold underline color={isBuy ? 'green' : 'red'}>
				{changed}
			</Text>
			<Text>{` ${formatVolume(trade.volume, columns.volume - 1).padStart(columns.volume - 1)}`}</Text>
			{columns.notional > 0 && (
				<Text bold={isBig}>
					{` ${formatNotional(trade.price * trade.volume).padStart(columns.notional - 1)}`}
				</Text>
			)}
			{columns.orderType > 0 && <Text dimColor>{` ${trade.orderType.padEnd(6)}`}</Text>}
			{isBig && <Text bold> *</Text>}
		</Text>
	);
}
