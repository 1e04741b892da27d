import {describe, expect, test} from 'vitest';
import {
	labelledRows,
	layoutChart,
	sparkline,
	type ChartMark,
} from '../../source/model/chart-layout.js';
import type {Candle} from '../../source/model/types.js';

const minute = 60_000;
const base = Date.UTC(2026, 9, 6, 18, 0);

function candle(
	minuteOffset: number,
	open: number,
	high: number,
	low: number,
	close: number,
): Candle {
	return {
		pair: 'BTC/USD',
		interval: 1,
		start: base + minuteOffset * minute,
		open,
		high,
		low,
		close,
		vwap: close,
		volume: 1,
		trades: 1,
	};
}

/** The plot as text: . none, | wick, U up body, D down body. */
function picture(marks: ReadonlyArray<readonly ChartMark[]>): string[] {
	const glyph = {none: '.', wick: '|', up: 'U', down: 'D'} as const;
	return marks.map((row) => row.map((mark) => glyph[mark]).join(''));
}

describe('chart-layout', () => {
	test('one column per minute, newest on the right, a gap left where no candle came', () => {
		const candles = [
			candle(0, 100, 104, 100, 104),
			candle(1, 104, 104, 100, 100),
			candle(3, 101, 102, 100, 102),
		];
		const layout = layoutChart(candles, {columns: 5, rows: 5}, base + 3 * minute + 30_000);
		expect(layout?.high).toBe(104);
		expect(layout?.low).toBe(100);
		expect(picture(layout!.marks)).toEqual(['.UD..', '.UD..', '.UD.U', '.UD.U', '.UD.|']);
		expect(layout?.candleCount).toBe(3);
	});

	test('the right edge is the interval in progress now, so a quiet spell shows as time', () => {
		const layout = layoutChart(
			[candle(0, 100, 101, 99, 100)],
			{columns: 4, rows: 3},
			base + 2 * minute,
		);
		// The candle is two minutes old: two empty columns follow it.
		expect(picture(layout!.marks)).toEqual(['.|..', '.U..', '.|..']);
	});

	test('a single candle, and a flat market, still draw', () => {
		const flat = layoutChart([candle(0, 100, 100, 100, 100)], {columns: 1, rows: 3}, base);
		expect(picture(flat!.marks)).toEqual(['.', 'U', '.']);
		expect(flat!.high).toBeGreaterThan(100);
		expect(flat!.low).toBeLessThan(100);
	});

	test('wicks above and below a body', () => {
		const layout = layoutChart([candle(0, 101, 104, 100, 103)], {columns: 1, rows: 5}, base);
		expect(picture(layout!.marks)).toEqual(['|', 'U', 'U', 'U', '|']);
	});

	test('candles older than the width are left out, and none at all is no chart', () => {
		const candles = [candle(0, 1, 1, 1, 1), candle(10, 2, 2, 2, 2)];
		const layout = layoutChart(candles, {columns: 3, rows: 2}, base + 10 * minute);
		expect(layout?.candleCount).toBe(1);
		expect(layoutChart([], {columns: 3, rows: 2}, base)).toBeUndefined();
		expect(layoutChart(candles, {columns: 0, rows: 2}, base)).toBeUndefined();
	});

	test('labels go top, bottom and about every four rows between', () => {
		expect(labelledRows(1)).toEqual([0]);
		expect(labelledRows(5)).toEqual([0, 4]);
		expect(labelledRows(9)).toEqual([0, 4, 8]);
		expect(labelledRows(13)).toEqual([0, 4, 8, 12]);
	});

	test('a sparkline puts each close on a level, a quiet minute blank, the newest at the right', () => {
		const levels = ['1', '2', '3', '4', '5'];
		const candles = [candle(0, 1, 1, 1, 100), candle(1, 1, 1, 1, 104), candle(3, 1, 1, 1, 102)];
		expect(sparkline(candles, 5, base + 3 * minute, levels)).toBe(' 15 3');
		// Two minutes on, the line has moved left (minute 0 is off it) and spans its own closes.
		expect(sparkline(candles, 5, base + 5 * minute, levels)).toBe('5 1');
		expect(sparkline([candle(0, 1, 1, 1, 7)], 3, base, levels)).toBe('  3');
		expect(sparkline([], 3, base, levels)).toBe('');
	});
});
