import {describe, expect, test} from 'vitest';
import {CandleSeries} from '../../source/model/candle-series.js';
import type {Candle} from '../../source/model/types.js';

const minute = 60_000;
const candle = (startMinute: number, close: number, interval = 1): Candle => ({
	pair: 'BTC/USD',
	interval,
	start: startMinute * minute,
	open: close,
	high: close,
	low: close,
	close,
	vwap: close,
	volume: 1,
	trades: 1,
});
const closes = (series: CandleSeries) => series.newest(100).map((entry) => entry.close);

describe('candle-series', () => {
	test('an update of the candle in progress replaces it; a new start closes it', () => {
		const series = new CandleSeries();
		series.upsert(candle(10, 100));
		series.upsert(candle(10, 101));
		series.upsert(candle(11, 102));
		expect(closes(series)).toEqual([101, 102]);
		expect(series.latest?.close).toBe(102);
	});

	test('minutes without trades stay missing: candles are kept by their start, gaps and all', () => {
		const series = new CandleSeries();
		for (const start of [1, 2, 5, 9]) {
			series.upsert(candle(start, start));
		}

		expect(series.newest(10).map((entry) => entry.start / minute)).toEqual([1, 2, 5, 9]);
	});

	test('an older candle (a snapshot after updates) goes in its place, or replaces its own', () => {
		const series = new CandleSeries();
		series.upsert(candle(10, 10));
		series.upsert(candle(5, 5));
		series.upsert(candle(7, 7));
		series.upsert(candle(5, 55));
		expect(closes(series)).toEqual([55, 7, 10]);
	});

	test('a candle of another interval starts the series over', () => {
		const series = new CandleSeries();
		series.upsert(candle(1, 1));
		series.upsert(candle(0, 9, 5));
		expect(series.interval).toBe(5);
		expect(closes(series)).toEqual([9]);
	});

	test('keeps the newest `capacity` candles and counts every change', () => {
		const series = new CandleSeries(3);
		for (let start = 0; start < 10; start++) {
			series.upsert(candle(start, start));
		}

		expect(closes(series)).toEqual([7, 8, 9]);
		expect(series.changes).toBe(10);
		series.clear();
		expect(series.size).toBe(0);
		expect(series.changes).toBe(11);
	});
});
