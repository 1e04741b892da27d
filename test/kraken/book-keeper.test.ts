import {describe, expect, test} from 'vitest';
import {BookKeeper} from '../../source/kraken/book/book-keeper.js';
import type {WireLevel} from '../../source/kraken/book/checksum.js';
import type {BookMessage} from '../../source/kraken/feed-message.js';
import {codecV1} from '../../source/kraken/v1/codec.js';
import {codecV2} from '../../source/kraken/v2/codec.js';
import type {BookHealth, BookTop} from '../../source/model/types.js';
import {v1BookFrames, v2BookFrames} from '../fixtures/book-frames.js';
import {BookScript} from '../helpers/book-frames.js';

// Every pair's book, checked on every message (docs/kraken-protocol.md, 9), with hooks that only
// record: what was passed on, each change of health, and each resync asked for. A book that fails
// is never passed on again until an ack and a new snapshot have rebuilt it.

function startKeeper() {
	const tops: BookTop[] = [];
	const health: BookHealth[] = [];
	const resyncs: string[] = [];
	const failingRuns: number[] = [];
	const keeper: BookKeeper = new BookKeeper({
		// Read at once, as each message leaves the book.
		verified: (pair, stamp) => tops.push(keeper.top(pair, stamp)!),
		health: (change) => health.push(change),
		resync(pair, failingRun) {
			resyncs.push(pair);
			failingRuns.push(failingRun);
		},
	});
	return {keeper, tops, health, resyncs, failingRuns};
}

/** The book messages of a real frame, through its API's codec. */
function messagesOf(frame: string, api: 'v1' | 'v2' = 'v2'): readonly BookMessage[] {
	const message = (api === 'v1' ? codecV1 : codecV2).decode(frame);
	if (message.kind !== 'book') {
		throw new Error(`not a book frame: ${frame}`);
	}

	return message.messages;
}

function feed(keeper: BookKeeper, frame: string, api: 'v1' | 'v2' = 'v2', receivedAt = 0): void {
	for (const message of messagesOf(frame, api)) {
		keeper.accept(message, receivedAt);
	}
}

const btc = 'BTC/USD';
const [btcSnapshot, btcUpdate1, btcUpdate2] = [
	v2BookFrames.btcSnapshot,
	v2BookFrames.btcUpdate1,
	v2BookFrames.btcUpdate2,
];
/** The first real update, one digit of a level changed and its checksum kept. */
const btcCorrupted = btcUpdate1.replace('"qty":4.74541363', '"qty":4.74541364');

/** A message of the test's own for `pair`. */
const message = (pair: string, fields: Partial<BookMessage>): BookMessage => ({
	pair,
	isSnapshot: false,
	asks: [],
	bids: [],
	...fields,
});

