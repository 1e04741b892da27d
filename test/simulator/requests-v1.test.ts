import {describe, expect, test} from 'vitest';
import {listedPairs} from '../../source/simulator/pair-catalog.js';
import {handleRequestV1} from '../../source/simulator/requests-v1.js';
import {applyChanges, noSubscriptions} from '../../source/simulator/subscriptions.js';
import {describeResult, listedPair, tradeSubscriptions} from '../helpers/simulator.js';

type Row = Readonly<{
	name: string;
	request: unknown;
	/** v2 symbols already subscribed to the trade channel. */
	before?: readonly string[];
	replies: readonly string[];
	changes?: readonly string[];
}>;

const subscribe = (pair: unknown, reqid?: unknown, subscription: unknown = {name: 'trade'}) => ({
	event: 'subscribe',
	pair,
	subscription,
	...(reqid === undefined ? {} : {reqid}),
});
const unsubscribe = (pair: unknown, reqid?: number) => ({
	...subscribe(pair, reqid),
	event: 'unsubscribe',
});

const malformed = '{"errorMessage":"Malformed request","event":"error","status":"error"}';
const reqidError =
	'"errorMessage":"Reqid field must be a positive integer less than 18446744073709551616"';
const status = (fields: string, pair: string, reqid?: number) =>
	`{${fields},"event":"subscriptionStatus","pair":"${pair}",${reqid === undefined ? '' : `"reqid":${reqid},`}`;
const ack = (state: string, id: number, pair: string, reqid?: number) =>
	`${status(`"channelID":${id},"channelName":"trade"`, pair, reqid)}"status":"${state}","subscription":{"name":"trade"}}`;
const refusal = (message: string, pair: string, reqid?: number, name = 'trade') =>
	`${status(`"errorMessage":"${message}"`, pair, reqid)}"status":"error","subscription":{"name":"${name}"}}`;

