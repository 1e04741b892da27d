import {describe, expect, test} from 'vitest';
import {IdSequencer} from '../../source/kraken/backfill/id-sequencer.js';
import {Deliveries, type Hole, type PageRequest} from '../../source/kraken/backfill/sequencer.js';
import type {Trade, TradeOrigin} from '../../source/model/types.js';

// v2's ordering and hold-back rules (docs/reliability.md): trades go out per pair in strictly
// increasing trade id, every gap filled from REST exactly once, live trades held meanwhile, and
// holding bounded by time and count.

const pair = 'BTC/USD';
const start = 1_700_000_000_000;

function trade(tradeId: number, isBackfilled = false): Trade {
	return {
		pair,
		side: 'buy',
		price: 100 + tradeId,
		volume: 1,
		time: start + tradeId * 10,
		orderType: 'market',
		tradeId,
		...(isBackfilled ? {isBackfilled: true} : {}),
	};
}

const ids = (from: number, to: number) =>
	Array.from({length: to - from + 1}, (_, index) => from + index);

function setup(limits = {holdMs: 30_000, holdCount: 100_000}) {
	const fetches: PageRequest[] = [];
	const filled: number[] = [];
	const holes: Hole[] = [];
	const out: Array<{id: number; origin: TradeOrigin; isBackfilled: boolean}> = [];
	const sequencer = new IdSequencer(
		{
			fetch: (request) => fetches.push(request),
			filled: (_pair, count) => filled.push(count),
			hole: (hole) => holes.push(hole),
		},
		limits,
	);
	const record = (list: ReadonlyArray<{trades: readonly Trade[]; origin: TradeOrigin}>) => {
		for (const {trades, origin} of list) {
			for (const entry of trades) {
				out.push({id: entry.tradeId!, origin, isBackfilled: entry.isBackfilled === true});
			}
		}
	};

	return {
		sequencer,
		fetches,
		filled,
		holes,
		out,
		live(tradeIds: readonly number[], now = start, origin: TradeOrigin = 'live') {
			record(
				sequencer.accept(
					tradeIds.map((id) => trade(id)),
					origin,
					now,
				),
			);
		},
		page(tradeIds: readonly number[], isFull: boolean) {
			const deliveries = new Deliveries();
			const verdict = sequencer.page(
				pair,
				{trades: tradeIds.map((id) => trade(id, true)), last: `${tradeIds.at(-1) ?? 0}`, isFull},
				deliveries,
			);
			record(deliveries.list);
			return verdict;
		},
		expire(now: number) {
			const deliveries = new Deliveries();
			sequencer.expire(now, deliveries);
			record(deliveries.list);
		},
	};
}

type Run = ReturnType<typeof setup>;

