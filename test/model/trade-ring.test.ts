import {describe, expect, test} from 'vitest';
import {TradeRing} from '../../source/model/trade-ring.js';
import type {Trade} from '../../source/model/types.js';

const trade = (id: number, overrides: Partial<Trade> = {}): Trade => ({
	pair: 'BTC/USD',
	side: id % 2 === 0 ? 'buy' : 'sell',
	price: 68_000 + id / 10,
	volume: id / 1000,
	time: 1_716_813_190_826 + id,
	orderType: id % 3 === 0 ? 'market' : 'limit',
	tradeId: id,
	...overrides,
});

function filled(capacity: number, count: number): TradeRing {
	const ring = new TradeRing('BTC/USD', capacity);
	for (let id = 1; id <= count; id++) {
		ring.push(trade(id));
	}

	return ring;
}

const ids = (trades: readonly Trade[]) => trades.map((item) => item.tradeId);

describe('trade-ring', () => {
	test.each<[number]>([[0], [-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
		'refuses capacity %d',
		(capacity) => {
			expect(() => new TradeRing('BTC/USD', capacity)).toThrow(RangeError);
		},
	);

	test('gives back every field of every kind of trade as it went in', () => {
		const ring = new TradeRing('XBT/USD', 8);
		const trades: Trade[] = [
			trade(1, {pair: 'XBT/USD', side: 'buy', orderType: 'market'}),
			trade(2, {pair: 'XBT/USD', side: 'buy', orderType: 'limit'}),
			trade(3, {pair: 'XBT/USD', side: 'sell', orderType: 'market', price: 0.00001234}),
			trade(4, {pair: 'XBT/USD', side: 'sell', orderType: 'limit', volume: 1e-8}),
			trade(6, {pair: 'XBT/USD', side: 'sell', orderType: 'limit', isBackfilled: true}),
			trade(7, {pair: 'XBT/USD', side: 'buy', orderType: 'market', isBackfilled: true}),
		];
		// v1 trades have no id, and must not come back with one.
		const {tradeId: _, ...withoutId} = trade(5, {pair: 'XBT/USD'});
		for (const item of [...trades, withoutId]) {
			ring.push(item);
		}

		expect(ring.newest(10)).toEqual([withoutId, ...[...trades].reverse()]);
		expect('tradeId' in ring.fromNewest(0)!).toBe(false);
		// Only a trade from REST history says so.
		expect('isBackfilled' in ring.fromNewest(3)!).toBe(false);
	});

	test('starts empty', () => {
		const ring = new TradeRing('BTC/USD', 3);
		expect(ring.size).toBe(0);
		expect(ring.capacity).toBe(3);
		expect(ring.fromNewest(0)).toBeUndefined();
		expect(ring.newest(5)).toEqual([]);
	});

	test('overwrites the oldest trade once full', () => {
		const ring = filled(3, 7);
		expect(ring.size).toBe(3);
		expect(ids(ring.newest(3))).toEqual([7, 6, 5]);
		expect(ring.fromNewest(2)?.tradeId).toBe(5);
		expect(ring.fromNewest(3)).toBeUndefined();
		expect(ring.fromNewest(-1)).toBeUndefined();
	});

	test('pages with count and skip', () => {
		const ring = filled(10, 25);
		expect(ids(ring.newest(3))).toEqual([25, 24, 23]);
		expect(ids(ring.newest(3, 3))).toEqual([22, 21, 20]);
		expect(ids(ring.newest(5, 8))).toEqual([17, 16]);
		expect(ring.newest(5, 10)).toEqual([]);
	});

	test('clear empties it and it fills again from scratch', () => {
		const ring = filled(3, 5);
		ring.clear();
		expect(ring.size).toBe(0);
		expect(ring.newest(3)).toEqual([]);
		ring.push(trade(9));
		expect(ids(ring.newest(3))).toEqual([9]);
	});
});
