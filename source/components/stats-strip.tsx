import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useDisplay} from '../hooks/use-display.js';
import {
	formatBasisPoints,
	formatChange,
	formatCompact,
	formatPercent,
	formatPrice,
	imbalanceBar,
} from '../model/format.js';
import {bookImbalance} from '../model/ladder-rows.js';
import type {PairTape} from '../model/tape-store.js';
import type {Ticker} from '../model/types.js';

type Properties = Readonly<{tape: PairTape; now: number; isCompact?: boolean; rows?: number}>;

/** Compact below 80 columns (last, change and pace only). */
export const isCompactStatsAt = (columns: number) => columns < 80;

/** Two lines, or one when compact: the 24-hour figures and the book's best prices take room. */
export function statsStripRows(columns: number): number {
	return isCompactStatsAt(columns) ? 1 : 2;
}

function Stat({label, children}: Readonly<{label: string; children: ReactNode}>) {
	const {theme} = useDisplay();
	return (
		<Text wrap="truncate">
			<Text {...theme.muted}>{`${label} `}</Text>
			{children}
		</Text>
	);
}

/** Why there are no 24-hour figures: not asked for (undefined), not come yet, or refused. */
function tickerAbsence(tape: PairTape): string | undefined {
	const status = tape.channels.ticker;
	if (tape.ticker || !status) {
		return undefined;
	}

	return status.state === 'error'
		? `ticker refused: ${status.message ?? 'no reason given'}`
		: 'waiting for ticker';
}

/**
 * The pair at a glance. With the ticker: the 24-hour change, high, low, volume and VWAP, then the
 * best bid and ask and the spread between them. Without it (not asked for, not come yet, or
 * refused, which it says): the same figures over the trades seen since start. Then, where the
 * width allows, this session's pace and who is taking. Items in order of importance: what does not
 * fit the rows is left off the end.
 */