// Kraken's wording: docs/kraken-protocol.md, sections 0 and 2.2.
const rows: Row[] = [
	{name: 'unparsable text (undefined)', request: undefined, replies: [malformed]},
	{name: 'a JSON array', request: [], replies: [malformed]},
	{name: 'a JSON string', request: 'ping', replies: [malformed]},
	{name: 'null', request: null, replies: [malformed]},
	{name: 'ping', request: {event: 'ping'}, replies: ['{"event":"pong"}']},
	{
		name: 'ping with a reqid',
		request: {event: 'ping', reqid: 42},
		replies: ['{"event":"pong","reqid":42}'],
	},
	{
		name: 'ping with a string reqid',
		request: {event: 'ping', reqid: 'a'},
		replies: [`{${reqidError},"event":"pingStatus","reqid":"a","status":"error"}`],
	},
	{
		name: 'subscribe with reqid 0',
		request: subscribe(['XBT/USD'], 0),
		replies: [`{${reqidError},"event":"subscriptionStatus","reqid":0,"status":"error"}`],
	},
	{
		name: 'ping with a fractional reqid',
		request: {event: 'ping', reqid: 1.5},
		replies: [`{${reqidError},"event":"pingStatus","reqid":1.5,"status":"error"}`],
	},
	{
		name: 'no event',
		request: {reqid: 5},
		replies: [
			'{"errorMessage":"Event(s) not found","event":"subscriptionStatus","reqid":5,"status":"error"}',
		],
	},
	{
		name: 'an unknown event',
		request: {event: 'foo', reqid: 1},
		replies: [
			'{"errorMessage":"Unsupported event","event":"subscriptionStatus","reqid":1,"status":"error"}',
		],
	},
	{
		name: 'an event named like a prototype property',
		request: {event: 'constructor'},
		replies: ['{"errorMessage":"Unsupported event","event":"subscriptionStatus","status":"error"}'],
	},
	{
		name: 'subscribe without a subscription',
		request: {event: 'subscribe', pair: ['XBT/USD'], reqid: 3},
		replies: [
			'{"errorMessage":"Subscription field must be an object","event":"subscriptionStatus","reqid":3,"status":"error"}',
		],
	},
	{
		name: 'subscribe with a pair string',
		request: subscribe('XBT/USD', 4),
		replies: [
			'{"errorMessage":"Pair field must be an array","event":"subscriptionStatus","reqid":4,"status":"error"}',
		],
	},
	{
		name: 'unsubscribe by channelID, which the simulator does not take',
		request: {event: 'unsubscribe', channelID: 300, subscription: {name: 'trade'}},
		replies: [
			'{"errorMessage":"Pair field must be an array","event":"subscriptionStatus","status":"error"}',
		],
	},
	{
		name: "a misspelt channel, refused for each pair with the request's name",
		request: subscribe(['XBT/USD', 'ETH/USD'], 5, {name: 'trades'}),
		replies: [
			refusal('Subscription name invalid', 'XBT/USD', 5, 'trades'),
			refusal('Subscription name invalid', 'ETH/USD', 5, 'trades'),
		],
	},
	{
		name: 'a channel named like a prototype property',
		request: subscribe(['XBT/USD'], undefined, {name: 'constructor'}),
		replies: [refusal('Subscription name invalid', 'XBT/USD', undefined, 'constructor')],
	},
	{
		name: 'a subscription without a name',
		request: subscribe(['XBT/USD'], undefined, []),
		replies: [refusal('Subscription name invalid', 'XBT/USD', undefined, 'undefined')],
	},
	{
		name: 'no pairs',
		request: subscribe([], 1),
		replies: [],
	},
	{
		name: 'subscribe, one ack per pair, channel ids from the catalog',
		request: subscribe(['XBT/USD', 'ETH/USD', 'XDG/USD'], 7),
		replies: [
			'{"channelID":300,"channelName":"trade","event":"subscriptionStatus","pair":"XBT/USD","reqid":7,"status":"subscribed","subscription":{"name":"trade"}}',
			ack('subscribed', 301, 'ETH/USD', 7),
			ack('subscribed', 304, 'XDG/USD', 7),
		],
		changes: ['+trade BTC/USD 300 {}', '+trade ETH/USD 301 {}', '+trade DOGE/USD 304 {}'],
	},
	{
		name: 'trade options are not echoed',
		request: subscribe(['XBT/USD'], 8, {name: 'trade', snapshot: true}),
		replies: [ack('subscribed', 300, 'XBT/USD', 8)],
		changes: ['+trade BTC/USD 300 {}'],
	},
	{
		name: 'unknown, malformed and v2 pair names',
		request: subscribe(['FOO/USD', 'XBTUSD', 'xbt/usd', 'BTC/USD', 42], 3),
		replies: [
			refusal('Currency pair not supported FOO/USD', 'FOO/USD', 3),
			refusal('Currency pair not in ISO 4217-A3 format XBTUSD', 'XBTUSD', 3),
			refusal('Currency pair not in ISO 4217-A3 format xbt/usd', 'xbt/usd', 3),
			refusal('Currency pair not supported BTC/USD', 'BTC/USD', 3),
			refusal('Currency pair not in ISO 4217-A3 format 42', '42', 3),
		],
	},
	{
		name: 'a pair named twice in one request',
		request: subscribe(['XBT/USD', 'XBT/USD']),
		replies: [ack('subscribed', 300, 'XBT/USD'), refusal('Already subscribed', 'XBT/USD')],
		changes: ['+trade BTC/USD 300 {}'],
	},
	{
		name: 'a pair already subscribed',
		request: subscribe(['XBT/USD', 'ETH/USD'], 2),
		before: ['BTC/USD'],
		replies: [refusal('Already subscribed', 'XBT/USD', 2), ack('subscribed', 301, 'ETH/USD', 2)],
		changes: ['+trade ETH/USD 301 {}'],
	},
	{
		name: 'unsubscribe',
		request: unsubscribe(['ETH/USD'], 2),
		before: ['BTC/USD', 'ETH/USD'],
		replies: [ack('unsubscribed', 301, 'ETH/USD', 2)],
		changes: ['-trade ETH/USD'],
	},
	{
		name: 'unsubscribe from a pair not subscribed, or not listed',
		request: unsubscribe(['ETH/USD', 'FOO/USD'], 3),
		before: ['BTC/USD'],
		replies: [
			refusal('Subscription Not Found', 'ETH/USD', 3),
			refusal('Currency pair not supported FOO/USD', 'FOO/USD', 3),
		],
	},
];

describe('requests-v1', () => {
	test.each(rows)('$name', ({request, before = [], replies, changes = []}) => {
		const subscriptions = tradeSubscriptions(before);
		const result = handleRequestV1(request, subscriptions, listedPairs);
		expect(describeResult(result)).toEqual({replies, changes});
		// The handler describes changes; the subscriptions it was given stay as they were.
		expect([...subscriptions.values()].map(({pair}) => pair.symbol)).toEqual(before);
	});

	test('channel ids follow the catalog the exchange serves', () => {
		const catalog = [listedPair('ETH/USD'), listedPair('BTC/USD')];
		const result = handleRequestV1(subscribe(['XBT/USD', 'ETH/USD']), noSubscriptions, catalog);
		expect(describeResult(result).changes).toEqual([
			'+trade BTC/USD 301 {}',
			'+trade ETH/USD 300 {}',
		]);
	});

	test('applied changes are what the next request sees', () => {
		let subscriptions = noSubscriptions;
		const run = (request: unknown) => {
			const result = handleRequestV1(request, subscriptions, listedPairs);
			subscriptions = applyChanges(subscriptions, result.changes);
			return describeResult(result).replies;
		};

		expect(run(subscribe(['XBT/USD']))).toEqual([ack('subscribed', 300, 'XBT/USD')]);
		expect(run(subscribe(['XBT/USD']))).toEqual([refusal('Already subscribed', 'XBT/USD')]);
		expect(run(unsubscribe(['XBT/USD']))).toEqual([ack('unsubscribed', 300, 'XBT/USD')]);
		expect(subscriptions.size).toBe(0);
		expect(run(unsubscribe(['XBT/USD']))).toEqual([refusal('Subscription Not Found', 'XBT/USD')]);
	});
});
