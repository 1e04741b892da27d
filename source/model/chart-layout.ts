import type {Candle} from './types.js';

/** What one cell of the plot shows. */
export type ChartMark = 'none' | 'wick' | 'up' | 'down';

export type ChartLayout = Readonly<{
	/** `rows` arrays of `columns` marks, top row first, oldest column first. */
	marks: ReadonlyArray<readonly ChartMark[]>;
	/** The price at the top and bottom rows. */
	high: number;
	low: number;
	/** The price each row stands for (its middle), top first. */
	prices: readonly number[];
	/** How many columns hold a candle. */
	candleCount: number;
}>;

/**
 * Each candle that falls in `columns` columns of time with its column: one column per interval,
 * the right edge at the interval in progress now (on the newest candle's grid), so intervals
 * without trades stay empty columns where they were.
 */
export function placeCandles(
	candles: readonly Candle[],
	columns: number,
	now: number,
): Array<readonly [number, Candle]> {
	const newest = candles.at(-1);
	if (!newest || columns < 1) {
		return [];
	}

	const intervalMs = newest.interval * 60_000;
	const sinceNewest = Math.max(0, Math.floor((now - newest.start) / intervalMs));
	const rightStart = newest.start + sinceNewest * intervalMs;
	const leftStart = rightStart - (columns - 1) * intervalMs;
	const placed: Array<readonly [number, Candle]> = [];
	for (const candle of candles) {
		const column = Math.round((candle.start - leftStart) / intervalMs);
		if (column >= 0 && column < columns) {
			placed.push([column, candle]);
		}
	}

	return placed;
}

/**
 * Lays candles out on a grid of `columns` by `rows`: one column per interval, newest on the
 * right, the right edge at the interval in progress now (on the newest candle's grid), so
 * intervals without trades stay as empty columns where they were. Rows span the visible candles'
 * lowest low to highest high; a flat market gets a band around its one price.
 */
export function layoutChart(
	candles: readonly Candle[],
	size: Readonly<{columns: number; rows: number}>,
	now: number,
): ChartLayout | undefined {
	const {columns, rows} = size;
	if (rows < 1) {
		return undefined;
	}

	const placed = placeCandles(candles, columns, now);
	if (placed.length === 0) {
		return undefined;
	}

	let high = Number.NEGATIVE_INFINITY;
	let low = Number.POSITIVE_INFINITY;
	for (const [, candle] of placed) {
		high = Math.max(high, candle.high);
		low = Math.min(low, candle.low);
	}

	if (high === low) {
		// A flat market: its one price in the middle of a band a thousandth wide.
		const half = Math.max(Math.abs(high) * 0.0005, Number.EPSILON);
		high += half;
		low -= half;
	}

	const step = rows > 1 ? (high - low) / (rows - 1) : 0;
	const rowOf = (price: number) =>
		rows > 1 ? Math.min(rows - 1, Math.max(0, Math.round((high - price) / step))) : 0;
	const marks: ChartMark[][] = Array.from({length: rows}, () =>
		Array.from({length: columns}, (): ChartMark => 'none'),
	);
	for (const [column, candle] of placed) {
		for (let row = rowOf(candle.high); row <= rowOf(candle.low); row++) {
			marks[row]![column] = 'wick';
		}

		const body = candle.close >= candle.open ? 'up' : 'down';
		const top = rowOf(Math.max(candle.open, candle.close));
		const bottom = rowOf(Math.min(candle.open, candle.close));
		for (let row = top; row <= bottom; row++) {
			marks[row]![column] = body;
		}
	}

	const prices = Array.from({length: rows}, (_, row) => high - row * step);
	return {marks, high, low, prices, candleCount: placed.length};
}

/**
 * The rows that carry a price label at the axis: top and bottom, and between them one about
 * every four rows, so labels never crowd.
 */
export function labelledRows(rows: number): number[] {
	if (rows <= 2) {
		return Array.from({length: rows}, (_, row) => row);
	}

	const gaps = Math.max(1, Math.round((rows - 1) / 4));
	const labelled = new Set<number>();
	for (let gap = 0; gap <= gaps; gap++) {
		labelled.add(Math.round((gap * (rows - 1)) / gaps));
	}

	return [...labelled].toSorted((a, b) => a - b);
}

/**
 * One line of the closes, a level glyph each, on the same time grid as the chart: a quiet
 * interval is a blank, not squeezed out. Levels span the line's own lowest to highest close.
 */
export function sparkline(
	candles: readonly Candle[],
	columns: number,
	now: number,
	levels: readonly string[],
): string {
	const placed = placeCandles(candles, columns, now);
	if (placed.length === 0 || levels.length === 0) {
		return '';
	}

	const closes = placed.map(([, candle]) => candle.close);
	const low = Math.min(...closes);
	const range = Math.max(...closes) - low;
	const cells = Array.from({length: columns}, () => ' ');
	for (const [column, candle] of placed) {
		// A flat line sits in the middle.
		const level =
			range === 0
				? Math.floor((levels.length - 1) / 2)
				: Math.round(((candle.close - low) / range) * (levels.length - 1));
		cells[column] = levels[level] ?? ' ';
	}

	return cells.join('').trimEnd();
}
