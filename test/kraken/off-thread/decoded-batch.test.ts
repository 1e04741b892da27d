import {describe, expect, test} from 'vitest';
import {BatchBuilder, readBatch} from '../../../source/kraken/off-thread/decoded-batch.js';
import type {FeedMessage} from '../../../source/kraken/feed-message.js';
import type {Trade} from '../../../source/model/types.js';

/** A message, or a frame's text for the main thread to decode, and when it came. */
type Entry = readonly [FeedMessage | string, number];

/** Decodes a "frame" for the test: its text, said back. */
const decode = (text: string): FeedMessage => ({kind: 'unrecognised', reason: `decoded ${text}`});

function roundTrip(entries: readonly Entry[]): Array<[FeedMessage, number]> {
	const builder = new BatchBuilder();
	for (const [message, receivedAt] of entries) {
		if (typeof message === 'string') {
			builder.addText(message, receivedAt);
		} else {
			builder.add(message, receivedAt);
		}
	}

	const batch = builder.take();
	expect(batch.messages).toBe(entries.length);
	const read: Array<[FeedMessage, number]> = [];
	// Structured clone, as the batch crosses to the main thread.
	readBatch(structuredClone(batch), decode, (message, receivedAt) =>
		read.push([message, receivedAt]),
	);
	return read;
}

const v1Trade: Trade = {
	pair: 'XBT/USD',
	side: 'sell',
	price: 67_000.1,
	volume: 0.000_012_34,
	time: 1_765_150_000_123,
	orderType: 'market',
};
const v2Trade: Trade = {
	pair: 'BTC/USD',
	side: 'buy',
	price: 0.000_001_5,
	volume: 1_234_567.891,
	time: 1_765_150_000_999,
	orderType: 'limit',
	tradeId: 98_765_432_101,
};

describe('a batch of decoded messages', () => {
	test('gives back every message in order, trades field for field and the rest as they were', () => {
		const messages: Array<readonly [FeedMessage, number]> = [
			[{kind: 'status', status: 'online', version: '2.0.9'}, 1000],
			[
				{
					kind: 'trades',
					trades: [v1Trade, {...v1Trade, side: 'buy', orderType: 'limit'}],
					isSnapshot: false,
				},
				1001,
			],
			[{kind: 'heartbeat'}, 1002],
			[
				{
					kind: 'trades',
					trades: [v2Trade, {...v2Trade, pair: 'ETH/USD', tradeId: 0}],
					isSnapshot: true,
				},
				1003,
			],
			[{kind: 'unrecognised', reason: 'binary frame'}, 1004],
		];
		expect(roundTrip(messages)).toEqual(messages);
	});

	test('a frame sent as text is decoded when read, in its place', () => {
		const trades: FeedMessage = {kind: 'trades', trades: [v1Trade], isSnapshot: false};
		expect(
			roundTrip([
				[trades, 1],
				['{"channel":"book"}', 2],
				[{kind: 'heartbeat'}, 3],
				['[1,{"a":[]},"book-10","XBT/USD"]', 4],
			]),
		).toEqual([
			[trades, 1],
			[decode('{"channel":"book"}'), 2],
			[{kind: 'heartbeat'}, 3],
			[decode('[1,{"a":[]},"book-10","XBT/USD"]'), 4],
		]);
	});

	test('a trade without a trade id comes back without the key, not with it undefined', () => {
		const [[message]] = roundTrip([
			[{kind: 'trades', trades: [v1Trade], isSnapshot: false}, 5],
		]) as [[Extract<FeedMessage, {kind: 'trades'}>, number]];
		expect(Object.keys(message.trades[0]!)).toEqual(Object.keys(v1Trade));
	});

	test('grows past its first size and starts empty after each take', () => {
		const trades = Array.from({length: 1500}, (_, index) => ({...v2Trade, tradeId: index}));
		const messages: Array<readonly [FeedMessage, number]> = [
			[{kind: 'trades', trades, isSnapshot: false}, 7],
			[{kind: 'trades', trades: trades.slice(0, 3), isSnapshot: false}, 8],
		];
		expect(roundTrip(messages)).toEqual(messages);

		const builder = new BatchBuilder();
		builder.add({kind: 'heartbeat'}, 1);
		builder.take();
		builder.addText('frame', 2);
		builder.take();
		expect(builder.take()).toMatchObject({
			length: 0,
			messages: 0,
			pairs: [],
			others: [],
			texts: [],
		});
	});
});
