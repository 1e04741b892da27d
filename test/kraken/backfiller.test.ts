import {describe, expect, test} from 'vitest';
import {Backfiller} from '../../source/kraken/backfill/backfiller.js';
import {RestClient} from '../../source/kraken/rest/rest-client.js';
import type {RestReply} from '../../source/kraken/rest/rest-transport.js';
import type {Trade, TradeOrigin} from '../../source/model/types.js';
import {ManualClock} from '../helpers/manual-clock.js';

// The Backfiller with its REST client, on a manual clock, against REST answers given by hand:
// each call waits until the test answers it, so a drop can come while a call is on the way.

const pair = 'XBT/USD';
/** Whole seconds, so REST's times in seconds are exact. */
const start = 1_700_000_000_000;
const second = 1000;

function liveTrade(atSecond: number): Trade {
	return {
		pair,
		side: 'buy',
		price: 100 + atSecond,
		volume: 1,
		time: start + atSecond * second,
		orderType: 'limit',
	};
}

/** A Trades answer of the trades at these seconds, in Kraken's shape (times in seconds). */
function tradesAnswer(seconds: readonly number[]): RestReply {
	const rows = seconds.map((at) => {
		const trade = liveTrade(at);
		return [`${trade.price}`, '1', trade.time / 1000, 'b', 'l', ''];
	});
	const last = `${(start + (seconds.at(-1) ?? 0) * second) * 1_000_000}`;
	return {ok: true, status: 200, body: JSON.stringify({error: [], result: {XXBTZUSD: rows, last}})};
}

function setup() {
	const clock = new ManualClock(start);
	const calls: Array<{since: string | null; answer: (reply: RestReply) => void}> = [];
	const rest = new RestClient({
		baseUrl: 'http://rest.invalid',
		api: 'v1',
		clock,
		userAgent: 'test',
		policy: {spacingMs: 0},
		async transport(url) {
			return new Promise<RestReply>((resolve) => {
				calls.push({since: url.searchParams.get('since'), answer: resolve});
			});
		},
	});
	const out: Array<{atSecond: number; origin: TradeOrigin; isBackfilled: boolean}> = [];
	const news: string[] = [];
	const backfiller = new Backfiller(
		{rest, api: 'v1', clock, limits: {holdMs: 30_000, holdCount: 100_000}},
		{
			deliver({trades, origin}) {
				for (const trade of trades) {
					const atSecond = (trade.time - start) / second;
					out.push({atSecond, origin, isBackfilled: trade.isBackfilled === true});
				}
			},
			filling: () => news.push('filling'),
			filled: (_pair, count) => news.push(`filled ${count}`),
			hole: () => news.push('hole'),
			restFailed: (_pair, reason) => news.push(`failed ${reason}`),
		},
	);
	return {
		backfiller,
		calls,
		out,
		news,
		live(seconds: readonly number[]) {
			backfiller.accept(seconds.map(liveTrade), 'live');
		},
	};
}

/** Lets the REST client and the chain of calls run on what was answered. */
async function settle(): Promise<void> {
	for (let step = 0; step < 10; step++) {
		await new Promise((resolve) => setImmediate(resolve));
	}
}

const nanoseconds = (atSecond: number) => `${(start + atSecond * second) * 1_000_000}`;

describe('Backfiller (v1)', () => {
	test('a second drop while the first gap is filled: one chain of calls fills both, every trade once, in order', async () => {
		const run = setup();
		run.live([1, 2]);
		run.backfiller.resubscribed(pair);
		await settle();
		run.live([5, 6]);
		// Dropped again while the first call is on the way: no second chain.
		run.backfiller.resubscribed(pair);
		run.live([9, 10]);
		await settle();
		expect(run.calls.map((call) => call.since)).toEqual([nanoseconds(2)]);

		// Made before the second drop: nothing past 6.
		run.calls[0]!.answer(tradesAnswer([2, 3, 4, 5, 6]));
		await settle();
		expect(run.calls.map((call) => call.since)).toEqual([nanoseconds(2), nanoseconds(6)]);
		run.calls[1]!.answer(tradesAnswer([6, 7, 8, 9, 10]));
		await settle();
		run.live([11]);

		expect(run.out).toEqual([
			...[1, 2].map((atSecond) => ({atSecond, origin: 'live', isBackfilled: false})),
			...[3, 4].map((atSecond) => ({atSecond, origin: 'history', isBackfilled: true})),
			...[5, 6].map((atSecond) => ({atSecond, origin: 'live', isBackfilled: false})),
			...[7, 8].map((atSecond) => ({atSecond, origin: 'history', isBackfilled: true})),
			...[9, 10, 11].map((atSecond) => ({atSecond, origin: 'live', isBackfilled: false})),
		]);
		expect(run.news).toEqual(['filling', 'filled 4']);
		expect(run.calls).toHaveLength(2);
		run.backfiller.close();
	});
});
