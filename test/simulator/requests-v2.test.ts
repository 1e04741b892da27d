import {describe, expect, test} from 'vitest';
import {listedPairs} from '../../source/simulator/pair-catalog.js';
import {handleRequestV2} from '../../source/simulator/requests-v2.js';
import {applyChanges, noSubscriptions} from '../../source/simulator/subscriptions.js';
import {describeResult, tradeSubscriptions} from '../helpers/simulator.js';

type Row = Readonly<{
	name: string;
	request: unknown;
	/** Symbols already subscribed to the trade channel. */
	before?: readonly string[];
	replies: readonly string[];
	changes?: readonly string[];
}>;

const params = (symbol: unknown, snapshot?: unknown) => ({
	channel: 'trade',
	symbol,
	...(snapshot === undefined ? {} : {snapshot}),
});
const subscribe = (symbol: unknown, reqId?: number, snapshot?: unknown) => ({
	method: 'subscribe',
	params: params(symbol, snapshot),
	...(reqId === undefined ? {} : {req_id: reqId}),
});
const unsubscribe = (symbol: unknown, reqId?: number) => ({
	...subscribe(symbol, reqId),
	method: 'unsubscribe',
});

const now = Date.UTC(2024, 4, 19, 19, 11, 23, 34);
const times = '"time_in":"2024-05-19T19:11:23.034000Z","time_out":"2024-05-19T19:11:23.034000Z"';
const reqIdOf = (reqId?: number) => (reqId === undefined ? '' : `"req_id":${reqId},`);
const failure = (error: string, method: string, reqId?: number, symbol?: string) =>
	`{"error":"${error}","method":"${method}",${reqIdOf(reqId)}"success":false,${symbol === undefined ? '' : `"symbol":"${symbol}",`}${times}}`;
const ack = (symbol: string, reqId?: number, snapshot?: boolean) =>
	`{"method":"${snapshot === undefined ? 'unsubscribe' : 'subscribe'}",${reqIdOf(reqId)}"result":{"channel":"trade","symbol":"${symbol}"${snapshot === undefined ? '' : `,"snapshot":${snapshot}`}},"success":true,${times}}`;

// Kraken's wording: docs/kraken-protocol.md, sections 0 and 2.4.
const rows: Row[] = [
	{
		name: 'unparsable text (undefined)',
		request: undefined,
		replies: [failure('Malformed request', '')],
	},
	{name: 'a JSON array', request: [{method: 'ping'}], replies: [failure('Malformed request', '')]},
	{
		name: 'ping',
		request: {method: 'ping', req_id: 42},
		replies: [`{"method":"pong","req_id":42,${times}}`],
	},
	{
		name: 'ping with a req_id that is not an integer, which is not echoed',
		request: {method: 'ping', req_id: 'a'},
		replies: [`{"method":"pong",${times}}`],
	},
	{
		name: 'ping with params',
		request: {method: 'ping', params: {}, req_id: 1},
		replies: [failure("Unsupported field: 'params' for the given msg type: ping", 'ping', 1)],
	},
	{
		name: 'no method',
		request: {req_id: 5},
		replies: [failure('Unsupported event', '', 5)],
	},
	{
		name: 'an unknown method',
		request: {method: 'trade'},
		replies: [failure('Unsupported event', 'trade')],
	},
	{
		name: 'subscribe without params',
		request: {method: 'subscribe', req_id: 2},
		replies: [failure('Missing field: params', 'subscribe', 2)],
	},
	{
		name: 'a channel the simulator does not serve',
		request: {method: 'subscribe', params: {channel: 'level3', symbol: ['BTC/USD'], depth: 10}},
		replies: [failure('Channel not supported by this simulator: level3', 'subscribe')],
	},
	{
		name: 'a channel named like a prototype property',
		request: {method: 'unsubscribe', params: {channel: '__proto__', symbol: ['BTC/USD']}},
		replies: [failure('Channel not supported by this simulator: __proto__', 'unsubscribe')],
	},
	{
		name: 'a symbol string instead of an array',
		request: subscribe('BTC/USD', 4),
		replies: [failure('Invalid field: symbol must be an array', 'subscribe', 4)],
	},
	{name: 'no symbols', request: subscribe([], 1), replies: []},
	{
		name: 'subscribe, one ack per symbol, no snapshot unless asked',
		request: subscribe(['BTC/USD', 'ETH/USD'], 7),
		replies: [
			`{"method":"subscribe","req_id":7,"result":{"channel":"trade","symbol":"BTC/USD","snapshot":false},"success":true,${times}}`,
			ack('ETH/USD', 7, false),
		],
		changes: ['+trade BTC/USD 300 {"snapshot":false}', '+trade ETH/USD 301 {"snapshot":false}'],
	},
	{
		name: 'each snapshot follows its own ack',
		request: subscribe(['BTC/USD', 'ETH/USD'], 8, true),
		replies: [
			ack('BTC/USD', 8, true),
			'snapshot trade BTC/USD',
			ack('ETH/USD', 8, true),
			'snapshot trade ETH/USD',
		],
		changes: ['+trade BTC/USD 300 {"snapshot":true}', '+trade ETH/USD 301 {"snapshot":true}'],
	},
	{
		name: 'snapshot only when it is the boolean true',
		request: subscribe(['BTC/USD'], undefined, 'true'),
		replies: [ack('BTC/USD', undefined, false)],
		changes: ['+trade BTC/USD 300 {"snapshot":false}'],
	},
	{
		name: 'v1 names, unknown and malformed symbols',
		request: subscribe(['XBT/USD', 'FOO/USD', 'BTCUSD', 12], 4),
		replies: [
			failure('Currency pair not supported XBT/USD', 'subscribe', 4, 'XBT/USD'),
			failure('Currency pair not supported FOO/USD', 'subscribe', 4, 'FOO/USD'),
			failure('Currency pair not supported BTCUSD', 'subscribe', 4, 'BTCUSD'),
			failure('Currency pair not supported 12', 'subscribe', 4, '12'),
		],
	},
	{
		name: 'a symbol named twice: no second snapshot',
		request: subscribe(['BTC/USD', 'BTC/USD'], 2, true),
		replies: [
			ack('BTC/USD', 2, true),
			'snapshot trade BTC/USD',
			failure('Already subscribed', 'subscribe', 2, 'BTC/USD'),
		],
		changes: ['+trade BTC/USD 300 {"snapshot":true}'],
	},
	{
		name: 'a symbol already subscribed',
		request: subscribe(['BTC/USD'], 2, true),
		before: ['BTC/USD'],
		replies: [failure('Already subscribed', 'subscribe', 2, 'BTC/USD')],
	},
	{
		name: 'unsubscribe',
		request: unsubscribe(['ETH/USD'], 2),
		before: ['BTC/USD', 'ETH/USD'],
		replies: [ack('ETH/USD', 2)],
		changes: ['-trade ETH/USD'],
	},
	{
		name: 'a failed unsubscribe answers with method subscribe',
		request: unsubscribe(['ETH/USD', 'FOO/USD'], 3),
		before: ['BTC/USD'],
		replies: [
			failure('Subscription Not Found', 'subscribe', 3, 'ETH/USD'),
			failure('Currency pair not supported FOO/USD', 'unsubscribe', 3, 'FOO/USD'),
		],
	},
];

