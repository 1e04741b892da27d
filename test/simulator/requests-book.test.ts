import {describe, expect, test} from 'vitest';
import {listedPairs} from '../../source/simulator/pair-catalog.js';
import {handleRequestV1} from '../../source/simulator/requests-v1.js';
import {handleRequestV2} from '../../source/simulator/requests-v2.js';
import {applyChanges, noSubscriptions} from '../../source/simulator/subscriptions.js';
import {describeResult} from '../helpers/simulator.js';

// Subscribing to the book on the simulated exchange, in Kraken's words (docs/kraken-protocol.md,
// 3 and 9): the depths Kraken offers are taken, any other refused, and the acks name the depth.

const depths = [10, 25, 100, 500, 1000];
const now = Date.UTC(2024, 4, 19, 19, 11, 23, 34);
const times = '"time_in":"2024-05-19T19:11:23.034000Z","time_out":"2024-05-19T19:11:23.034000Z"';

/** Runs v2 requests in turn, each seeing the subscriptions the ones before it left. */
function v2Session() {
	let subscriptions = noSubscriptions;
	return (request: unknown) => {
		const result = handleRequestV2(request, subscriptions, listedPairs, () => now);
		subscriptions = applyChanges(subscriptions, result.changes);
		return describeResult(result);
	};
}

function v1Session() {
	let subscriptions = noSubscriptions;
	return (request: unknown) => {
		const result = handleRequestV1(request, subscriptions, listedPairs);
		subscriptions = applyChanges(subscriptions, result.changes);
		return describeResult(result);
	};
}

const v2Book = (method: string, symbol: string[], extra: Record<string, unknown>, reqId = 3) => ({
	method,
	params: {channel: 'book', symbol, ...extra},
	req_id: reqId,
});

const v1Book = (
	event: string,
	pair: string[],
	subscription: Record<string, unknown>,
	reqid?: number,
) => ({
	event,
	pair,
	subscription: {name: 'book', ...subscription},
	...(reqid === undefined ? {} : {reqid}),
});

describe('book requests on v2', () => {
	test.each(depths)('depth %i is taken, acknowledged with its depth, then a snapshot', (depth) => {
		const run = v2Session();
		expect(run(v2Book('subscribe', ['BTC/USD'], {depth}))).toEqual({
			replies: [
				`{"method":"subscribe","req_id":3,"result":{"channel":"book","symbol":"BTC/USD","depth":${depth},"snapshot":true},"success":true,${times}}`,
				'snapshot book BTC/USD',
			],
			changes: [`+book BTC/USD 600 {"depth":${depth},"snapshot":true}`],
		});
	});

	test('no depth is depth 10; snapshot false sends none', () => {
		const run = v2Session();
		expect(run(v2Book('subscribe', ['ETH/USD'], {snapshot: false}, 4))).toEqual({
			replies: [
				`{"method":"subscribe","req_id":4,"result":{"channel":"book","symbol":"ETH/USD","depth":10,"snapshot":false},"success":true,${times}}`,
			],
			changes: ['+book ETH/USD 601 {"depth":10,"snapshot":false}'],
		});
	});

	test.each([42, 0, 15, -10, 2000])(
		'depth %i is refused in Kraken words, naming no symbol',
		(depth) => {
			const run = v2Session();
			expect(run(v2Book('subscribe', ['BTC/USD', 'ETH/USD'], {depth}))).toEqual({
				replies: [
					`{"error":"Subscription depth not supported","method":"subscribe","req_id":3,"success":false,${times}}`,
				],
				changes: [],
			});
		},
	);

	test.each(['10', 10.5, null])('a depth of %j is not an integer', (depth) => {
		const run = v2Session();
		expect(run(v2Book('subscribe', ['BTC/USD'], {depth})).replies).toEqual([
			`{"error":"Subscription book depth must be an integer","method":"subscribe","req_id":3,"success":false,${times}}`,
		]);
	});

	test('unsubscribe is acknowledged; subscribing again brings a fresh snapshot', () => {
		const run = v2Session();
		run(v2Book('subscribe', ['BTC/USD'], {depth: 25}, 1));
		expect(run(v2Book('subscribe', ['BTC/USD'], {depth: 25}, 2)).replies).toEqual([
			`{"error":"Already subscribed","method":"subscribe","req_id":2,"success":false,"symbol":"BTC/USD",${times}}`,
		]);
		expect(run(v2Book('unsubscribe', ['BTC/USD'], {depth: 25}, 3))).toEqual({
			replies: [
				`{"method":"unsubscribe","req_id":3,"result":{"channel":"book","symbol":"BTC/USD","depth":25},"success":true,${times}}`,
			],
			changes: ['-book BTC/USD'],
		});
		expect(run(v2Book('subscribe', ['BTC/USD'], {depth: 25}, 4)).replies).toEqual([
			`{"method":"subscribe","req_id":4,"result":{"channel":"book","symbol":"BTC/USD","depth":25,"snapshot":true},"success":true,${times}}`,
			'snapshot book BTC/USD',
		]);
		expect(run(v2Book('unsubscribe', ['ETH/USD'], {}, 5)).replies).toEqual([
			`{"error":"Subscription Not Found","method":"subscribe","req_id":5,"success":false,"symbol":"ETH/USD",${times}}`,
		]);
	});
});