describe('BookKeeper', () => {
	test('a snapshot and each verified update are passed on, best first, as numbers', () => {
		const {keeper, tops, health, resyncs} = startKeeper();
		keeper.subscribed(btc, 10);
		for (const frame of [btcSnapshot, btcUpdate1, btcUpdate2]) {
			feed(keeper, frame);
		}

		expect(tops.map((top) => top.checksum)).toEqual([975_661_613, 265_834_348, 1_348_273_380]);
		expect(tops.at(-1)).toEqual({
			pair: btc,
			asks: [
				[62_802.6, 0.980_743_94],
				[62_803.7, 0.055_984_72],
				[62_803.8, 4.745_413_63],
				[62_803.9, 1.162_289_81],
				[62_806.5, 0.184_896_8],
				[62_806.8, 0.000_051],
				[62_807.1, 0.36],
				[62_807.2, 0.655_407_12],
				[62_807.4, 0.509_202],
				[62_808, 0.796_077_59],
			],
			bids: expect.any(Array),
			checksum: 1_348_273_380,
			time: Date.parse('2026-08-16T23:37:05.377468Z'),
			depth: 10,
		});
		expect(tops.at(-1)?.bids[0]).toEqual([62_802.5, 0.029_877_67]);
		expect(tops.at(-1)?.bids).toHaveLength(10);
		// Healthy from the start: nothing to say.
		expect(health).toEqual([]);
		expect(resyncs).toEqual([]);
	});

	test('a mismatch marks the book stale with why, asks for one resync, and passes on nothing more', () => {
		const {keeper, tops, health, resyncs} = startKeeper();
		keeper.subscribed(btc, 10);
		feed(keeper, btcSnapshot);
		feed(keeper, btcCorrupted);
		expect(tops).toHaveLength(1);
		expect(health).toEqual([
			{
				pair: btc,
				state: 'stale',
				failures: 1,
				resyncs: 1,
				reason: expect.stringContaining('checksum 265834348'),
			},
		]);
		expect(resyncs).toEqual([btc]);

		// Still in flight from the old subscription, all dropped unread: updates, a snapshot, even
		// a message that would fail.
		feed(keeper, btcUpdate2);
		feed(keeper, btcSnapshot);
		feed(keeper, btcCorrupted);
		keeper.accept(message(btc, {problem: 'a level priced "x"'}), 0);
		expect(tops).toHaveLength(1);
		expect(health).toHaveLength(1);
		expect(resyncs).toEqual([btc]);

		// The new subscription's ack, then its snapshot: synced again, and passed on.
		keeper.subscribed(btc, 10);
		feed(keeper, btcSnapshot);
		expect(health.at(-1)).toEqual({pair: btc, state: 'synced', failures: 1, resyncs: 1});
		expect(tops).toHaveLength(2);
		expect(tops[1]).toEqual(tops[0]);
		feed(keeper, btcUpdate1);
		expect(tops.map((top) => top.checksum)).toEqual([975_661_613, 975_661_613, 265_834_348]);
	});

	test('after a failure the book is rebuilt from the new snapshot alone', () => {
		const {keeper, tops} = startKeeper();
		const script = new BookScript('v2', btc, 10);
		keeper.subscribed(btc, 10);
		feed(
			keeper,
			script.snapshot({asks: [['101.0', '1.00000000']], bids: [['99.0', '1.00000000']]}),
		);
		keeper.accept(message(btc, {asks: [['100.5', '1.00000000']], checksum: 1}), 0);
		keeper.subscribed(btc, 10);
		feed(
			keeper,
			script.snapshot({asks: [['103.0', '2.00000000']], bids: [['98.0', '2.00000000']]}),
		);
		expect(tops.at(-1)).toMatchObject({asks: [[103, 2]], bids: [[98, 2]]});
	});

	test('a message with a problem fails like a mismatch, with the problem as the reason', () => {
		const {keeper, tops, health, resyncs} = startKeeper();
		keeper.subscribed(btc, 10);
		feed(keeper, btcSnapshot);
		feed(keeper, btcUpdate1.replace('"qty":4.74541363', '"qty":-4.74541363'));
		expect(tops).toHaveLength(1);
		expect(health).toEqual([
			expect.objectContaining({state: 'stale', reason: expect.stringContaining('-4.74541363')}),
		]);
		expect(resyncs).toEqual([btc]);
	});

	test('an update before any snapshot is a failure', () => {
		const {keeper, tops, health, resyncs} = startKeeper();
		keeper.subscribed(btc, 10);
		feed(keeper, btcUpdate1);
		expect(tops).toEqual([]);
		expect(health).toEqual([
			{pair: btc, state: 'stale', failures: 1, resyncs: 1, reason: 'an update before any snapshot'},
		]);
		expect(resyncs).toEqual([btc]);

		// Also after the resync's ack, before its snapshot.
		keeper.subscribed(btc, 10);
		feed(keeper, btcUpdate1);
		expect(resyncs).toEqual([btc, btc]);
		expect(health.at(-1)).toMatchObject({state: 'stale', failures: 2, resyncs: 2});
	});

	test('a v1 snapshot, which has no checksum, is passed on; the first update verifies it', () => {
		const {keeper, tops, health} = startKeeper();
		keeper.subscribed('XDG/USD', 10);
		for (const frame of v1BookFrames.xdgStream) {
			feed(keeper, frame, 'v1');
		}

		expect(tops).toHaveLength(v1BookFrames.xdgStream.length);
		expect(tops[0]).not.toHaveProperty('checksum');
		expect(tops[0]?.asks[0]).toEqual([0.074_602_7, 278.396_263_42]);
		expect(tops[0]?.time).toBe(1_690_246_089_514);
		expect(tops.at(-1)?.checksum).toBe(4_241_552_383);
		expect(health).toEqual([]);
	});

	test('a wrong v1 snapshot is passed on, and caught by the first update', () => {
		const {keeper, tops, health, resyncs} = startKeeper();
		keeper.subscribed('XDG/USD', 10);
		const [snapshot, update] = v1BookFrames.xdgStream;
		feed(keeper, snapshot!.replace('"278.39626342"', '"278.39626343"'), 'v1');
		expect(tops).toHaveLength(1);
		feed(keeper, update!, 'v1');
		expect(tops).toHaveLength(1);
		expect(health).toEqual([expect.objectContaining({pair: 'XDG/USD', state: 'stale'})]);
		expect(resyncs).toEqual(['XDG/USD']);
	});

	test('a lost connection makes every book stale, each rebuilt after its next ack and snapshot', () => {
		const {keeper, tops, health, resyncs} = startKeeper();
		const eth = new BookScript('v2', 'ETH/USD', 10);
		keeper.subscribed(btc, 10);
		keeper.subscribed('ETH/USD', 10);
		feed(keeper, btcSnapshot);
		feed(
			keeper,
			eth.snapshot({asks: [['2500.10', '1.00000000']], bids: [['2499.90', '2.00000000']]}),
		);
		expect(tops).toHaveLength(2);

		keeper.connectionLost();
		const reason = 'rebuilding after the connection dropped';
		expect(health).toEqual([
			{pair: btc, state: 'stale', failures: 0, resyncs: 0, reason},
			{pair: 'ETH/USD', state: 'stale', failures: 0, resyncs: 0, reason},
		]);
		// The reconnect subscribes everything again: no resync of its own, nothing counted.
		expect(resyncs).toEqual([]);

		// What arrives before the new acks is dropped.
		feed(keeper, btcUpdate1);
		expect(tops).toHaveLength(2);

		keeper.subscribed(btc, 10);
		feed(keeper, btcSnapshot);
		feed(keeper, btcUpdate1);
		expect(health.slice(2)).toEqual([{pair: btc, state: 'synced', failures: 0, resyncs: 0}]);
		expect(tops.slice(2).map((top) => top.pair)).toEqual([btc, btc]);

		// ETH/USD stays stale until its own ack and snapshot.
		feed(keeper, eth.update({bids: [['2499.95', '1.00000000']]}));
		expect(tops).toHaveLength(4);
		keeper.subscribed('ETH/USD', 10);
		feed(keeper, eth.snapshot());
		expect(health.at(-1)).toEqual({pair: 'ETH/USD', state: 'synced', failures: 0, resyncs: 0});
		expect(tops.at(-1)?.bids).toEqual([
			[2499.95, 1],
			[2499.9, 2],
		]);
	});

	test('failures and resyncs count up over the run, per pair; one pair failing leaves the other', () => {
		const {keeper, tops, health, resyncs} = startKeeper();
		const eth = new BookScript('v2', 'ETH/USD', 10);
		keeper.subscribed(btc, 10);
		keeper.subscribed('ETH/USD', 10);
		feed(
			keeper,
			eth.snapshot({asks: [['2500.10', '1.00000000']], bids: [['2499.90', '2.00000000']]}),
		);
		for (let round = 1; round <= 3; round++) {
			feed(keeper, btcSnapshot);
			feed(keeper, btcCorrupted);
			feed(keeper, eth.update({asks: [['2500.20', `${round}.00000000`]]}));
			keeper.subscribed(btc, 10);
		}

		expect(resyncs).toEqual([btc, btc, btc]);
		expect(
			health.filter((change) => change.state === 'stale').map((change) => change.failures),
		).toEqual([1, 2, 3]);
		expect(health.every((change) => change.pair === btc)).toBe(true);
		expect(health.at(-1)).toMatchObject({failures: 3, resyncs: 3});
		// ETH/USD's snapshot and its three updates, all verified.
		expect(tops.filter((top) => top.pair === 'ETH/USD')).toHaveLength(4);
	});

	test('each book is cut to its subscribed depth; a top carries thirty levels at most', () => {
		const {keeper, tops} = startKeeper();
		const script = new BookScript('v2', btc, 100);
		const levels = (from: number, step: number) =>
			Array.from({length: 120}, (_, index): WireLevel => [
				(from + index * step).toFixed(1),
				'1.00000000',
			]);
		keeper.subscribed(btc, 100);
		// The server's book is cut to 100 too, so its checksum is of the same ten a side.
		feed(keeper, script.snapshot({asks: levels(1000, 1), bids: levels(999, -1)}));
		expect(tops).toHaveLength(1);
		expect(tops[0]).toMatchObject({depth: 100, checksum: script.book.checksum()});
		expect(tops[0]?.asks).toHaveLength(30);
		expect(tops[0]?.bids).toHaveLength(30);

		// Ten best asks deleted: the eleventh moves up, and the book still matches Kraken's.
		feed(
			keeper,
			script.update({
				asks: levels(1000, 1)
					.slice(0, 10)
					.map(([price]) => [price, '0']),
			}),
		);
		expect(tops).toHaveLength(2);
		expect(tops[1]?.asks[0]).toEqual([1010, 1]);
	});

	test('a message for a pair not subscribed, or forgotten, is dropped without a resync', () => {
		const {keeper, tops, health, resyncs} = startKeeper();
		feed(keeper, btcUpdate1);
		feed(keeper, btcSnapshot);
		keeper.subscribed(btc, 10);
		feed(keeper, btcSnapshot);
		keeper.forget(btc);
		feed(keeper, btcCorrupted);
		expect(tops).toHaveLength(1);
		expect(health).toEqual([]);
		expect(resyncs).toEqual([]);
	});

	test('a top’s time is the exchange’s where the message has one, else its receipt', () => {
		const {keeper, tops} = startKeeper();
		keeper.subscribed(btc, 10);
		feed(keeper, btcSnapshot.replace(',"timestamp":"2026-08-16T23:37:04.316445Z"', ''), 'v2', 1234);
		feed(keeper, btcUpdate1, 'v2', 5678);
		expect(tops.map((top) => top.time)).toEqual([1234, Date.parse('2026-08-16T23:37:05.376419Z')]);
	});

	test('failures in a row are counted until the book verifies an update again', () => {
		const {keeper, failingRuns} = startKeeper();
		const fail = () => {
			keeper.subscribed(btc, 10);
			feed(keeper, btcSnapshot);
			feed(keeper, btcCorrupted);
		};

		fail();
		fail();
		fail();
		expect(failingRuns).toEqual([1, 2, 3]);
		// A snapshot alone is not enough: it is its updates that failed.
		keeper.subscribed(btc, 10);
		feed(keeper, btcSnapshot);
		feed(keeper, btcUpdate1);
		feed(keeper, btcUpdate2.replace('"qty":0.98074394', '"qty":0.98074395'));
		expect(failingRuns).toEqual([1, 2, 3, 1]);
	});

	test('an ack for a book already live (Kraken\'s "Already subscribed") keeps it live', () => {
		const {keeper, tops, resyncs} = startKeeper();
		keeper.subscribed(btc, 10);
		feed(keeper, btcSnapshot);
		keeper.subscribed(btc, 10);
		feed(keeper, btcUpdate1);
		expect(resyncs).toEqual([]);
		expect(tops.map((top) => top.checksum)).toEqual([975_661_613, 265_834_348]);
	});
});
