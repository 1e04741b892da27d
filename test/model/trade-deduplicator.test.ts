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
		expect(result).toEqual({fresh: ids(1, 3), duplicates: 0, gaps: [], renumbered: []});
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
		expect(result).toEqual({fresh: [v2(5), v2(6)], duplicates: 2, gaps: [], renumbered: []});
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
		expect(deduplicator.accept(ids(5, 6))).toEqual({
			fresh: ids(5, 6),
			duplicates: 0,
			gaps: [],
			renumbered: [],
		});
	});

	test('keeps genuine v1 repeats when not replaying', () => {
		const deduplicator = new TradeDeduplicator();
		const trades = [v1(1000), v1(1000), v1(900), v1(1000)];
		expect(deduplicator.accept(trades)).toEqual({
			fresh: trades,
			duplicates: 0,
			gaps: [],
			renumbered: [],
		});
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
		expect(result).toEqual({
			fresh: [v1(2000, 37_090, 0.5)],
			duplicates: 0,
			gaps: [],
			renumbered: [],
		});
	});

	test('v1 replay stops after the first newer trade', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept([v1(2000)]);
		deduplicator.beginReplay('XBT/USD');
		expect(deduplicator.accept([v1(1500)]).duplicates).toBe(1);
		expect(deduplicator.accept([v1(2500)]).fresh).toEqual([v1(2500)]);
		// Outside replay, an older trade and a repeat at the same time both pass.
		const after = deduplicator.accept([v1(1500), v1(2500)]);
		expect(after).toEqual({fresh: [v1(1500), v1(2500)], duplicates: 0, gaps: [], renumbered: []});
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

/** A v2 trade with its own time, for a restarted exchange whose ids restarted lower or higher. */
const at = (tradeId: number, time: number, pair = 'BTC/USD'): Trade => ({
	...v2(tradeId, pair),
	time,
});

describe('trade-deduplicator when the exchange renumbers its trades', () => {
	const start = 1_716_813_190_000;

	test('a resubscription whose snapshot is wholly older starts the pair over, once', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept(ids(5000, 5010));
		deduplicator.beginReplay('BTC/USD');
		const snapshot = [at(200, start + 60_000), at(201, start + 60_001), at(202, start + 60_002)];
		const result = deduplicator.accept(snapshot);
		expect(result.fresh).toEqual(snapshot);
		expect(result.duplicates).toBe(0);
		expect(result.gaps).toEqual([]);
		expect(result.renumbered).toEqual([{pair: 'BTC/USD', lastTradeId: 5010, firstTradeId: 200}]);
		// Then the new numbering is the one followed: repeats of it are dropped, gaps in it counted.
		const next = deduplicator.accept([
			at(202, start + 60_002),
			at(203, start + 60_003),
			at(206, start + 60_004),
		]);
		expect(next.duplicates).toBe(1);
		expect(next.renumbered).toEqual([]);
		expect(next.gaps).toEqual([{pair: 'BTC/USD', afterTradeId: 203, missing: 2}]);
	});

	test('a first live trade below the last id after a resubscription starts the pair over', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept(ids(500, 520));
		deduplicator.beginReplay('BTC/USD');
		const result = deduplicator.accept([at(100, start + 9000)]);
		expect(result.fresh).toEqual([at(100, start + 9000)]);
		expect(result.renumbered).toHaveLength(1);
	});

	test('a resubscription snapshot that reaches the last id seen is an overlap, not a new sequence', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept(ids(1, 60));
		deduplicator.beginReplay('BTC/USD');
		const result = deduplicator.accept(ids(11, 60));
		expect(result).toEqual({fresh: [], duplicates: 50, gaps: [], renumbered: []});
	});

	test('live trades far below the last id start the pair over mid-stream', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept(ids(90_000, 90_010));
		const result = deduplicator.accept([at(12, start + 20_000), at(13, start + 20_001)]);
		expect(result.fresh).toHaveLength(2);
		expect(result.renumbered).toEqual([{pair: 'BTC/USD', lastTradeId: 90_010, firstTradeId: 12}]);
	});

	test('a jump too large for the time it spans is a renumbering, not missed trades', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept([at(20_000_000, start), at(20_000_001, start + 1)]);
		deduplicator.beginReplay('BTC/USD');
		// 31 million ids in five seconds: no market trades that fast.
		const result = deduplicator.accept([at(51_738_153, start + 5000)]);
		expect(result.gaps).toEqual([]);
		expect(result.renumbered).toEqual([
			{pair: 'BTC/USD', lastTradeId: 20_000_001, firstTradeId: 51_738_153},
		]);
	});

	test('a large jump over a long outage is still a gap', () => {
		const deduplicator = new TradeDeduplicator();
		deduplicator.accept([at(1000, start)]);
		deduplicator.beginReplay('BTC/USD');
		// An hour away on a busy pair: 40,000 trades missed is plausible.
		const result = deduplicator.accept([at(41_001, start + 3_600_000)]);
		expect(result.renumbered).toEqual([]);
		expect(result.gaps).toEqual([{pair: 'BTC/USD', afterTradeId: 1000, missing: 40_000}]);
	});
});