describe('book requests on v1', () => {
	test.each(depths)(
		'depth %i is taken, named in the channel name (book-<depth>), then a snapshot',
		(depth) => {
			const run = v1Session();
			expect(run(v1Book('subscribe', ['XBT/USD', 'XDG/USD'], {depth}, 7))).toEqual({
				replies: [
					`{"channelID":600,"channelName":"book-${depth}","event":"subscriptionStatus","pair":"XBT/USD","reqid":7,"status":"subscribed","subscription":{"depth":${depth},"name":"book"}}`,
					'snapshot book BTC/USD',
					`{"channelID":604,"channelName":"book-${depth}","event":"subscriptionStatus","pair":"XDG/USD","reqid":7,"status":"subscribed","subscription":{"depth":${depth},"name":"book"}}`,
					'snapshot book DOGE/USD',
				],
				changes: [
					`+book BTC/USD 600 {"depth":${depth},"snapshot":true}`,
					`+book DOGE/USD 604 {"depth":${depth},"snapshot":true}`,
				],
			});
		},
	);

	test('no depth is book-10', () => {
		const run = v1Session();
		expect(run(v1Book('subscribe', ['ETH/USD'], {})).replies).toEqual([
			'{"channelID":601,"channelName":"book-10","event":"subscriptionStatus","pair":"ETH/USD","status":"subscribed","subscription":{"depth":10,"name":"book"}}',
			'snapshot book ETH/USD',
		]);
	});

	test('depth 42 is refused for each pair, as Kraken words it', () => {
		const run = v1Session();
		expect(run(v1Book('subscribe', ['XBT/USD', 'ETH/USD'], {depth: 42}))).toEqual({
			replies: [
				'{"errorMessage":"Subscription depth not supported","event":"subscriptionStatus","pair":"XBT/USD","status":"error","subscription":{"depth":42,"name":"book"}}',
				'{"errorMessage":"Subscription depth not supported","event":"subscriptionStatus","pair":"ETH/USD","status":"error","subscription":{"depth":42,"name":"book"}}',
			],
			changes: [],
		});
	});

	test('a depth that is not an integer is refused', () => {
		const run = v1Session();
		expect(run(v1Book('subscribe', ['XBT/USD'], {depth: '10'}, 2)).replies).toEqual([
			'{"errorMessage":"Subscription book depth must be an integer","event":"subscriptionStatus","pair":"XBT/USD","reqid":2,"status":"error","subscription":{"depth":"10","name":"book"}}',
		]);
	});

	test('unsubscribe is acknowledged with the channel name; subscribing again brings a snapshot', () => {
		const run = v1Session();
		run(v1Book('subscribe', ['XBT/USD'], {depth: 100}));
		expect(run(v1Book('subscribe', ['XBT/USD'], {depth: 100})).replies).toEqual([
			'{"errorMessage":"Already subscribed","event":"subscriptionStatus","pair":"XBT/USD","status":"error","subscription":{"depth":100,"name":"book"}}',
		]);
		expect(run(v1Book('unsubscribe', ['XBT/USD'], {depth: 100}, 9))).toEqual({
			replies: [
				'{"channelID":600,"channelName":"book-100","event":"subscriptionStatus","pair":"XBT/USD","reqid":9,"status":"unsubscribed","subscription":{"depth":100,"name":"book"}}',
			],
			changes: ['-book BTC/USD'],
		});
		expect(run(v1Book('subscribe', ['XBT/USD'], {depth: 100})).replies).toEqual([
			'{"channelID":600,"channelName":"book-100","event":"subscriptionStatus","pair":"XBT/USD","status":"subscribed","subscription":{"depth":100,"name":"book"}}',
			'snapshot book BTC/USD',
		]);
	});
});
