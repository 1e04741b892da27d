import {describe, expect, test} from 'vitest';
import {TradeDeduplicator} from '../../source/model/trade-deduplicator.js';
import type {Trade} from '../../source/model/types.js';

/** A v2 trade: the id drives deduplication. */
const v2 = (tradeId: number, pair = 'BTC/USD'): Trade => ({
	pair,
	side: 'buy',
	price: 68_000 + tradeId,
	volume: 0.01,
	time: 1_716_813_190_000 + tradeId,
	orderType: 'limit',
	tradeId,
});

/** A v1 trade: no id, so time and contents are all there is. */
const v1 = (time: number, price = 37_080.1, volume = 0.1, pair = 'XBT/USD'): Trade => ({
	pair,
	side: 'sell',
	price,
	volume,
	time,
	orderType: 'market',
});

const ids = (start: number, end: number): Trade[] =>
	Array.from({length: end - start + 1}, (_, index) => v2(start + index));

describe('trade-deduplicator', () => {
	test('passes new v2 trades through', () => {
		const result = new TradeDeduplicator().accept(ids(1, 3));
		expect(result).toEqual({fresh: ids(1, 3), duplicates: 0, gaps: []});
	});

	test('drops a reconnect snapshot overlapping the last 10 trades seen', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept(ids(1, 60));
		// 50-trade snapshot: ids 51..100, of which 51..60 were already shown.
		const result = deduplicator.accept(ids(51, 100));
		expect(result.duplicates).toBe(10);
		expect(result.fresh).toEqual(ids(61, 100));
		expect(result.gaps).toEqual([]);
	});

	test('drops a v2 trade repeated within one batch', () => {
		const result = new TradeDeduplicator().accept([v2(5), v2(6), v2(6), v2(4)]);
		expect(result).toEqual({fresh: [v2(5), v2(6)], duplicates: 2, gaps: []});
	});

	test('reports a gap with the count of missing trades', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept(ids(1, 10));
		const result = deduplicator.accept([v2(11), v2(15), v2(16), v2(20)]);
		expect(result.fresh).toEqual([v2(11), v2(15), v2(16), v2(20)]);
		expect(result.gaps).toEqual([
			{pair: 'BTC/USD', afterTradeId: 11, missing: 3},
			{pair: 'BTC/USD', afterTradeId: 16, missing: 3},
		]);
	});

	test('a snapshot that starts after the last trade seen is a gap', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept(ids(1, 60));
		const result = deduplicator.accept(ids(71, 120));
		expect(result.duplicates).toBe(0);
		expect(result.gaps).toEqual([{pair: 'BTC/USD', afterTradeId: 60, missing: 10}]);
	});

	test('the first trade of a pair is never a gap', () => {
		expect(new TradeDeduplicator().accept([v2(70_635_251)]).gaps).toEqual([]);
	});

	test('keeps trade ids per pair', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept([v2(100, 'BTC/USD')]);
		const result = deduplicator.accept([v2(5, 'ETH/USD'), v2(100, 'BTC/USD'), v2(6, 'ETH/USD')]);
		expect(result.fresh).toEqual([v2(5, 'ETH/USD'), v2(6, 'ETH/USD')]);
		expect(result.duplicates).toBe(1);
	});

	test('forget lets a pair start over', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept(ids(1, 10));
		deduplicator.forget('BTC/USD');
		expect(deduplicator.accept(ids(5, 6))).toEqual({fresh: ids(5, 6), duplicates: 0, gaps: []});
	});

	test('keeps genuine v1 repeats when not replaying', () => {
		const deduplicator = new TradeDeduplicator();
		const trades = [v1(1000), v1(1000), v1(900), v1(1000)];
		expect(deduplicator.accept(trades)).toEqual({fresh: trades, duplicates: 0, gaps: []});
	});

	test('v1 replay drops older trades and identical ones at the last time', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept([v1(1000), v1(2000), v1(2000), v1(2000, 37_081)]);
		deduplicator.beginReplay('XBT/USD');
		// Kraken resends recent trades after resubscribing; then new ones arrive.
		const result = deduplicator.accept([
			v1(1000),
			v1(2000),
			v1(2000, 37_081),
			v1(2000),
			v1(3000),
			v1(3000),
		]);
		expect(result.duplicates).toBe(4);
		expect(result.fresh).toEqual([v1(3000), v1(3000)]);
	});

	test('v1 replay keeps a new trade at the last time and stops dropping after it', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept([v1(1000), v1(2000)]);
		deduplicator.beginReplay('XBT/USD');
		const result = deduplicator.accept([v1(2000), v1(2000), v1(1000)]);
		// The second v1(2000) is one more than was seen: a genuine new fill.
		expect(result.fresh).toEqual([v1(2000), v1(1000)]);
		expect(result.duplicates).toBe(1);
	});

	test('v1 replay keeps a different trade at the last time', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept([v1(2000)]);
		deduplicator.beginReplay('XBT/USD');
		const result = deduplicator.accept([v1(2000, 37_090, 0.5)]);
		expect(result).toEqual({fresh: [v1(2000, 37_090, 0.5)], duplicates: 0, gaps: []});
	});

	test('v1 replay stops after the first newer trade', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept([v1(2000)]);
		deduplicator.beginReplay('XBT/USD');
		expect(deduplicator.accept([v1(1500)]).duplicates).toBe(1);
		expect(deduplicator.accept([v1(2500)]).fresh).toEqual([v1(2500)]);
		// Outside replay, an older trade and a repeat at the same time both pass.
		const after = deduplicator.accept([v1(1500), v1(2500)]);
		expect(after).toEqual({fresh: [v1(1500), v1(2500)], duplicates: 0, gaps: []});
	});

	test('beginReplay for a pair never seen drops nothing', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.beginReplay('XBT/USD');
		expect(deduplicator.accept([v1(1000), v1(1000)]).duplicates).toBe(0);
	});

	test('beginReplay touches only its own pair', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept([v1(2000), v1(2000, 3000, 1, 'ETH/USD')]);
		deduplicator.beginReplay('XBT/USD');
		const result = deduplicator.accept([v1(2000, 3000, 1, 'ETH/USD'), v1(2000)]);
		expect(result.fresh).toEqual([v1(2000, 3000, 1, 'ETH/USD')]);
		expect(result.duplicates).toBe(1);
	});
});
