import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {bigTradeThreshold} from '../model/big-trade.js';
import type {PairTape} from '../model/tape-store.js';
import {tapeColumns} from './tape-columns.js';
import {TradeRow} from './trade-row.js';

type Properties = Readonly<{
	tape: PairTape;
	rows: number;
	width: number;
	/** Trades to skip from the newest: those that arrived while paused, plus scrolling. */
	skip?: number;
	hasHeader?: boolean;
}>;

/** A pair's trades, newest on top. */
export function TradeTape({tape, rows, width, skip = 0, hasHeader = true}: Properties) {
	const {bigNotional} = useDisplay();
	if (tape.subscription === 'error') {
		return (
			<Text
				color="red"
				wrap="truncate"
			>{`${tape.pair}: ${tape.error ?? 'subscription refused'}`}</Text>
		);
	}

	const bodyRows = Math.max(0, rows - (hasHeader ? 1 : 0));
	// One more than shown, so the bottom row still knows its predecessor for digit highlighting.
	const trades = tape.trades.newest(
		bodyRows + 1,
		Math.min(skip, Math.max(0, tape.trades.size - 1)),
	);
	if (trades.length === 0) {
		return <Text dimColor>{`waiting for ${tape.pair} trades`}</Text>;
	}

	const columns = tapeColumns(width);
	const threshold = bigTradeThreshold(tape.stats.snapshot, bigNotional);
	return (
		<Box flexDirection="column">
			{hasHeader && (
				<Text dimColor wrap="truncate">
					{'time'.padEnd(12)}
					{'  '}
					{'price'.padStart(columns.price)}
					{'volume'.padStart(columns.volume)}
					{columns.notional > 0 ? 'notional'.padStart(columns.notional) : ''}
					{columns.orderType > 0 ? ' type' : ''}
				</Text>
			)}
			{trades.slice(0, bodyRows).map((trade, index) => (
				<TradeRow
					// Rows are positional: the tape scrolls, and index keys keep Ink's work small.
					key={index}
					trade={trade}
					previous={trades[index + 1]}
					priceDecimals={tape.priceDecimals}
					isBig={threshold !== undefined && trade.price * trade.volume >= threshold}
					columns={columns}
				/>
			))}
		</Box>
	);
}
