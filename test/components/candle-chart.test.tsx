import {describe, expect, test} from 'vitest';
import {CandleChart, intervalLabel} from '../../source/components/candle-chart.js';
import {asciiGlyphs} from '../../source/model/glyphs.js';
import {colourlessTheme} from '../../source/model/theme.js';
import type {Candle} from '../../source/model/types.js';
import {createStore, renderFrame, series, tapeOf} from '../helpers/screen.js';

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
		volume: 2.5,
		trades: 3,
	};
}

/** BTC/USD with prices at one decimal (from its trades) and these candles. */
function chart(
	candles: readonly Candle[],
	width: number,
	height: number,
	now: number,
	ascii = false,
) {
	const store = createStore(['BTC/USD'], series('BTC/USD', 1, 100.5 - 1));
	store.addCandles(candles);
	const display = ascii ? {glyphs: asciiGlyphs, theme: colourlessTheme} : undefined;
	return renderFrame(
		<CandleChart
			tape={tapeOf(store, 'BTC/USD')}
			interval={1}
			width={width}
			height={height}
			now={now}
		/>,
		width,
		display,
	).split('\n');
}

describe('candle-chart', () => {
	test('draws wicks and bodies, newest on the right, with a gap where a minute had no trades', () => {
		const candles = [
			candle(0, 100, 104, 100, 104),
			candle(1, 104, 104, 100, 100),
			candle(3, 101, 102, 100, 102),
		];
		const rows = chart(candles, 14, 6, base + 3 * minute, true);
		// Seven columns of plot beside the axis: the gap is minute 2, minute 3 is now.
		expect(rows).toEqual([
			'BTC/USD 1m',
			'   #=   104.0',
			'   #=',
			'   #= # 102.0',
			'   #= #',
			'   #= | 100.0',
		]);
	});

	test('a single candle, and a flat market, still draw', () => {
		const rows = chart([candle(0, 100, 100, 100, 100)], 12, 4, base, true);
		// Less than a tick of range, and rows beside the close: only the close is labelled.
		expect(rows.slice(1)).toEqual(['', '    # 100.0', '']);
	});

	test('the title keeps the pair and the close first when the width is short', () => {
		const candles = [candle(0, 100, 104, 99, 102)];
		expect(chart(candles, 60, 4, base)[0]).toBe(
			'BTC/USD 1m  O 100.0  H 104.0  L 99.0  C 102.0  vol 2.5000',
		);
		expect(chart(candles, 44, 4, base)[0]).toBe('BTC/USD 1m  H 104.0  L 99.0  C 102.0');
		expect(chart(candles, 24, 4, base)[0]).toBe('BTC/USD 1m  C 102.0');
	});

	test('in a very narrow width it draws what fits and never runs past the edge', () => {
		const candles = Array.from({length: 30}, (_, index) =>
			candle(index, 100 + index, 101 + index, 99 + index, 100.5 + index),
		);
		for (const width of [8, 12, 20]) {
			const rows = chart(candles, width, 5, base + 29 * minute);
			for (const row of rows) {
				expect(row.length).toBeLessThanOrEqual(width);
			}
		}
	});

	test('says what it waits for, and why a refused channel is empty', () => {
		expect(chart([], 40, 4, base)).toEqual(['waiting for BTC/USD 1m candles']);
		const store = createStore(['BTC/USD']);
		store.setChannelState('BTC/USD', 'ohlc', 'error', 'Currency pair not supported BTC/USD');
		const frame = renderFrame(
			<CandleChart tape={tapeOf(store, 'BTC/USD')} interval={5} width={60} height={4} now={base} />,
			60,
		);
		expect(frame).toBe('5m candles: Currency pair not supported BTC/USD');
	});

	test.each([
		[1, '1m'],
		[15, '15m'],
		[60, '1h'],
		[240, '4h'],
		[1440, '1d'],
		[10_080, '1w'],
		[21_600, '15d'],
	])('interval %i reads %s', (minutes, label) => {
		expect(intervalLabel(minutes)).toBe(label);
	});
});
