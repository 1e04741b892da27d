import {describe, expect, test} from 'vitest';
import {listedPairs} from '../../source/simulator/pair-catalog.js';
import {
	candleDifference,
	readCandle,
	readTicker,
	tickerDifference,
	type OhlcRow,
	type WrittenCandle,
	type WrittenTicker,
} from './market-lines.js';

const pair = listedPairs.find((listed) => listed.symbol === 'BTC/USD')!;

/** Lines as --json writes them (json-lines.ts). */
const ticker = {
	type: 'ticker',
	pair: 'BTC/USD',
	last: 68_010.4,
	bid: 68_010.3,
	bidQty: 0.5,
	ask: 68_010.5,
	askQty: 1.25,
	high: 68_400,
	low: 67_500.1,
	volume: 1234.5,
	vwap: 67_900.2,
	change: 110.4,
	changePct: 0.16,
	time: '2026-12-07T10:00:01.250Z',
};
const candle = {
	type: 'candle',
	pair: 'BTC/USD',
	interval: 1,
	start: '2026-12-07T10:00:00.000Z',
	open: 68_000,
	high: 68_020.5,
	low: 67_990.1,
	close: 68_010.4,
	vwap: 68_005.2,
	volume: 1.234_567_89,
	trades: 42,
};

describe('market-lines', () => {
	test('well formed ticker and candle lines are read', () => {
		expect(readTicker(ticker)).toEqual(ticker);
		expect(readCandle(candle)).toEqual(candle);
	});

	test.each([
		['a price that is not a number', {last: 'abc'}, /last/],
		['low above high', {low: 68_500, high: 68_400}, /low above high/],
		['the last price outside the day', {last: 70_000}, /last outside the day/],
		['bid above ask', {bid: 68_011}, /bid above ask/],
		['a time that is not one', {time: 'soon'}, /time/],
	])('a ticker with %s is not', (_name, change, problem) => {
		expect(readTicker({...ticker, ...change})).toMatch(problem);
	});

	test.each([
		['a start off the minute', {start: '2026-12-07T10:00:30.000Z'}, /start not on the interval/],
		['a close above the high', {close: 68_030}, /open or close outside/],
		['a vwap outside the range', {vwap: 67_000}, /vwap outside/],
		['a fraction of a trade', {trades: 4.5}, /trades/],
		['a negative volume', {volume: -1}, /volume/],
	])('a candle with %s is not', (_name, change, problem) => {
		expect(readCandle({...candle, ...change})).toMatch(problem);
	});

	test("the last candle is compared with the exchange's row of its start, at the pair's decimals", () => {
		const written = readCandle(candle) as WrittenCandle;
		const start = Date.parse(candle.start) / 1000;
		const row = (close: string, count: number, time = start): OhlcRow => [
			time,
			'68000.0',
			'68020.5',
			'67990.1',
			close,
			'68005.2',
			'1.23456789',
			count,
		];
		const earlier = row('68001.0', 7, start - 60);
		expect(candleDifference(pair, written, [earlier, row('68010.4', 42)])).toBeUndefined();
		expect(candleDifference(pair, written, [row('68010.5', 42)])).toMatch(
			/68010\.4 .* against the exchange's .*68010\.5/,
		);
		expect(candleDifference(pair, written, [row('68010.4', 43)])).toMatch(/42 against .* 43$/);
		expect(candleDifference(pair, written, [])).toMatch(/no candle at/);
		expect(candleDifference(pair, undefined, [])).toBe('no candle line written');
	});

	test('the last ticker is compared with the last trade made', () => {
		const written = readTicker(ticker) as WrittenTicker;
		const made = (price: number) => ({
			side: 'buy' as const,
			price,
			volume: 0.1,
			orderType: 'market' as const,
			timeMicros: 0,
			tradeId: 1,
		});
		expect(tickerDifference(pair, written, made(68_010.4))).toBeUndefined();
		expect(tickerDifference(pair, written, made(68_010.6))).toMatch(/68010\.4 against .*68010\.6/);
	});
});
