import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {bigTradeThreshold} from '../model/big-trade.js';
import {decimalsToFit} from '../model/format.js';
import type {PairStatsSnapshot} from '../model/pair-stats.js';
import type {PairTape} from '../model/tape-store.js';
import {tapeRows} from '../model/tape-rows.js';
import type {TradeHistory} from '../model/trade-ring.js';
import type {TapeMarker} from '../model/types.js';
import {MarkerRow} from './marker-row.js';
import {tapeColumns} from './tape-columns.js';
import {TradeRow} from './trade-row.js';

/** What a tape shows: the pair's live trades and marks, or a copy frozen at a pause. */
export type TapeContent = Readonly<{trades: TradeHistory; markers: readonly TapeMarker[]}>;

type Properties = Readonly<{
	tape: PairTape;
	rows: number;
	width: number;
	/** The trades and marks to show; the pair's live ones by default. */
	content?: TapeContent;
	/** Trades to skip from the newest (scrolling while paused). */
	skip?: number;
	/** Said when there are no trades to show; "waiting for PAIR trades" by default. */
	emptyText?: string;
	hasHeader?: boolean;
	/** The statistics big trades are judged against; the pair's live ones by default. */
	statsForBigTrades?: PairStatsSnapshot;
}>;

/** A pair's trades, newest on top. */
export function TradeTape(properties: Properties) {
	const {tape, rows, width, skip = 0, hasHeader = true, statsForBigTrades, emptyText} = properties;
	const {trades, markers} = properties.content ?? tape;
	const {bigNotional, theme} = useDisplay();
	const subscription = tape.channels.trade;
	if (subscription?.state === 'error') {
		return (
			<Text
				color={theme.stale}
				wrap="truncate"
			>{`${tape.pair}: ${subscription.message ?? 'subscription refused'}`}</Text>
		);
	}

	if (trades.size === 0) {
		return <Text {...theme.muted}>{emptyText ?? `waiting for ${tape.pair} trades`}</Text>;
	}

	const shown = tapeRows(trades, markers, Math.max(0, rows - (hasHeader ? 1 : 0)), skip);
	const columns = tapeColumns(width);
	// One count of decimals for the whole column, the pair's own where the widest volume shown
	// has room for it: points line up, and a narrow column drops decimals from every row alike.
	let widestVolume = 0;
	for (const row of shown) {
		widestVolume = row.kind === 'trade' ? Math.max(widestVolume, row.trade.volume) : widestVolume;
	}

	const volumeDecimals = decimalsToFit(widestVolume, tape.volumeDecimals, columns.volume - 1);
	const threshold = bigTradeThreshold(statsForBigTrades ?? tape.stats.snapshot, bigNotional);
	return (
		<Box flexDirection="column">
			{hasHeader && (
				<Text {...theme.muted} wrap="truncate">
					{'time'.padEnd(12)}
					{'  '}
					{'price'.padStart(columns.price)}
					{'volume'.padStart(columns.volume)}
					{columns.notional > 0 ? 'notional'.padStart(columns.notional) : ''}
					{columns.orderType > 0 ? ' type' : ''}
				</Text>
			)}
			{shown.map((row, index) =>
				row.kind === 'marker' ? (
					// Rows are positional: the tape scrolls, and index keys keep Ink's work small.
					<MarkerRow key={index} marker={row.marker} width={width} />
				) : (
					<TradeRow
						key={index}
						trade={row.trade}
						previous={row.previous}
						priceDecimals={tape.priceDecimals}
						volumeDecimals={volumeDecimals}
						isBig={threshold !== undefined && row.trade.price * row.trade.volume >= threshold}
						columns={columns}
					/>
				),
			)}
		</Box>
	);
}
