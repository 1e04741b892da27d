import {describe, expect, test} from 'vitest';
import type {TapeStore} from '../source/model/tape-store.js';
import type {Candle} from '../source/model/types.js';
import {
	appShownPerTest,
	lines,
	recordingCommands,
	seriesStore,
	ticker,
	tradeRows,
} from './helpers/screen.js';

const show = appShownPerTest();
const minute = 60_000;

/** Thirty one-minute BTC/USD candles rising from 100, the newest in the minute now. */
function risingCandles(now = Date.now()): Candle[] {
	const thisMinute = Math.floor(now / minute) * minute;
	return Array.from({length: 30}, (_, index) => ({
		pair: 'BTC/USD',
		interval: 1,
		start: thisMinute - (29 - index) * minute,
		open: 100 + index,
		high: 101.5 + index,
		low: 99.5 + index,
		close: 101 + index,
		vwap: 100.5 + index,
		volume: 1,
		trades: 2,
	}));
}

/** The usual three pairs with every channel asked for, and BTC/USD's ticker and candles come. */
function chartStore(): TapeStore {
	const store = seriesStore();
	for (const pair of store.pairs) {
		for (const channel of ['trade', 'ticker', 'ohlc'] as const) {
			store.setChannelState(pair, channel, 'subscribed');
		}
	}

	store.setTicker(
		ticker('BTC/USD', {last: 160, bid: 159.9, ask: 160.1, change: 9.6, changePct: 6.4}),
	);
	store.addCandles(risingCandles());
	return store;
}

const chartTitle = /^BTC\/USD 1m {2}O 129\.0 {2}H 130\.5 {2}L 128\.5 {2}C 130\.0 {2}vol 1\.0000$/m;

describe('app chart', () => {
	test('a tall terminal shows the candle chart above the tape, in a third of the pane', async () => {
		const app = show({store: chartStore(), columns: 100, rows: 40});
		const frame = await app.waitFor((frame) => expect(frame).toMatch(/BTC\/USD 1m/));
		const rows = lines(frame);
		expect(rows[0]).toBe('[1 BTC/USD 160.0 ▲ +6.40%]  2 ETH/USD 3,003 ▲   3 SOL/USD …');
		expect(rows[1]).toMatch(/^last 160\.0 {2}24h \+9\.6 \(\+6\.40%\) {2}high 66,450\.0 /);
		// The pane is 40 less tabs, two of stats, hints and status: 35, and the chart a third.
		expect(rows[3]).toMatch(chartTitle);
		const chart = rows.slice(4, 14);
		expect(chart).toHaveLength(10);
		// The newest candle is the last column before the axis, its close labelled on the top row;
		// the bottom row is the lowest low, half an hour ago at the far left.
		expect(chart.at(0)).toMatch(/█ 130\.0$/);
		expect(chart.at(-1)).toMatch(/^ +██ +99\.5$/);
		expect(tradeRows(frame)).toHaveLength(35 - 11 - 1);
	});

	test('at 80x24 the tape keeps the pane, and v shows the chart in its place and back', async () => {
		const app = show({store: chartStore()});
		const tape = await app.waitFor((frame) => expect(tradeRows(frame).length).toBeGreaterThan(0));
		expect(tape).not.toMatch(/BTC\/USD 1m/);
		expect(tradeRows(tape)).toHaveLength(18);
		await app.press('v');
		const chart = await app.waitFor((frame) => expect(frame).toMatch(/BTC\/USD 1m/));
		expect(tradeRows(chart)).toHaveLength(0);
		expect(lines(chart)[3]).toMatch(chartTitle);
		await app.press('v');
		await app.waitFor((frame) => expect(tradeRows(frame)).toHaveLength(18));
	});

	test('i and I step the candle interval, and the chart says it waits for the new candles', async () => {
		const store = chartStore();
		const commands = recordingCommands(store);
		const app = show({store, commands, columns: 100, rows: 40});
		await app.waitFor((frame) => expect(frame).toMatch(chartTitle));
		await app.press('i');
		await app.waitFor((frame) => expect(frame).toContain('waiting for BTC/USD 5m candles'));
		await app.press('I');
		await app.press('I');
		await app.waitFor((frame) => expect(frame).toContain('waiting for BTC/USD 15d candles'));
		expect(commands.calls).toEqual([
			{name: 'stepCandleInterval', step: 1},
			{name: 'stepCandleInterval', step: -1},
			{name: 'stepCandleInterval', step: -1},
		]);
		expect(store.candleInterval).toBe(21_600);
	});

	test('the focused pair whose candles were refused says why in the chart', async () => {
		const store = chartStore();
		store.setChannelState('ETH/USD', 'ohlc', 'error', 'Currency pair not supported ETH/USD');
		const app = show({store, columns: 100, rows: 40});
		await app.waitFor((frame) => expect(frame).toMatch(/BTC\/USD 1m/));
		await app.press('2');
		await app.waitFor((frame) =>
			expect(frame).toContain('1m candles: Currency pair not supported ETH/USD'),
		);
	});

	test('without candles asked for there is no chart and v changes nothing', async () => {
		const store = seriesStore();
		const app = show({store, columns: 100, rows: 40});
		const before = await app.waitFor((frame) => expect(tradeRows(frame).length).toBeGreaterThan(0));
		expect(tradeRows(before)).toHaveLength(34);
		await app.press('v');
		await app.press('g');
		await app.waitFor((frame) => expect(frame).toContain('╭'));
		await app.press('g');
		const after = await app.waitFor((frame) => expect(tradeRows(frame)).toHaveLength(34));
		expect(after).not.toContain('candles');
	});

	test('grid cards carry a sparkline of their pair, or say they wait for candles', async () => {
		const app = show({store: chartStore(), columns: 120, rows: 30});
		await app.waitFor((frame) => expect(frame).toMatch(/BTC\/USD 1m/));
		await app.press('g');
		const frame = await app.waitFor((frame) => expect(frame).toContain('waiting for candles'));
		// BTC/USD's closes rise a level every few minutes: the line climbs to the top at the right.
		expect(frame).toMatch(/│ *▁+▂+▃+▄+▅+▆+▇+█+│/);
		expect(frame).toContain('│160.0 24h +6.40% 0/min');
	});
});