export function StatsStrip({tape, now, isCompact = false, rows = 1}: Properties) {
	const {glyphs, theme} = useDisplay();
	const stats = tape.stats.snapshot;
	const {ticker} = tape;
	const decimals = tape.priceDecimals;
	const last = stats.last ?? ticker?.last;
	const absence = tickerAbsence(tape);
	const colourOf = (change: number) =>
		change > 0 ? theme.up : change < 0 ? theme.down : undefined;
	if (last === undefined) {
		return (
			<Box height={rows}>
				<Text {...theme.muted} wrap="truncate">
					{absence ? `no trades yet; ${absence}` : 'no trades yet'}
				</Text>
			</Box>
		);
	}

	const sessionChange =
		stats.last !== undefined && stats.first !== undefined
			? {
					change: stats.last - stats.first,
					percent: ((stats.last - stats.first) / stats.first) * 100,
				}
			: undefined;
	const pace = `${tape.stats.tradesPerMinute(now)}/min`;
	if (isCompact) {
		return (
			<Box columnGap={1} height={1} overflow="hidden">
				<Text bold>{formatPrice(last, decimals)}</Text>
				{ticker ? (
					<Text>
						<Text {...theme.muted}>24h </Text>
						<Text color={colourOf(ticker.change)}>{formatPercent(ticker.changePct)}</Text>
					</Text>
				) : (
					sessionChange && (
						<Text color={colourOf(sessionChange.change)}>
							{formatChange(sessionChange.change, sessionChange.percent, decimals)}
						</Text>
					)
				)}
				<Text {...theme.muted}>{pace}</Text>
			</Box>
		);
	}

	// Quantity bid against asked over the best ten levels a side, while the book can be believed.
	const bidShare =
		tape.book && tape.bookHealth?.state !== 'stale' ? bookImbalance(tape.book, 10) : undefined;
	const buyShare = stats.volume > 0 ? Math.round((stats.buyVolume / stats.volume) * 100) : 50;
	return (
		// A fixed height: the layout counts on it, and wrapping numbers must not push the tape down.
		<Box columnGap={2} flexWrap="wrap" height={rows} overflow="hidden">
			<Stat label="last">
				<Text bold>{formatPrice(last, decimals)}</Text>
			</Stat>
			{ticker ? (
				<DayFigures ticker={ticker} decimals={decimals} colourOf={colourOf} />
			) : (
				[
					absence && (
						<Text
							key="absence"
							wrap="truncate"
							{...(tape.channels.ticker?.state === 'error' ? {color: theme.stale} : theme.muted)}
						>{`24h ${absence}`}</Text>
					),
					sessionChange && (
						<Stat key="chg" label="chg">
							<Text color={colourOf(sessionChange.change)}>
								{formatChange(sessionChange.change, sessionChange.percent, decimals)}
							</Text>
						</Stat>
					),
					<Stat key="high" label="high">
						{formatPrice(stats.high ?? last, decimals)}
					</Stat>,
					<Stat key="low" label="low">
						{formatPrice(stats.low ?? last, decimals)}
					</Stat>,
					<Stat key="vwap" label="vwap">
						{formatPrice(stats.vwap ?? last, decimals)}
					</Stat>,
					<Stat key="vol" label="vol">
						{formatCompact(stats.volume)}
					</Stat>,
				]
			)}
			{ticker && <BestPrices ticker={ticker} decimals={decimals} />}
			<Stat label="trades/min">{String(tape.stats.tradesPerMinute(now))}</Stat>
			{stats.volume > 0 && (
				<Stat label="buy/sell">
					<Text color={theme.buy}>
						{imbalanceBar(stats.buyVolume, stats.sellVolume, 10, glyphs.buyBar, '')}
					</Text>
					<Text color={theme.sell}>
						{imbalanceBar(stats.buyVolume, stats.sellVolume, 10, '', glyphs.sellBar)}
					</Text>
					{` ${buyShare}% buy`}
				</Stat>
			)}
			{bidShare !== undefined && (
				<Stat label="book">
					<Text color={theme.buy}>
						{imbalanceBar(bidShare, 1 - bidShare, 10, glyphs.buyBar, '')}
					</Text>
					<Text color={theme.sell}>
						{imbalanceBar(bidShare, 1 - bidShare, 10, '', glyphs.sellBar)}
					</Text>
					{` ${Math.round(bidShare * 100)}% bid`}
				</Stat>
			)}
		</Box>
	);
}

type TickerProperties = Readonly<{ticker: Ticker; decimals: number}>;

/** The ticker's 24-hour figures: change, high, low, volume, VWAP. */
function DayFigures({
	ticker,
	decimals,
	colourOf,
}: TickerProperties & Readonly<{colourOf: (change: number) => string | undefined}>) {
	return (
		<>
			<Stat label="24h">
				<Text color={colourOf(ticker.change)}>
					{formatChange(ticker.change, ticker.changePct, decimals)}
				</Text>
			</Stat>
			<Stat label="high">{formatPrice(ticker.high, decimals)}</Stat>
			<Stat label="low">{formatPrice(ticker.low, decimals)}</Stat>
			<Stat label="vol">{formatCompact(ticker.volume)}</Stat>
			<Stat label="vwap">{formatPrice(ticker.vwap, decimals)}</Stat>
		</>
	);
}

/** Best bid and ask, and the spread between them in the quote currency and in basis points. */
function BestPrices({ticker, decimals}: TickerProperties) {
	const spread = ticker.ask - ticker.bid;
	return (
		<>
			<Stat label="bid">{formatPrice(ticker.bid, decimals)}</Stat>
			<Stat label="ask">{formatPrice(ticker.ask, decimals)}</Stat>
			<Stat label="spread">
				{`${formatPrice(spread, decimals)} (${formatBasisPoints(spread, (ticker.ask + ticker.bid) / 2)})`}
			</Stat>
		</>
	);
}
