import {describe, expect, test} from 'vitest';
import {Deliveries, type PageRequest} from '../../source/kraken/backfill/sequencer.js';
import {TimeSequencer} from '../../source/kraken/backfill/time-sequencer.js';
import type {Trade, TradeOrigin} from '../../source/model/types.js';

// v1's best effort (docs/reliability.md): no trade ids, so REST rows are matched to what was seen
// by time to the millisecond, price, volume and side. What it promises: after a resubscription,
// REST rows after the last trade seen and before the first one held go out once, in time order,
// before the held ones; a row alike in all four to one seen or held is taken for it.

const pair = 'XBT/USD';
const start = 1_700_000_000_000;

function trade(time: number, price: number, isBackfilled = false): Trade {
	return {
		pair,
		side: 'sell',
		price,
		volume: 0.5,
		time: start + time,
		orderType: 'limit',
		...(isBackfilled ? {isBackfilled: true} : {}),
	};
}

type Row = readonly [time: number, price: number];

function setup() {
	const fetches: PageRequest[] = [];
	const filled: number[] = [];
	const out: Array<{row: Row; origin: TradeOrigin; isBackfilled: boolean}> = [];
	const sequencer = new TimeSequencer(
		{fetch: (request) => fetches.push(request), filled: (_pair, count) => filled.push(count)},
		{holdMs: 30_000, holdCount: 100_000},
	);
	const record = (list: ReadonlyArray<{trades: readonly Trade[]; origin: TradeOrigin}>) => {
		for (const {trades, origin} of list) {
			for (const entry of trades) {
				const row: Row = [entry.time - start, entry.price];
				out.push({row, origin, isBackfilled: entry.isBackfilled === true});
			}
		}
	};

	return {
		sequencer,
		fetches,
		filled,
		out,
		/** Each trade written: its time (from `start`) and whether it came from REST. */
		timesWritten: () => out.map(({row, isBackfilled}) => [row[0], isBackfilled]),
		live(rows: readonly Row[], now = start) {
			record(
				sequencer.accept(
					rows.map(([time, price]) => trade(time, price)),
					'live',
					now,
				),
			);
		},
		page(rows: readonly Row[], isFull: boolean) {
			const deliveries = new Deliveries();
			const trades = rows.map(([time, price]) => trade(time, price, true));
			const verdict = sequencer.page(pair, {trades, last: 'next', isFull}, deliveries);
			record(deliveries.list);
			return verdict;
		},
	};
}

