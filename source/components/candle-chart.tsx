import chalk from 'chalk';
import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {labelledRows, layoutChart, type ChartMark} from '../model/chart-layout.js';
import {formatCompact, formatPrice} from '../model/format.js';
import type {PairTape} from '../model/tape-store.js';
import {paint, paintMuted} from './paint.js';

type Properties = Readonly<{
	tape: PairTape;
	/** Minutes per candle, for the title and to say what it waits for. */
	interval: number;
	width: number;
	/** Rows, the title's included. */
	height: number;
	now: number;
}>;

/** `1m`, `4h`, `1d`, `1w`, `15d`: an interval as traders write it. */
export function intervalLabel(minutes: number): string {
	if (minutes % 1440 === 0) {
		return minutes % 10_080 === 0 ? `${minutes / 10_080}w` : `${minutes / 1440}d`;
	}

	return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/**
 * The pieces of a title that fit in `width`, in their order, two spaces apart. Each piece has a
 * rank: when they do not all fit, the highest ranks go first (the name stays, then the close).
 */
function fitTitle(pieces: ReadonlyArray<readonly [string, number]>, width: number): string {
	const kept = [...pieces];
	const length = () => kept.reduce((sum, [text]) => sum + text.length, 0) + (kept.length - 1) * 2;
	while (kept.length > 1 && length() > width) {
		const dropped = kept.reduce((worst, piece) => (piece[1] > worst[1] ? piece : worst));
		kept.splice(kept.indexOf(dropped), 1);
	}

	return kept.map(([text]) => text).join('  ');
}

/**
 * The focused pair's candles: one column per interval, newest on the right and updating live,
 * intervals without trades left as empty columns, a price axis at the right edge. Wicks and bodies
 * differ in shape, and so do rising and falling bodies, so it reads without colour.
 */
export function CandleChart({tape, interval, width, height, now}: Properties) {
	const {glyphs, theme} = useDisplay();
	const status = tape.channels.ohlc;
	const label = intervalLabel(interval);
	if (status?.state === 'error') {
		return (
			<Text
				color={theme.stale}
				wrap="truncate"
			>{`${label} candles: ${status.message ?? 'refused'}`}</Text>
		);
	}

	const candles = tape.candles.newest(width);
	const decimals = tape.priceDecimals;
	const labels = (price: number) => ` ${formatPrice(price, decimals)}`;
	const latest = candles.at(-1);
	// As wide as the highest price's label, and a cell more for the padding of a flat market.
	const axisWidth = Math.max(0, ...candles.map((candle) => labels(candle.high).length + 1));
	const plotRows = Math.max(1, height - 1);
	const layout = layoutChart(
		candles,
		{columns: Math.max(1, width - axisWidth), rows: plotRows},
		now,
	);
	if (!latest || !layout) {
		return (
			<Text {...theme.muted} wrap="truncate">{`waiting for ${tape.pair} ${label} candles`}</Text>
		);
	}

	const title = fitTitle(
		[
			[`${tape.pair} ${label}`, 0],
			[`O ${formatPrice(latest.open, decimals)}`, 4],
			[`H ${formatPrice(latest.high, decimals)}`, 2],
			[`L ${formatPrice(latest.low, decimals)}`, 2],
			[`C ${formatPrice(latest.close, decimals)}`, 1],
			[`vol ${formatCompact(latest.volume)}`, 3],
		],
		width,
	);
	// A run of one mark is one styled piece: a row is a handful of them, not a code per cell.
	const paintRun = (mark: ChartMark, length: number): string => {
		switch (mark) {
			case 'none': {
				return ' '.repeat(length);
			}

			case 'wick': {
				return glyphs.candleWick.repeat(length);
			}

			case 'up': {
				return paint(theme.up, glyphs.candleUp.repeat(length));
			}

			case 'down': {
				return paint(theme.down, glyphs.candleDown.repeat(length));
			}
		}
	};

	// The row the last close falls on carries its price, in bold: where the market is now.
	const closeRow = Math.round(
		((layout.high - latest.close) / (layout.high - layout.low)) * (plotRows - 1),
	);
	// A label beside the close's would crowd it, and one that reads the same as the close's, or as
	// one above it, says nothing new (a flat market spans less than a tick).
	const shown = new Set([labels(latest.close)]);
	const labelled = new Set(
		labelledRows(plotRows).filter((row) => {
			const text = labels(layout.prices[row] ?? 0);
			if (Math.abs(row - closeRow) <= 1 || shown.has(text)) {
				return false;
			}

			shown.add(text);
			return true;
		}),
	);
	const rows = layout.marks.map((marks, row) => {
		let text = '';
		let start = 0;
		for (let column = 1; column <= marks.length; column++) {
			if (column === marks.length || marks[column] !== marks[start]) {
				text += paintRun(marks[start]!, column - start);
				start = column;
			}
		}

		const axis =
			row === closeRow
				? chalk.bold(labels(latest.close))
				: labelled.has(row)
					? paintMuted(theme.muted, labels(layout.prices[row] ?? 0))
					: '';
		return text + axis;
	});
	return (
		<Box flexDirection="column" height={height}>
			<Text bold wrap="truncate">
				{title}
			</Text>
			{rows.map((row, index) => (
				// Rows are positional, as the tape's are.
				<Text key={index} wrap="truncate">
					{row}
				</Text>
			))}
		</Box>
	);
}
