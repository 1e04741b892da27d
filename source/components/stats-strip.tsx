import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useDisplay} from '../hooks/use-display.js';
import {formatChange, formatCompact, formatPrice, imbalanceBar} from '../model/format.js';
import type {PairTape} from '../model/tape-store.js';

type Properties = Readonly<{tape: PairTape; now: number; isCompact?: boolean; rows?: number}>;

/** Compact below 80 columns (last, change and pace only). */
export const isCompactStatsAt = (columns: number) => columns < 80;

/** One line when compact or when 150 columns hold every figure; two between. */
export function statsStripRows(columns: number): number {
	return columns >= 150 || isCompactStatsAt(columns) ? 1 : 2;
}

function Stat({label, children}: Readonly<{label: string; children: ReactNode}>) {
	return (
		<Text wrap="truncate">
			<Text dimColor>{`${label} `}</Text>
			{children}
		</Text>
	);
}

/** Last, change since the first price seen, range, VWAP, volume, pace and who is taking. */
export function StatsStrip({tape, now, isCompact = false, rows = 1}: Properties) {
	const {glyphs, theme} = useDisplay();
	const stats = tape.stats.snapshot;
	const decimals = tape.priceDecimals;
	if (stats.last === undefined || stats.first === undefined) {
		return (
			<Box height={rows}>
				<Text dimColor>no trades yet</Text>
			</Box>
		);
	}

	const change = stats.last - stats.first;
	const percent = (change / stats.first) * 100;
	const buyShare = stats.volume > 0 ? Math.round((stats.buyVolume / stats.volume) * 100) : 50;
	const changeText = (
		<Text color={change > 0 ? theme.up : change < 0 ? theme.down : undefined}>
			{formatChange(change, percent, decimals)}
		</Text>
	);
	if (isCompact) {
		return (
			<Box columnGap={1} height={1} overflow="hidden">
				<Text bold>{formatPrice(stats.last, decimals)}</Text>
				{changeText}
				<Text dimColor>{`${tape.stats.tradesPerMinute(now)}/min`}</Text>
			</Box>
		);
	}

	return (
		// A fixed height: the layout counts on it, and wrapping numbers must not push the tape down.
		<Box columnGap={2} flexWrap="wrap" height={rows} overflow="hidden">
			<Stat label="last">
				<Text bold>{formatPrice(stats.last, decimals)}</Text>
			</Stat>
			<Stat label="chg">{changeText}</Stat>
			<Stat label="high">{formatPrice(stats.high ?? stats.last, decimals)}</Stat>
			<Stat label="low">{formatPrice(stats.low ?? stats.last, decimals)}</Stat>
			<Stat label="vwap">{formatPrice(stats.vwap ?? stats.last, decimals)}</Stat>
			<Stat label="vol">{formatCompact(stats.volume)}</Stat>
			<Stat label="trades/min">{String(tape.stats.tradesPerMinute(now))}</Stat>
			<Stat label="buy/sell">
				<Text color={theme.buy}>
					{imbalanceBar(stats.buyVolume, stats.sellVolume, 10, glyphs.buyBar, '')}
				</Text>
				<Text color={theme.sell}>
					{imbalanceBar(stats.buyVolume, stats.sellVolume, 10, '', glyphs.sellBar)}
				</Text>
				{` ${buyShare}% buy`}
			</Stat>
		</Box>
	);
}
