import {describe, expect, test} from 'vitest';
import {PairStats} from '../../source/model/pair-stats.js';
import type {Side, Trade} from '../../source/model/types.js';

const trade = (price: number, volume: number, side: Side, time: number): Trade => ({
	pair: 'XBT/USD',
	side,
	price,
	volume,
	time,
	orderType: 'limit',
});

function statsOf(trades: readonly Trade[]): PairStats {
	const stats = new PairStats();
	for (const item of trades) {
		stats.add(item);
	}

	return stats;
}

describe('pair-stats', () => {
	test('a snapshot never changes once read, and reading again without a trade gives the same one', () => {
		const stats = statsOf([trade(100, 1, 'buy', 1000)]);
		const paused = stats.snapshot;
		expect(stats.snapshot).toBe(paused);
		stats.add(trade(120, 2, 'sell', 2000));
		stats.add(trade(90, 1, 'buy', 3000));
		expect(paused).toEqual({
			tradeCount: 1,
			last: 100,
			first: 100,
			high: 100,
			low: 100,
			volume: 1,
			buyVolume: 1,
			sellVolume: 0,
			notional: 100,
			vwap: 100,
			lastTime: 1000,
		});
		expect(stats.snapshot).toMatchObject({
			tradeCount: 3,
			last: 90,
			previous: 120,
			high: 120,
			low: 90,
		});
		stats.clear();
		expect(paused.tradeCount).toBe(1);
		expect(stats.snapshot.tradeCount).toBe(0);
	});

	test('starts empty', () => {
		expect(new PairStats().snapshot).toEqual({
			tradeCount: 0,
			volume: 0,
			buyVolume: 0,
			sellVolume: 0,
			notional: 0,
		});
	});

	test('one trade sets every price to it', () => {
		expect(statsOf([trade(100, 2, 'buy', 1000)]).snapshot).toEqual({
			tradeCount: 1,
			last: 100,
			first: 100,
			high: 100,
			low: 100,
			volume: 2,
			buyVolume: 2,
			sellVolume: 0,
			notional: 200,
			vwap: 100,
			lastTime: 1000,
		});
	});

	test('computes a small sequence as by hand', () => {
		const stats = statsOf([
			trade(100, 2, 'buy', 1000),
			trade(110, 1, 'sell', 2000),
			trade(90, 3, 'buy', 3000),
			trade(105, 4, 'sell', 4000),
		]);
		// notional 200 + 110 + 270 + 420 = 1000 over volume 10.
		expect(stats.snapshot).toEqual({
			tradeCount: 4,
			last: 105,
			previous: 90,
			first: 100,
			high: 110,
			low: 90,
			volume: 10,
			buyVolume: 5,
			sellVolume: 5,
			notional: 1000,
			vwap: 100,
			lastTime: 4000,
		});
	});

	test('vwap weights by volume', () => {
		const {snapshot} = statsOf([trade(68_500, 0.25, 'buy', 1), trade(68_400, 0.75, 'sell', 2)]);
		// (68500 * 0.25 + 68400 * 0.75) / 1 = 68425
		expect(snapshot.vwap).toBeCloseTo(68_425, 9);
		expect(snapshot.notional).toBeCloseTo(68_425, 9);
		expect(snapshot.buyVolume).toBe(0.25);
		expect(snapshot.sellVolume).toBe(0.75);
	});

	test('last time is the latest even when a trade arrives late', () => {
		const {snapshot} = statsOf([trade(1, 1, 'buy', 5000), trade(2, 1, 'buy', 3000)]);
		expect(snapshot.lastTime).toBe(5000);
		expect(snapshot.last).toBe(2);
		expect(snapshot.previous).toBe(1);
	});

	test('trades per minute counts only the 60 s ending at now', () => {
		const stats = statsOf([
			trade(1, 1, 'buy', 59_000), // 61 s before now: out
			trade(1, 1, 'buy', 60_000), // exactly 60 s before now: out
			trade(1, 1, 'buy', 61_000),
			trade(1, 1, 'buy', 61_500),
			trade(1, 1, 'buy', 90_000),
			trade(1, 1, 'sell', 120_000), // at now: in
		]);
		expect(stats.tradesPerMinute(120_000)).toBe(4);
		expect(stats.tradesPerMinute(149_000)).toBe(2);
		expect(stats.tradesPerMinute(150_000)).toBe(1);
		expect(stats.tradesPerMinute(179_000)).toBe(1);
		expect(stats.tradesPerMinute(180_000)).toBe(0);
	});

	test('trades per minute ignores trades after now', () => {
		const stats = statsOf([trade(1, 1, 'buy', 10_000), trade(1, 1, 'buy', 30_000)]);
		expect(stats.tradesPerMinute(20_000)).toBe(1);
	});

	test('a bucket reused a minute later forgets its old count', () => {
		const stats = statsOf([
			trade(1, 1, 'buy', 5000),
			trade(1, 1, 'buy', 5200),
			trade(1, 1, 'buy', 65_000), // the same one-second bucket, 60 s on
		]);
		expect(stats.tradesPerMinute(65_000)).toBe(1);
		expect(stats.snapshot.tradeCount).toBe(3);
	});

	test('counts a burst within one second', () => {
		const stats = statsOf(
			Array.from({length: 250}, (_, index) => trade(1, 1, 'buy', 7000 + index)),
		);
		expect(stats.tradesPerMinute(7999)).toBe(250);
	});

	test('clear forgets everything', () => {
		const stats = statsOf([trade(100, 2, 'buy', 1000), trade(110, 1, 'sell', 2000)]);
		stats.clear();
		expect(stats.snapshot).toEqual({
			tradeCount: 0,
			volume: 0,
			buyVolume: 0,
			sellVolume: 0,
			notional: 0,
		});
		expect(stats.tradesPerMinute(2000)).toBe(0);
		stats.add(trade(50, 1, 'sell', 3000));
		expect(stats.snapshot.first).toBe(50);
		expect(stats.snapshot.previous).toBeUndefined();
		expect(stats.tradesPerMinute(3000)).toBe(1);
	});
});
