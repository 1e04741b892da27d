import {afterEach, describe, expect, test} from 'vitest';
import WebSocket from 'ws';
import type {ApiVersion} from '../../source/model/types.js';
import {
	parse,
	simulatorHarness,
	subscribeV1,
	subscribeV2,
	type Json,
} from '../helpers/simulator.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';
import {type RawClient} from '../helpers/raw-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const {simulate, connect} = simulatorHarness(cleanup);

const isHeartbeat = (text: string) =>
	text === '{"event":"heartbeat"}' || text === '{"channel":"heartbeat"}';

describe('exchange-server', () => {
	test.each<[ApiVersion, RegExp]>([
		['v1', /"connectionID":(\d+),/],
		['v2', /"connection_id":(\d+),/],
	])('%s sends status on connect with a bare connection id above 2^53', async (api, pattern) => {
		const {server} = await simulate();
		const first = await connect(server, api);
		const second = await connect(server, api);
		const [text = ''] = first.texts;
		const id = pattern.exec(text)?.[1] ?? '0';
		expect(BigInt(id)).toBeGreaterThan(2n ** 53n);
		expect(id).toBe('13834774380200032777');
		expect(pattern.exec(second.texts[0] ?? '')?.[1]).not.toBe(id);
		expect(parse(text)).toMatchObject(
			api === 'v1'
				? {event: 'systemStatus', status: 'online'}
				: {channel: 'status', type: 'update', data: [{api_version: 'v2', system: 'online'}]},
		);
		expect(server.connectionCount()).toBe(2);
	});

	test('v1 acks each pair separately', async () => {
		const {server} = await simulate();
		const client = await connect(server, 'v1');
		client.send(subscribeV1(['XBT/USD', 'ETH/USD'], 7));
		await eventually(() =>
			expect(
				client.json().filter((value) => (value as Json)['event'] === 'subscriptionStatus'),
			).toHaveLength(2),
		);
		const acks = client.json().filter((value) => (value as Json)['event'] === 'subscriptionStatus');
		expect(acks).toEqual([
			expect.objectContaining({
				channelName: 'trade',
				pair: 'XBT/USD',
				reqid: 7,
				status: 'subscribed',
				subscription: {name: 'trade'},
			}),
			expect.objectContaining({
				channelName: 'trade',
				pair: 'ETH/USD',
				reqid: 7,
				status: 'subscribed',
			}),
		]);
	});

	test('v2 acks each symbol separately', async () => {
		const {server} = await simulate();
		const client = await connect(server, 'v2');
		client.send(subscribeV2(['BTC/USD', 'ETH/USD'], false, 7));
		const isAck = (value: unknown) => (value as Json)['method'] === 'subscribe';
		await eventually(() => expect(client.json().filter(isAck)).toHaveLength(2));
		expect(client.json().filter(isAck)).toEqual([
			expect.objectContaining({
				req_id: 7,
				result: {channel: 'trade', symbol: 'BTC/USD', snapshot: false},
				success: true,
				time_in: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
				time_out: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
			}),
			expect.objectContaining({
				req_id: 7,
				result: {channel: 'trade', symbol: 'ETH/USD', snapshot: false},
			}),
		]);
	});

	test('v1 refuses unknown and malformed pairs in kraken words', async () => {
		const {server} = await simulate();
		const client = await connect(server, 'v1');
		client.send(subscribeV1(['FOO/USD', 'XBTUSD'], 3));
		await eventually(() => expect(client.texts).toHaveLength(3));
		expect(client.json().slice(1)).toEqual([
			{
				errorMessage: 'Currency pair not supported FOO/USD',
				event: 'subscriptionStatus',
				pair: 'FOO/USD',
				reqid: 3,
				status: 'error',
				subscription: {name: 'trade'},
			},
			{
				errorMessage: 'Currency pair not in ISO 4217-A3 format XBTUSD',
				event: 'subscriptionStatus',
				pair: 'XBTUSD',
				reqid: 3,
				status: 'error',
				subscription: {name: 'trade'},
			},
		]);
	});

	test('v2 refuses v1 pair names', async () => {
		const {server} = await simulate();
		const client = await connect(server, 'v2');
		client.send(subscribeV2(['XBT/USD'], false, 4));
		await eventually(() => expect(client.texts).toHaveLength(2));
		expect(client.json()[1]).toMatchObject({
			error: 'Currency pair not supported XBT/USD',
			method: 'subscribe',
			req_id: 4,
			success: false,
			symbol: 'XBT/USD',
		});
	});

	test('v1 refuses a string reqid in kraken words', async () => {
		const {server} = await simulate();
		const client = await connect(server, 'v1');
		client.send({event: 'ping', reqid: 'a'});
		await eventually(() => expect(client.texts).toHaveLength(2));
		expect(client.json()[1]).toMatchObject({
			errorMessage: 'Reqid field must be a positive integer less than 18446744073709551616',
			event: 'pingStatus',
			status: 'error',
		});
	});

	test('sends heartbeats about once a second, only once subscribed, on v1 and v2', async () => {
		// No trades at all, so the connection is quiet and heartbeats are due.
		const {server} = await simulate({seed: 1, rateMultiplier: 0});
		const clients = [await connect(server, 'v1'), await connect(server, 'v2')] as const;
		const heartbeatTimes = (client: RawClient) =>
			client.times.filter((_time, index) => isHeartbeat(client.texts[index] ?? ''));
		await pause(1300);
		expect(clients.map((client) => heartbeatTimes(client))).toEqual([[], []]);

		clients[0].send(subscribeV1(['ETH/USD']));
		clients[1].send(subscribeV2(['ETH/USD'], false));
		const subscribedAt = Date.now();
		for (const client of clients) {
			await eventually(() => expect(heartbeatTimes(client).length).toBeGreaterThanOrEqual(2), 3000);
			const [first = 0, second = 0] = heartbeatTimes(client);
			expect(first - subscribedAt).toBeGreaterThanOrEqual(900);
			expect(first - subscribedAt).toBeLessThan(1500);
			expect(second - first).toBeGreaterThanOrEqual(900);
			expect(second - first).toBeLessThan(1500);
		}
	});

	test('v1 answers ping with pong and the reqid', async () => {
		const {server} = await simulate();
		const client = await connect(server, 'v1');
		client.send({event: 'ping', reqid: 42});
		client.send({event: 'ping'});
		await eventually(() => expect(client.texts).toHaveLength(3));
		expect(client.json().slice(1)).toEqual([{event: 'pong', reqid: 42}, {event: 'pong'}]);
	});

	test('v2 answers ping with pong, req_id, time_in and time_out', async () => {
		const {server} = await simulate();
		const client = await connect(server, 'v2');
		client.send({method: 'ping', req_id: 42});
		await eventually(() => expect(client.texts).toHaveLength(2));
		expect(client.json()[1]).toEqual({
			method: 'pong',
			req_id: 42,
			time_in: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
			time_out: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
		});
	});

	test('v1 acks an unsubscribe', async () => {
		const {server} = await simulate();
		const client = await connect(server, 'v1');
		client.send(subscribeV1(['ETH/USD'], 1));
		await client.waitFor((text) => text.includes('"status":"subscribed"'));
		client.send({event: 'unsubscribe', pair: ['ETH/USD'], subscription: {name: 'trade'}, reqid: 2});
		const ack = await client.waitFor((text) => text.includes('"status":"unsubscribed"'));
		expect(parse(ack)).toMatchObject({
			channelName: 'trade',
			event: 'subscriptionStatus',
			pair: 'ETH/USD',
			reqid: 2,
			status: 'unsubscribed',
		});
	});

	test('v2 acks an unsubscribe and answers a failed one with method subscribe', async () => {
		const {server} = await simulate();
		const client = await connect(server, 'v2');
		client.send(subscribeV2(['ETH/USD'], false, 1));
		await client.waitFor((text) => text.includes('"success":true'));
		const unsubscribe = (reqId: number) => ({
			method: 'unsubscribe',
			params: {channel: 'trade', symbol: ['ETH/USD']},
			req_id: reqId,
		});
		client.send(unsubscribe(2));
		expect(
			parse(await client.waitFor((text) => text.includes('"method":"unsubscribe"'))),
		).toMatchObject({
			method: 'unsubscribe',
			req_id: 2,
			result: {channel: 'trade', symbol: 'ETH/USD'},
			success: true,
		});
		client.send(unsubscribe(3));
		expect(parse(await client.waitFor((text) => text.includes('"req_id":3')))).toMatchObject({
			error: 'Subscription Not Found',
			method: 'subscribe',
			req_id: 3,
			success: false,
			symbol: 'ETH/USD',
		});
	});

	test('an unknown path is refused with 404 on upgrade', async () => {
		const {server} = await simulate();
		const socket = new WebSocket(`${server.url}/v3`);
		const error = await new Promise<Error | undefined>((resolve) => {
			socket.once('error', resolve);
			socket.once('open', () => {
				socket.terminate();
				resolve(undefined);
			});
		});
		expect(error?.message).toBe('Unexpected server response: 404');
		expect(server.connectionCount()).toBe(0);
	});

	test.each<ApiVersion>(['v1', 'v2'])(
		'%s answers a burst of requests with exceeded msg rate',
		async (api) => {
			const {server} = await simulate();
			const client = await connect(server, api);
			for (let index = 1; index <= 30; index++) {
				client.send(api === 'v1' ? {event: 'ping', reqid: index} : {method: 'ping', req_id: index});
			}

			await eventually(() => expect(client.texts).toHaveLength(31));
			const limited = client.texts.filter((text) => text === '{"Error":"Exceeded msg rate"}');
			expect(limited.length).toBeGreaterThanOrEqual(10);
			expect(client.texts.filter((text) => text.includes('pong')).length).toBeGreaterThanOrEqual(
				10,
			);
			expect(client.socket.readyState).toBe(WebSocket.OPEN);
		},
	);
});