describe('TimeSequencer (v1)', () => {
	test('after a resubscription, what REST has between the last seen and the first held goes out first', () => {
		const run = setup();
		run.live([
			[100, 1],
			[200, 2],
		]);
		run.sequencer.resubscribed(pair, start);
		expect(run.fetches).toEqual([{pair, since: `${start + 200}000000`, count: 1000}]);
		run.live([
			[500, 5],
			[600, 6],
		]);
		expect(run.out).toHaveLength(2);

		// REST repeats the last seen (an inclusive since), has the missed 300 and 400, and the held.
		run.page(
			[
				[200, 2],
				[300, 3],
				[400, 4],
				[500, 5],
				[600, 6],
				[700, 7],
			],
			false,
		);
		expect(run.out.map(({row, isBackfilled}) => [...row, isBackfilled])).toEqual([
			[100, 1, false],
			[200, 2, false],
			[300, 3, true],
			[400, 4, true],
			[500, 5, false],
			[600, 6, false],
		]);
		expect(run.filled).toEqual([2]);
		// 700 is left to the feed: live trades stay live.
		run.live([[700, 7]]);
		expect(run.out.at(-1)).toEqual({row: [700, 7], origin: 'live', isBackfilled: false});
	});

	test('two trades alike at one millisecond are two: REST fills the one not seen', () => {
		const run = setup();
		run.live([[100, 1]]);
		run.sequencer.resubscribed(pair, start);
		run.live([[300, 3]]);
		run.page(
			[
				[100, 1],
				[100, 1],
				[200, 2],
				[200, 2],
				[300, 3],
			],
			false,
		);
		expect(run.out.map(({row}) => row)).toEqual([
			[100, 1],
			[100, 1],
			[200, 2],
			[200, 2],
			[300, 3],
		]);
	});

	test('a trade the feed brings after the page that wrote it is not written again', () => {
		// The feed's frames and REST's answers come by different paths: REST can answer before the
		// feed's frames of the same trades are read.
		const run = setup();
		run.live([[100, 1]]);
		run.sequencer.resubscribed(pair, start);
		run.page(
			[
				[100, 1],
				[200, 2],
				[300, 3],
			],
			false,
		);
		run.live([
			[200, 2],
			[300, 3],
			[400, 4],
		]);
		expect(run.timesWritten()).toEqual([
			[100, false],
			[200, true],
			[300, true],
			[400, false],
		]);
		// Past the page's newest, the feed's trades are all new, alike or not.
		run.live([
			[400, 4],
			[300, 3],
		]);
		expect(run.out.map(({row}) => row[0])).toEqual([100, 200, 300, 400, 400, 300]);
	});

	test('two alike at one millisecond, one written by REST: the second from the feed is new', () => {
		const run = setup();
		run.live([[100, 1]]);
		run.sequencer.resubscribed(pair, start);
		run.page([[200, 2]], false);
		run.live([
			[200, 2],
			[200, 2],
		]);
		expect(run.timesWritten()).toEqual([
			[100, false],
			[200, true],
			[200, false],
		]);
	});

	test('a trade a full page wrote that the feed brings while the next page is awaited is not held', () => {
		const run = setup();
		run.live([[100, 1]]);
		run.sequencer.resubscribed(pair, start);
		expect(run.page([[200, 2]], true)).toMatchObject({kind: 'more'});
		run.live([
			[200, 2],
			[900, 9],
		]);
		expect(run.page([[300, 3]], false)).toEqual({kind: 'done'});
		expect(run.out.map(({row}) => row[0])).toEqual([100, 200, 300, 900]);
	});

	test('a full page that does not reach the held trades asks for the next', () => {
		const run = setup();
		run.live([[100, 1]]);
		run.sequencer.resubscribed(pair, start);
		run.live([[900, 9]]);
		expect(run.page([[200, 2]], true)).toEqual({
			kind: 'more',
			request: {pair, since: 'next', count: 1000},
		});
		expect(run.page([[300, 3]], false)).toEqual({kind: 'done'});
		expect(run.out.map(({row}) => row[0])).toEqual([100, 200, 300, 900]);
	});

	test('without REST, the held trades go after 30 s, and nothing is reported missing', () => {
		const run = setup();
		run.live([[100, 1]], start);
		run.sequencer.resubscribed(pair, start);
		run.live([[500, 5]], start + 1000);
		const deliveries = new Deliveries();
		run.sequencer.expire(start + 30_000, deliveries);
		expect(deliveries.list.flatMap((entry) => entry.trades.map((one) => one.price))).toEqual([5]);
		expect(run.sequencer.isHolding(pair)).toBe(false);
	});

	test('a second drop while the first gap is filled: both gaps filled, every trade once, in order', () => {
		const run = setup();
		run.live([
			[100, 1],
			[200, 2],
		]);
		run.sequencer.resubscribed(pair, start);
		run.live([
			[500, 5],
			[600, 6],
		]);
		// Dropped again before REST answered: 700 and 800 are missed too.
		run.sequencer.resubscribed(pair, start + 1000);
		expect(run.fetches).toHaveLength(1);
		run.live([
			[900, 9],
			[1000, 10],
		]);

		// The first gap's page, asked before the second drop, knows nothing past 600.
		expect(
			run.page(
				[
					[200, 2],
					[300, 3],
					[400, 4],
					[500, 5],
					[600, 6],
				],
				false,
			),
		).toEqual({kind: 'more', request: {pair, since: `${start + 600}000000`, count: 1000}});
		expect(run.out.map(({row}) => row[0])).toEqual([100, 200, 300, 400, 500, 600]);
		expect(run.sequencer.isHolding(pair)).toBe(true);

		// The second gap, from the last trade before the second drop.
		expect(
			run.page(
				[
					[600, 6],
					[700, 7],
					[800, 8],
					[900, 9],
					[1000, 10],
				],
				false,
			),
		).toEqual({kind: 'done'});
		run.live([[1100, 11]]);
		expect(run.out.map(({row, isBackfilled}) => [...row, isBackfilled])).toEqual([
			[100, 1, false],
			[200, 2, false],
			[300, 3, true],
			[400, 4, true],
			[500, 5, false],
			[600, 6, false],
			[700, 7, true],
			[800, 8, true],
			[900, 9, false],
			[1000, 10, false],
			[1100, 11, false],
		]);
		expect(run.filled).toEqual([4]);
		expect(run.sequencer.isHolding(pair)).toBe(false);
	});

	test('a second drop before any trade came back is filled after the first gap, from where it ends', () => {
		const run = setup();
		run.live([[100, 1]]);
		run.sequencer.resubscribed(pair, start);
		run.sequencer.resubscribed(pair, start + 1000);
		// The first gap's page was made before the second drop: it ends at 300.
		expect(
			run.page(
				[
					[100, 1],
					[300, 3],
				],
				false,
			),
		).toEqual({kind: 'more', request: {pair, since: `${start + 300}000000`, count: 1000}});
		run.live([[900, 9]]);
		expect(
			run.page(
				[
					[300, 3],
					[500, 5],
					[900, 9],
				],
				false,
			),
		).toEqual({kind: 'done'});
		expect(run.timesWritten()).toEqual([
			[100, false],
			[300, true],
			[500, true],
			[900, false],
		]);
	});

	test('a second drop before any trade came back, its trades held before the first page: each goes out once', () => {
		const run = setup();
		run.live([[100, 1]]);
		run.sequencer.resubscribed(pair, start);
		run.sequencer.resubscribed(pair, start + 1000);
		run.live([[900, 9]]);
		// The page has the held trade too: it is the held one's, not history's.
		expect(
			run.page(
				[
					[100, 1],
					[300, 3],
					[900, 9],
				],
				false,
			),
		).toEqual({kind: 'more', request: {pair, since: `${start + 300}000000`, count: 1000}});
		expect(
			run.page(
				[
					[300, 3],
					[500, 5],
					[900, 9],
				],
				false,
			),
		).toEqual({kind: 'done'});
		expect(run.timesWritten()).toEqual([
			[100, false],
			[300, true],
			[500, true],
			[900, false],
		]);
	});

	test("the second gap's trades are held to the limit from the second drop, not the first", () => {
		const run = setup();
		run.live([[100, 1]], start);
		run.sequencer.resubscribed(pair, start);
		run.live([[500, 5]], start + 1000);
		run.sequencer.resubscribed(pair, start + 20_000);
		run.live([[900, 9]], start + 21_000);
		run.page([[300, 3]], false);
		expect(run.out.map(({row}) => row[0])).toEqual([100, 300, 500]);

		const deliveries = new Deliveries();
		run.sequencer.expire(start + 49_999, deliveries);
		expect(deliveries.list).toEqual([]);
		run.sequencer.expire(start + 50_000, deliveries);
		expect(deliveries.list.flatMap((entry) => entry.trades.map((one) => one.price))).toEqual([9]);
		expect(run.sequencer.isHolding(pair)).toBe(false);
	});

	test("the start's history: the latest trades from REST, then the feed's, none twice", () => {
		const run = setup();
		run.sequencer.awaitHistory(pair, 3, start);
		expect(run.fetches).toEqual([{pair, count: 3}]);
		run.live([
			[400, 4],
			[500, 5],
		]);
		run.page(
			[
				[200, 2],
				[300, 3],
				[400, 4],
			],
			false,
		);
		expect(run.out.map(({row, origin}) => [row[0], origin])).toEqual([
			[200, 'history'],
			[300, 'history'],
			[400, 'live'],
			[500, 'live'],
		]);
	});
});
