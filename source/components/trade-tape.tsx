import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {bigTradeThreshold} from '../model/big-trade.js';
import type {PairStatsSnapshot} from '../model/pair-stats.js';
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
	/** The statistics big trades are judged against; the pair's live ones by default. */
	statsForBigTrades?: PairStatsSnapshot;
}>;

/** A pair's trades, newest on top. */
export function TradeTape(properties: Properties) {
	const {tape, rows, width, skip = 0, hasHeader = true, statsForBigTrades} = properties;
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
	// Once more trades arrived during a pause than the buffer holds, the frozen view is gone: show
	// the oldest left rather than nothing. One more row than shown, so the bottom row still knows
	// its predecessor for digit highlighting.
	const isOverflowed = tape.trades.size === tape.trades.capacity;
	const start = isOverflowed ? Math.min(skip, tape.trades.size - 1) : skip;
	const trades = tape.trades.newest(bodyRows + 1, start);
	if (trades.length === 0) {
		return <Text dimColor>{`waiting for ${tape.pair} trades`}</Text>;
	}

	const columns = tapeColumns(width);
	const threshold = bigTradeThreshold(statsForBigTrades ?? tape.stats.snapshot, bigNotional);
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
