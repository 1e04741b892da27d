import {describe, expect, test} from 'vitest';
import {codecV2} from '../../source/kraken/v2/codec.js';
import type {FeedMessage, SubscriptionRequest} from '../../source/kraken/feed-message.js';
import {v2ErrorFrames, v2Frames, v2Requests} from '../fixtures/frames.js';

/** A trade-channel request for these pairs. */
const tradeRequest = (pairs: readonly string[], snapshot?: boolean): SubscriptionRequest => ({
	channel: 'trade',
	pairs,
	params: snapshot === undefined ? {} : {snapshot},
});

const decode = (text: string): FeedMessage => codecV2.decode(text);

describe('codec-v2', () => {
	test.each<[string, string, FeedMessage]>([
		[
			'status doc example',
			v2Frames.statusDoc,
			{kind: 'status', status: 'online', version: '2.0.0', connectionId: '13834774380200032777'},
		],
		[
			'status real 2024',
			v2Frames.statusReal2024,
			{kind: 'status', status: 'online', version: '2.0.4', connectionId: '12393906104898154338'},
		],
		[
			'status real 2026 with other key order',
			v2Frames.statusReal2026,
			{kind: 'status', status: 'online', version: '2.0.10', connectionId: '9471984923908980762'},
		],
		[
			'trade subscribed',
			v2Frames.tradeSubscribed,
			{kind: 'subscribed', channel: 'trade', pair: 'BTC/USD', reqId: 0},
		],
		['pong', v2Frames.pong, {kind: 'pong', reqId: 1}],
		['heartbeat', v2Frames.heartbeat, {kind: 'heartbeat'}],
	])('decodes %s', (_name, frame, expected) => {
		expect(decode(frame)).toEqual(expected);
	});

	test('keeps connection ids above 2^53 exact', () => {
		const message = decode(v2Frames.statusDoc);
		// JSON.parse alone would give 13834774380200032000.
		expect(message.kind === 'status' ? message.connectionId : undefined).toBe(
			'13834774380200032777',
		);
	});

	test.each<[string, string, FeedMessage]>([
		[
			'XBT name refused',
			v2ErrorFrames.xbtNotSupported,
			{kind: 'subscription-error', pair: 'XBT/EUR', message: 'Currency pair not supported XBT/EUR'},
		],
		[
			'XDG name refused without a symbol',
			v2ErrorFrames.xdgNotSupported,
			{kind: 'subscription-error', message: 'Currency pair not supported XDG/USD'},
		],
		[
			'unknown pair',
			v2ErrorFrames.nopeNotSupported,
			{
				kind: 'subscription-error',
				pair: 'NOPE/USD',
				message: 'Currency pair not supported NOPE/USD',
			},
		],
		[
			'already subscribed',
			v2ErrorFrames.alreadySubscribed,
			{kind: 'subscription-error', pair: 'BTC/USD', message: 'Already subscribed', reqId: 2},
		],
		[
			'failed unsubscribe reported as subscribe',
			v2ErrorFrames.subscriptionNotFound,
			{
				kind: 'subscription-error',
				pair: 'BTC/USD',
				message: 'Subscription Not Found',
				reqId: 123_456_789,
			},
		],
		[
			'unsupported event',
			v2ErrorFrames.unsupportedEvent,
			{kind: 'subscription-error', message: 'Unsupported event', reqId: 0},
		],
		[
			'ping with params',
			v2ErrorFrames.pingUnsupportedField,
			{kind: 'error', message: "Unsupported field: 'params' for the given msg type: ping"},
		],
	])('decodes error: %s', (_name, frame, expected) => {
		expect(decode(frame)).toEqual(expected);
	});

	test('an error without a symbol is a subscription error with no pair', () => {
		const message = decode(v2ErrorFrames.xdgNotSupported);
		expect(message.kind).toBe('subscription-error');
		expect(message.kind === 'subscription-error' ? message.pair : 'not an error').toBeUndefined();
	});

	test.each<[string, string, FeedMessage]>([
		[
			'real snapshot',
			v2Frames.tradeSnapshot,
			{
				kind: 'trades',
				isSnapshot: true,
				trades: [
					{
						pair: 'BTC/USD',
						side: 'sell',
						price: 68_466.9,
						volume: 0.019_194_15,
						time: 1_716_813_190_826,
						orderType: 'market',
						tradeId: 70_635_251,
					},
					{
						pair: 'BTC/USD',
						side: 'buy',
						price: 68_471.2,
						volume: 0.000_077_23,
						time: 1_716_813_190_980,
						orderType: 'limit',
						tradeId: 70_635_252,
					},
				],
			},
		],
		[
			'real update with a shared timestamp',
			v2Frames.tradeUpdate,
			{
				kind: 'trades',
				isSnapshot: false,
				trades: [
					{
						pair: 'BTC/USD',
						side: 'buy',
						price: 68_500,
						volume: 0.010_449_26,
						time: 1_716_813_791_798,
						orderType: 'limit',
						tradeId: 70_635_299,
					},
					{
						pair: 'BTC/USD',
						side: 'buy',
						price: 68_500,
						volume: 0.004_831_92,
						time: 1_716_813_791_798,
						orderType: 'limit',
						tradeId: 70_635_300,
					},
				],
			},
		],
		[
			'doc snapshot',
			v2Frames.tradeSnapshotDoc,
			{
				kind: 'trades',
				isSnapshot: true,
				trades: [
					{
						pair: 'MATIC/USD',
						side: 'buy',
						price: 0.5147,
						volume: 6423.463_26,
						time: 1_695_628_116_925,
						orderType: 'limit',
						tradeId: 4_665_846,
					},
				],
			},
		],
	])('decodes trades: %s', (_name, frame, expected) => {
		expect(decode(frame)).toEqual(expected);
	});

	test.each<[string, string]>([
		['a level3 snapshot', '{"channel":"level3","type":"snapshot","data":[]}'],
		['an instrument snapshot', '{"channel":"instrument","type":"snapshot","data":{}}'],
	])('other channels are unrecognised: %s', (_name, frame) => {
		expect(decode(frame)).toEqual({kind: 'unrecognised', reason: expect.stringMatching(/\S/)});
	});

	const good = {
		symbol: 'BTC/USD',
		side: 'buy',
		price: 68_500,
		qty: 0.01,
		ord_type: 'limit',
		trade_id: 1,
		timestamp: '2024-05-27T12:43:11.798009Z',
	};
	const trade = (change: Record<string, unknown>): string =>
		JSON.stringify({channel: 'trade', type: 'update', data: [{...good, ...change}]});

	test('the trade builder makes a frame the codec accepts', () => {
		expect(decode(trade({})).kind).toBe('trades');
	});

	test.each([
		'2024-05-27T14:43:11.798+02:00',
		'2024-05-27T12:43:11.7980091234Z',
		'2024-05-27T12:43:11Z',
	])(
		'a time written otherwise than Kraken writes it is read as Date.parse reads it: %s',
		(time) => {
			const message = decode(trade({timestamp: time}));
			expect(message.kind === 'trades' ? message.trades[0]?.time : message).toBe(Date.parse(time));
		},
	);

	test.each<[string, string]>([
		['malformed json', '{"channel":"trade","type":'],
		['empty text', ''],
		['valid json of unknown shape', '{"foo":"bar"}'],
		['an unknown channel', '{"channel":"surprise"}'],
		['an unknown method', '{"method":"surprise"}'],
		['null', 'null'],
		['a number', '42'],
		['a string', '"trade"'],
		['an array', '[337,[["1","1","1","b","m",""]],"trade","XBT/USD"]'],
		['price abc', trade({price: 'abc'})],
		['price as a string', trade({price: '68500.0'})],
		[
			'price beyond a double',
			'{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":1e400,"qty":0.01,"ord_type":"limit","trade_id":1,"timestamp":"2024-05-27T12:43:11.798009Z"}]}',
		],
		['price null', trade({price: null})],
		['zero price', trade({price: 0})],
		['negative qty', trade({qty: -0.01})],
		['zero qty', trade({qty: 0})],
		['qty NaN-like string', trade({qty: 'NaN'})],
		['side b', trade({side: 'b'})],
		['order type m', trade({ord_type: 'm'})],
		['trade id negative', trade({trade_id: -1})],
		['trade id fractional', trade({trade_id: 1.5})],
		['timestamp not a date', trade({timestamp: 'yesterday'})],
		['timestamp as epoch seconds', trade({timestamp: 1_716_813_791})],
		['symbol with an escape', trade({symbol: 'BTC\u001B[2J/USD'})],
		['missing symbol', trade({symbol: undefined})],
		['unknown type', '{"channel":"trade","type":"delta","data":[]}'],
		['data not an array', '{"channel":"trade","type":"update","data":{}}'],
		['data of strings', '{"channel":"trade","type":"update","data":["BTC/USD"]}'],
		['status without data', '{"channel":"status","type":"update"}'],
		['status with empty data', '{"channel":"status","type":"update","data":[]}'],
		['status without system', '{"channel":"status","data":[{"version":"2.0.0"}]}'],
		['ack without result', '{"method":"subscribe","success":true}'],
		['ack with success a string', '{"method":"subscribe","success":"true"}'],
		['error without message', '{"method":"subscribe","success":false}'],
		['pong with req_id string', '{"method":"pong","req_id":"1"}'],
		['string over 1 MB', `{"channel":"heartbeat","padding":"${'x'.repeat(1024 * 1024)}"}`],
	])('refuses %s without throwing', (_name, frame) => {
		expect(decode(frame)).toEqual({kind: 'unrecognised', reason: expect.stringMatching(/\S/)});
	});

	test.each<[boolean]>([[true], [false]])('subscribe always sends snapshot %s', (snapshot) => {
		const text = codecV2.encodeSubscribe(tradeRequest(['BTC/USD', 'ETH/USD'], snapshot), 1);
		expect(text).toBe(
			`{"method":"subscribe","params":{"channel":"trade","symbol":["BTC/USD","ETH/USD"],"snapshot":${snapshot}},"req_id":1}`,
		);
	});

	test('subscribe matches the documented request', () => {
		const text = codecV2.encodeSubscribe(tradeRequest(['BTC/USD', 'ETH/USD'], true), 1);
		expect(JSON.parse(text)).toEqual(JSON.parse(v2Requests.subscribeDoc));
	});

	test('subscribe sends the symbol as an array even for one pair', () => {
		const parsed = JSON.parse(codecV2.encodeSubscribe(tradeRequest(['DOGE/USD'], false), 3)) as {
			params: {symbol: unknown};
		};
		expect(parsed.params.symbol).toEqual(['DOGE/USD']);
	});

	test('encodes unsubscribe', () => {
		const text = codecV2.encodeUnsubscribe(tradeRequest(['BTC/USD']), 2);
		expect(text).toBe(
			'{"method":"unsubscribe","params":{"channel":"trade","symbol":["BTC/USD"]},"req_id":2}',
		);
		expect(JSON.parse(text)).toEqual(JSON.parse(v2Requests.unsubscribeDoc));
	});

	test('encodes ping without params', () => {
		expect(codecV2.encodePing(1)).toBe(v2Requests.ping);
	});
});