describe('IdSequencer', () => {
	test('trades in sequence go straight out', () => {
		const run = setup();
		run.live([10, 11, 12]);
		expect(run.out.map((entry) => entry.id)).toEqual([10, 11, 12]);
		expect(run.fetches).toEqual([]);
	});

	test('a jump holds the trades after it until REST fills the gap; each goes out once, in order', () => {
		const run = setup();
		run.live([10, 11]);
		run.live([15, 16]);
		expect(run.out.map((entry) => entry.id)).toEqual([10, 11]);
		expect(run.sequencer.isHolding(pair)).toBe(true);
		// From the last trade out's time, in nanoseconds, exact.
		expect(run.fetches).toEqual([{pair, since: `${start + 110}000000`, count: 1000}]);

		// An inclusive `since` repeats the last trade out; REST also knows the held ones.
		expect(run.page([11, 12, 13, 14, 15, 16], false)).toEqual({kind: 'done'});
		run.live([17]);
		expect(run.out).toEqual([
			{id: 10, origin: 'live', isBackfilled: false},
			{id: 11, origin: 'live', isBackfilled: false},
			{id: 12, origin: 'history', isBackfilled: true},
			{id: 13, origin: 'history', isBackfilled: true},
			{id: 14, origin: 'history', isBackfilled: true},
			{id: 15, origin: 'live', isBackfilled: false},
			{id: 16, origin: 'live', isBackfilled: false},
			{id: 17, origin: 'live', isBackfilled: false},
		]);
		expect(run.filled).toEqual([3]);
		expect(run.holes).toEqual([]);
	});

	test('pages until the gap is filled: a full page asks from its last, a short one asks again', () => {
		const run = setup();
		run.live([1]);
		run.live([2000]);
		const first = run.page(ids(1, 1000), true);
		expect(first).toEqual({kind: 'more', request: {pair, since: '1000', count: 1000}});
		// REST not yet caught up with the feed: the same place again, later.
		const second = run.page(ids(1001, 1500), false);
		expect(second).toEqual({
			kind: 'more',
			request: {pair, since: `${start + 15_000}000000`, count: 1000},
		});
		expect(run.page(ids(1500, 2000), false)).toEqual({kind: 'done'});
		expect(run.out.map((entry) => entry.id)).toEqual(ids(1, 2000));
		expect(run.filled).toEqual([1998]);
	});

	test('live trades arriving while it fills are held in place, repeats and all', () => {
		const run = setup();
		run.live([1]);
		run.live([5]);
		run.live([4, 6, 6, 3, 7]);
		run.page([2], false);
		expect(run.out.map((entry) => entry.id)).toEqual(ids(1, 7));
	});

	test('ids REST skipped past are a hole, reported once; the held trades go on', () => {
		const run = setup();
		run.live([1]);
		run.live([10]);
		// REST has 2-4 and 9-10: 5-8 never happened as far as REST will tell.
		expect(run.page([2, 3, 4, 9, 10], false)).toEqual({kind: 'done'});
		expect(run.out.map((entry) => entry.id)).toEqual([1, 2, 3, 4, 9, 10]);
		expect(run.holes).toEqual([{pair, afterTradeId: 4, missing: 4}]);
	});

	test('held for 30 s without REST: what is held goes out and the hole is reported', () => {
		const run = setup();
		run.live([1], start);
		run.live([5, 6], start + 1000);
		run.expire(start + 30_999);
		expect(run.out.map((entry) => entry.id)).toEqual([1]);
		run.expire(start + 31_000);
		expect(run.out.map((entry) => entry.id)).toEqual([1, 5, 6]);
		expect(run.holes).toEqual([{pair, afterTradeId: 1, missing: 3}]);
		// A late page changes nothing, and live trades flow again.
		expect(run.page([2, 3, 4], false)).toEqual({kind: 'done'});
		run.live([7], start + 32_000);
		expect(run.out.map((entry) => entry.id)).toEqual([1, 5, 6, 7]);
	});

	test('holding 100,000 trades lets them go at once', () => {
		const run = setup({holdMs: 30_000, holdCount: 5});
		run.live([1]);
		run.live([3, 4, 5, 6]);
		expect(run.out).toHaveLength(1);
		run.live([7]);
		expect(run.out.map((entry) => entry.id)).toEqual([1, 3, 4, 5, 6, 7]);
		expect(run.holes).toEqual([{pair, afterTradeId: 1, missing: 1}]);
	});

	// Each pair's hold is its own: whatever ends (or does not end) one, another pair held stays
	// held, and goes at the limit.
	test.each([
		{
			name: 'a hole filled by REST',
			act(run: Run) {
				run.live([1]);
				run.live([5]);
				run.page([2, 3, 4, 5], false);
			},
		},
		{
			name: 'a pair forgotten while held',
			act(run: Run) {
				run.live([1]);
				run.live([5]);
				run.sequencer.forget(pair);
			},
		},
		{
			name: 'a pair renumbered while held',
			act(run: Run) {
				run.live([1]);
				run.live([5]);
				run.sequencer.renumbered(pair, new Deliveries());
			},
		},
		{
			name: 'a pair not held renumbered',
			act(run: Run) {
				run.live([1, 2]);
				run.sequencer.renumbered(pair, new Deliveries());
			},
		},
		{
			name: 'a pair not held forgotten',
			act(run: Run) {
				run.live([1, 2]);
				run.sequencer.forget(pair);
			},
		},
	])('$name leaves another pair held to the limit', ({act}) => {
		const run = setup();
		const other = (tradeIds: readonly number[], now: number) =>
			run.sequencer.accept(
				tradeIds.map((id) => ({...trade(id), pair: 'ETH/USD'})),
				'live',
				now,
			);
		other([1], start);
		other([5], start);
		act(run);
		expect(run.sequencer.isHolding('ETH/USD')).toBe(true);
		expect(other([6], start + 29_999)).toEqual([]);
		const released = other([7], start + 30_000);
		expect(released.flatMap((entry) => entry.trades.map((one) => one.tradeId))).toEqual([5, 6, 7]);
		expect(run.sequencer.isHolding('ETH/USD')).toBe(false);
	});

	test("the start's history comes first, then the snapshot and live trades after it, none twice", () => {
		const run = setup();
		run.sequencer.awaitHistory(pair, 5, start);
		expect(run.fetches).toEqual([{pair, count: 5}]);
		// The snapshot (history) overlaps what REST will send.
		run.live(ids(48, 60), start, 'history');
		run.live([61]);
		expect(run.out).toEqual([]);
		run.page(ids(46, 50), true);
		expect(run.out.map((entry) => [entry.id, entry.origin])).toEqual([
			...ids(46, 50).map((id) => [id, 'history']),
			...ids(51, 60).map((id) => [id, 'history']),
			[61, 'live'],
		]);
		// A trade both sent is the feed's: only what REST alone had is marked.
		expect(run.out.filter((entry) => entry.isBackfilled).map((entry) => entry.id)).toEqual([
			46, 47,
		]);
	});

	test("the start's history older than the snapshot pages on until they meet", () => {
		const run = setup();
		run.sequencer.awaitHistory(pair, 3, start);
		run.live(ids(100, 102), start, 'history');
		expect(run.page([90, 91, 92], true)).toEqual({
			kind: 'more',
			request: {pair, since: '92', count: 1000},
		});
		run.page(ids(93, 101), false);
		expect(run.out.map((entry) => entry.id)).toEqual(ids(90, 102));
	});

	test('a new numbering lets what is held go and starts from its first trade', () => {
		const run = setup();
		run.live([500]);
		run.live([505]);
		const deliveries = new Deliveries();
		run.sequencer.renumbered(pair, deliveries);
		expect(deliveries.list.flatMap((entry) => entry.trades.map((one) => one.tradeId))).toEqual([
			505,
		]);
		run.live([1, 2]);
		expect(run.sequencer.isHolding(pair)).toBe(false);
	});
});
