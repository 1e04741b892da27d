import {describe, expect, test} from 'vitest';
import {bigTradeThreshold} from '../../source/model/big-trade.js';
import type {PairStatsSnapshot} from '../../source/model/pair-stats.js';

function stats(tradeCount: number, notional: number): PairStatsSnapshot {
	return {tradeCount, notional, volume: 1, buyVolume: 1, sellVolume: 0};
}

describe('big-trade', () => {
	test('a fixed notional is the threshold from the first trade', () => {
		expect(bigTradeThreshold(stats(0, 0), 50_000)).toBe(50_000);
		expect(bigTradeThreshold(stats(500, 1e9), 50_000)).toBe(50_000);
	});

	test('without one there is no threshold before 20 trades', () => {
		expect(bigTradeThreshold(stats(0, 0), undefined)).toBeUndefined();
		expect(bigTradeThreshold(stats(19, 1900), undefined)).toBeUndefined();
	});

	test('from 20 trades the threshold is ten times the average notional', () => {
		expect(bigTradeThreshold(stats(20, 2000), undefined)).toBe(1000);
		expect(bigTradeThreshold(stats(40, 1000), undefined)).toBe(250);
	});
});
