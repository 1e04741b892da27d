import {describe, expect, test} from 'vitest';
import {codecFor} from '../../source/kraken/codec.js';
import {codecV1} from '../../source/kraken/v1/codec.js';
import {codecV2} from '../../source/kraken/v2/codec.js';
import type {FeedMessage, SubscriptionRequest} from '../../source/kraken/feed-message.js';
import {v1ErrorFrames, v1Frames, v1Requests} from '../fixtures/frames.js';

/** A trade-channel request for these pairs. */
const tradeRequest = (pairs: readonly string[], snapshot?: boolean): SubscriptionRequest => ({
	channel: 'trade',
	pairs,
	params: snapshot === undefined ? {} : {snapshot},
});

const decode = (text: string): FeedMessage => codecV1.decode(text);

describe('codec-v1', () => {
	test.each<[string, string, FeedMessage]>([
		[
			'systemStatus doc example',
			v1Frames.systemStatusDoc,
			{kind: 'status', status: 'online', version: '1.9.1', connectionId: '8628615390848610000'},
		],
		[
			'systemStatus real',
			v1Frames.systemStatusReal,
			{kind: 'status', status: 'online', version: '1.9.1', connectionId: '7858587364768643506'},
		],
		[
			'trade subscribed',
			v1Frames.tradeSubscribed,
			{kind: 'subscribed', channel: 'trade', pair: 'XBT/USD', reqId: 0},
		],
		[
			'trade unsubscribed',
			v1Frames.tradeUnsubscribed,
			{kind: 'unsubscribed', channel: 'trade', pair: 'XBT/USD', reqId: 0},
		],
		['heartbeat', v1Frames.heartbeat, {kind: 'heartbeat'}],
		['pong with reqid', v1Frames.pongWithReqid, {kind: 'pong', reqId: 42}],
		['pong without reqid', v1Frames.pongWithoutReqid, {kind: 'pong'}],
		[
			'pingStatus error for a string reqid',
			v1Frames.pingStatusReqidError,
			{
				kind: 'error',
				message: 'Reqid field must be a positive integer less than 18446744073709551616',
			},
		],
	])('decodes %s', (_name, frame, expected) => {
		expect(decode(frame)).toEqual(expected);
	});

	test.each<[string, string, FeedMessage]>([
		[
			'pair not supported',
			v1ErrorFrames.pairNotSupported,
			{
				kind: 'subscription-error',
				channel: 'book',
				pair: 'LSK/XBT',
				message: 'Currency pair not supported LSK/XBT',
			},
		],
		[
			'dash pair',
			v1ErrorFrames.notIsoDash,
			{
				kind: 'subscription-error',
				channel: 'trade',
				pair: 'XBT-USDT',
				message: 'Currency pair not in ISO 4217-A3 format XBT-USDT',
			},
		],
		[
			'pair without a slash',
			v1ErrorFrames.notIsoNoSlash,
			{
				kind: 'subscription-error',
				channel: 'book',
				pair: 'XBTUSDT',
				message: 'Currency pair not in ISO 4217-A3 format XBTUSDT',
				reqId: 1,
			},
		],
		[
			'depth not supported',
			v1ErrorFrames.depthNotSupported,
			{
				kind: 'subscription-error',
				channel: 'book',
				pair: 'XBT/USD',
				message: 'Subscription depth not supported',
			},
		],
		[
			'name invalid',
			v1ErrorFrames.nameInvalid,
			{kind: 'subscription-error', pair: 'XBT/USD', message: 'Subscription name invalid'},
		],
		[
			'events not found',
			v1ErrorFrames.eventsNotFound,
			{kind: 'subscription-error', message: 'Event(s) not found', reqId: 1},
		],
		[
			'unsupported event',
			v1ErrorFrames.unsupportedEvent,
			{kind: 'subscription-error', message: 'Unsupported event', reqId: 1},
		],
		['rate limit', v1ErrorFrames.rateLimited, {kind: 'rate-limited', message: 'Exceeded msg rate'}],
	])('decodes error: %s', (_name, frame, expected) => {
		expect(decode(frame)).toEqual(expected);
	});

	test.each<[string, string, FeedMessage]>([
		[
			'doc example with two trades',
			v1Frames.tradeDoc,
			{
				kind: 'trades',
				isSnapshot: false,
				trades: [
					{
						pair: 'XBT/USD',
						side: 'sell',
						price: 5541.2,
						volume: 0.15850568,
						time: 1_534_614_057_321,
						orderType: 'limit',
					},
					{
						pair: 'XBT/USD',
						side: 'buy',
						price: 6060,
						volume: 0.02455,
						time: 1_534_614_057_324,
						orderType: 'limit',
					},
				],
			},
		],
		[
			'real frame on channel 337',
			v1Frames.trade337,
			{
				kind: 'trades',
				isSnapshot: false,
				trades: [
					{
						pair: 'XBT/USD',
						side: 'sell',
						price: 37_080.1,
						volume: 0.000_158_91,
						time: 1_699_797_222_188,
						orderType: 'market',
					},
				],
			},
		],
		[
			'real frame on channel 321',
			v1Frames.trade321,
			{
				kind: 'trades',
				isSnapshot: false,
				trades: [
					{
						pair: 'XBT/USD',
						side: 'buy',
						price: 57_126.7,
						volume: 0.020_639_28,
						time: 1_616_333_924_737,
						orderType: 'market',
					},
				],
			},
		],
	])('decodes trades: %s', (_name, frame, expected) => {
		// Times are epoch ms with the microseconds truncated, as Date.parse does for v2.
		const message = decode(frame);
		expect(message).toEqual(expected);
		// v1 has no trade ids: the key must be absent, not only undefined.
		if (message.kind === 'trades') {
			expect(message.trades.every((trade) => !('tradeId' in trade))).toBe(true);
		}
	});

	test('reads channel name and pair from the end of the array', () => {
		// The docs' field table puts pair before channelName; no real frame does.
		const shuffled = '[0,[["1.5","2","1700000000.000000","b","m",""]],"XBT/USD","trade"]';
		expect(decode(shuffled).kind).toBe('unrecognised');
		const ethEur = '[7,[["1.5","2","1700000000.000000","b","m",""]],"trade","ETH/EUR"]';
		expect(decode(ethEur)).toEqual({
			kind: 'trades',
			isSnapshot: false,
			trades: [
				{
					pair: 'ETH/EUR',
					side: 'buy',
					price: 1.5,
					volume: 2,
					time: 1_700_000_000_000,
					orderType: 'market',
				},
			],
		});
	});

	test.each<[string, string]>([['spread', v1Frames.spread]])(
		'other channels are unrecognised: %s',
		(_name, frame) => {
			const message = decode(frame);
			expect(message).toEqual({kind: 'unrecognised', reason: expect.stringMatching(/\S/)});
		},
	);

	const trade = (entry: string): string => `[337,[${entry}],"trade","XBT/USD"]`;
	test.each<[string, string]>([
		['malformed json', '[337,[["1","2"'],
		['empty text', ''],
		['valid json of unknown shape', '{"foo":"bar"}'],
		['an unknown event', '{"event":"surprise"}'],
		['an event that is a number', '{"event":42}'],
		['null', 'null'],
		['a number', '42'],
		['a string', '"trade"'],
		['a boolean', 'true'],
		['an empty array', '[]'],
		['an empty object', '{}'],
		['price abc', trade('["abc","0.1","1699797222.188887","s","m",""]')],
		['price NaN', trade('["NaN","0.1","1699797222.188887","s","m",""]')],
		['price Infinity', trade('["Infinity","0.1","1699797222.188887","s","m",""]')],
		['price in exponent form', trade('["1e5","0.1","1699797222.188887","s","m",""]')],
		['price as a number', trade('[37080.1,"0.1","1699797222.188887","s","m",""]')],
		['negative volume', trade('["37080.1","-0.1","1699797222.188887","s","m",""]')],
		['zero volume', trade('["37080.1","0.00000000","1699797222.188887","s","m",""]')],
		['zero price', trade('["0.00000","0.1","1699797222.188887","s","m",""]')],
		['empty price', trade('["","0.1","1699797222.188887","s","m",""]')],
		['time not a number', trade('["37080.1","0.1","yesterday","s","m",""]')],
		['side spelled out', trade('["37080.1","0.1","1699797222.188887","sell","m",""]')],
		['unknown order type', trade('["37080.1","0.1","1699797222.188887","s","x",""]')],
		['entry too short', trade('["37080.1","0.1","1699797222.188887"]')],
		['entry is an object', trade('{"price":"37080.1"}')],
		['no trades', '[337,[],"trade","XBT/USD"]'],
		['trades not an array', '[337,"trades","trade","XBT/USD"]'],
		['pair is a number', '[337,[["1","1","1","b","m",""]],"trade",42]'],
		['pair not shaped like a pair', '[337,[["1","1","1","b","m",""]],"trade","XBT\\u001b[2J"]'],
		['channel id is a string', '["337",[["1","1","1","b","m",""]],"trade","XBT/USD"]'],
		['subscriptionStatus without status', '{"event":"subscriptionStatus","pair":"XBT/USD"}'],
		['subscriptionStatus with unknown status', '{"event":"subscriptionStatus","status":"maybe"}'],
		[
			'subscriptionStatus with reqid string',
			'{"event":"subscriptionStatus","status":"error","reqid":"a"}',
		],
		[
			'trade ack without pair',
			'{"channelName":"trade","event":"subscriptionStatus","status":"subscribed"}',
		],
		['systemStatus without status', '{"event":"systemStatus","connectionID":1}'],
		['pong with reqid string', '{"event":"pong","reqid":"a"}'],
		['rate limit with a number', '{"Error":5}'],
		['string over 1 MB', `{"event":"heartbeat","padding":"${'x'.repeat(1024 * 1024)}"}`],
	])('refuses %s without throwing', (_name, frame) => {
		expect(decode(frame)).toEqual({kind: 'unrecognised', reason: expect.stringMatching(/\S/)});
	});

	test('refuses a price too long to be a finite number', () => {
		const frame = trade(`["${'9'.repeat(400)}","0.1","1699797222.188887","s","m",""]`);
		expect(decode(frame)).toEqual({kind: 'unrecognised', reason: expect.stringMatching(/\S/)});
	});

	test('measures the 1 MB frame limit in UTF-8 bytes, not characters', () => {
		// 400,000 euro signs are 1.2 MB on the wire.
		const frame = `{"event":"heartbeat","padding":"${'€'.repeat(400_000)}"}`;
		expect(Buffer.byteLength(frame)).toBeGreaterThan(1024 * 1024);
		expect(decode(frame)).toEqual({kind: 'unrecognised', reason: expect.stringMatching(/1 MB/)});
	});

	test('encodes subscribe with an integer reqid and the trade channel', () => {
		const text = codecV1.encodeSubscribe(tradeRequest(['XBT/USD', 'ETH/USD'], true), 1);
		expect(text).toBe(
			'{"event":"subscribe","pair":["XBT/USD","ETH/USD"],"subscription":{"name":"trade"},"reqid":1}',
		);
		// Same request as Kraken's own example, whatever the key order.
		expect(JSON.parse(text)).toEqual(JSON.parse(v1Requests.subscribeDoc));
	});

	test('subscribe ignores the snapshot flag, which v1 trade does not take', () => {
		expect(codecV1.encodeSubscribe(tradeRequest(['XBT/USD'], false), 7)).toBe(
			'{"event":"subscribe","pair":["XBT/USD"],"subscription":{"name":"trade"},"reqid":7}',
		);
	});

	test('encodes unsubscribe', () => {
		expect(codecV1.encodeUnsubscribe(tradeRequest(['XBT/USD', 'XDG/USD']), 9)).toBe(
			'{"event":"unsubscribe","pair":["XBT/USD","XDG/USD"],"subscription":{"name":"trade"},"reqid":9}',
		);
	});

	test('encodes ping', () => {
		expect(codecV1.encodePing(42)).toBe(v1Requests.ping);
	});
});

describe('codec', () => {
	test('picks the codec for the api version', () => {
		expect(codecFor('v1')).toBe(codecV1);
		expect(codecFor('v2')).toBe(codecV2);
	});
});