describe('requests-v2', () => {
	test.each(rows)('$name', ({request, before = [], replies, changes = []}) => {
		const subscriptions = tradeSubscriptions(before);
		const result = handleRequestV2(request, subscriptions, listedPairs, () => now);
		expect(describeResult(result)).toEqual({replies, changes});
		// The handler describes changes; the subscriptions it was given stay as they were.
		expect([...subscriptions.values()].map(({pair}) => pair.symbol)).toEqual(before);
	});

	test('time_in is read once, before any time_out', () => {
		let tick = now;
		const result = handleRequestV2(
			subscribe(['BTC/USD', 'ETH/USD']),
			noSubscriptions,
			listedPairs,
			() => tick++,
		);
		const stamps = describeResult(result).replies.map((text) => {
			const {time_in: timeIn, time_out: timeOut} = JSON.parse(text) as Record<string, string>;
			return [timeIn, timeOut];
		});
		expect(stamps).toEqual([
			['2024-05-19T19:11:23.034000Z', '2024-05-19T19:11:23.035000Z'],
			['2024-05-19T19:11:23.034000Z', '2024-05-19T19:11:23.036000Z'],
		]);
	});

	test('applied changes are what the next request sees', () => {
		let subscriptions = noSubscriptions;
		const run = (request: unknown) => {
			const result = handleRequestV2(request, subscriptions, listedPairs, () => now);
			subscriptions = applyChanges(subscriptions, result.changes);
			return describeResult(result).replies;
		};

		expect(run(subscribe(['BTC/USD'], 1, true))).toEqual([
			ack('BTC/USD', 1, true),
			'snapshot trade BTC/USD',
		]);
		expect(run(subscribe(['BTC/USD'], 2, true))).toEqual([
			failure('Already subscribed', 'subscribe', 2, 'BTC/USD'),
		]);
		expect(run(unsubscribe(['BTC/USD'], 3))).toEqual([ack('BTC/USD', 3)]);
		expect(subscriptions.size).toBe(0);
		expect(run(unsubscribe(['BTC/USD'], 4))).toEqual([
			failure('Subscription Not Found', 'subscribe', 4, 'BTC/USD'),
		]);
	});
});
