import {afterEach, describe, expect, test} from 'vitest';
import {KrakenClient} from '../../source/kraken/client.js';
import type {ApiVersion, Trade} from '../../source/model/types.js';
import {startScriptedServer, type ScriptedServer} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {stateKinds, tradeStates} from '../helpers/client-log.js';
import {eventually, pause} from '../helpers/eventually.js';
import {startClient} from '../helpers/test-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

type Setup = Readonly<{api: ApiVersion; bitcoin: string}>;

const setups: Setup[] = [
	{api: 'v1', bitcoin: 'XBT/USD'},
	{api: 'v2', bitcoin: 'BTC/USD'},
];

async function serve(api: ApiVersion): Promise<ScriptedServer> {
	const server = await startScriptedServer({api});
	cleanup.add(() => server.close());
	return server;
}

/** The exact subscribe text each API wants (docs/kraken-protocol.md, 3.1). */
function subscribeText(api: ApiVersion, pairs: readonly string[], reqId: number): string {
	return api === 'v1'
		? JSON.stringify({event: 'subscribe', pair: pairs, subscription: {name: 'trade'}, reqid: reqId})
		: JSON.stringify({
				method: 'subscribe',
				params: {channel: 'trade', symbol: pairs, snapshot: true},
				req_id: reqId,
			});
}

function unsubscribeText(api: ApiVersion, pairs: readonly string[], reqId: number): string {
	return api === 'v1'
		? JSON.stringify({
				event: 'unsubscribe',
				pair: pairs,
				subscription: {name: 'trade'},
				reqid: reqId,
			})
		: JSON.stringify({
				method: 'unsubscribe',
				params: {channel: 'trade', symbol: pairs},
				req_id: reqId,
			});
}

describe.each(setups)('client on $api', ({api, bitcoin}) => {
	const pairs = [bitcoin, 'ETH/USD'];

	test('subscribes every pair in one message after the status frame', async () => {
		const server = await serve(api);
		// A long status wait: a prompt subscribe can only have come from the status frame.
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs, statusWaitMs: 5000});
		await eventually(() => expect(client.state.kind).toBe('subscribed'), 2000);

		const connection = server.latest();
		expect(connection.received).toHaveLength(1);
		const [text = ''] = connection.received;
		const reqId = connection.requests()[0]?.reqId ?? -1;
		expect(Number.isInteger(reqId) && reqId > 0).toBe(true);
		expect(text).toBe(subscribeText(api, pairs, reqId));
		expect(log.subscriptions).toEqual(
			pairs.map((pair) => ({channel: 'trade', pair, state: 'subscribed'})),
		);
		expect(stateKinds(log)).toEqual(['connecting', 'open', 'subscribed']);
		expect([...tradeStates(client)]).toEqual(pairs.map((pair) => [pair, 'subscribed']));
	});

	test('emits trades as domain trades', async () => {
		const server = await serve(api);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));

		server.latest().send(
			server.frames.trades(bitcoin, [
				{
					price: api === 'v1' ? '37080.10000' : '37080.1',
					volume: api === 'v1' ? '0.00015891' : '0.00015891',
					side: 'sell',
					orderType: 'market',
					timeMicros: 1_699_797_222_188_887,
					tradeId: 70_635_299,
				},
				{
					price: api === 'v1' ? '37080.20000' : '37080.2',
					volume: '0.50000000',
					side: 'buy',
					orderType: 'limit',
					timeMicros: 1_699_797_222_188_887,
					tradeId: 70_635_300,
				},
			]),
		);
		const expected: Trade[] = [
			{
				pair: bitcoin,
				side: 'sell',
				price: 37_080.1,
				volume: 0.000_158_91,
				time: 1_699_797_222_188,
				orderType: 'market',
				...(api === 'v2' ? {tradeId: 70_635_299} : {}),
			},
			{
				pair: bitcoin,
				side: 'buy',
				price: 37_080.2,
				volume: 0.5,
				time: 1_699_797_222_188,
				orderType: 'limit',
				...(api === 'v2' ? {tradeId: 70_635_300} : {}),
			},
		];
		await eventually(() => expect(log.trades).toEqual(expected));
	});

	test('subscribes after statusWaitMs when no status frame comes', async () => {
		const server = await serve(api);
		server.behaviour.sendStatus = false;
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs, statusWaitMs: 300});
		await eventually(() => expect(client.state.kind).toBe('subscribed'), 3000);

		const connection = server.latest();
		const waited = (connection.receivedAt[0] ?? 0) - connection.connectedAt;
		expect(waited).toBeGreaterThanOrEqual(250);
		expect(connection.requests('subscribe')).toHaveLength(1);
		expect(connection.requests('subscribe')[0]?.pairs).toEqual(pairs);
		expect(log.statuses).toEqual([]);
	});

	test('reports a refused pair in kraken words while the other pair streams', async () => {
		const server = await serve(api);
		server.behaviour.rejections.set('FOO/USD', {message: 'Currency pair not supported FOO/USD'});
		const {log} = startClient(cleanup, {url: server.url, api, pairs: [bitcoin, 'FOO/USD']});
		await eventually(() =>
			expect(log.subscriptions).toContainEqual({
				channel: 'trade',
				pair: 'FOO/USD',
				state: 'error',
				message: 'Currency pair not supported FOO/USD',
			}),
		);
		expect(log.subscriptions).toContainEqual({
			channel: 'trade',
			pair: bitcoin,
			state: 'subscribed',
		});

		server
			.latest()
			.send(server.frames.trades(bitcoin, [{price: '100.5', volume: '1', side: 'buy'}]));
		await eventually(() => expect(log.trades.map((trade) => trade.pair)).toEqual([bitcoin]));
	});

	test('treats already subscribed as subscribed', async () => {
		const server = await serve(api);
		server.behaviour.alreadySubscribed.add('ETH/USD');
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() =>
			expect(log.subscriptions).toContainEqual({
				channel: 'trade',
				pair: 'ETH/USD',
				state: 'subscribed',
			}),
		);
		expect(log.subscriptions.filter((change) => change.state === 'error')).toEqual([]);
		expect(tradeStates(client).get('ETH/USD')).toBe('subscribed');
	});

	test('subscribe and unsubscribe at runtime send the right messages', async () => {
		const server = await serve(api);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		const connection = server.latest();

		client.subscribe(['SOL/USD']);
		await eventually(() => expect(connection.received).toHaveLength(2));
		const subscribeId = connection.requests()[1]?.reqId ?? -1;
		expect(connection.received[1]).toBe(subscribeText(api, ['SOL/USD'], subscribeId));
		await eventually(() =>
			expect(log.subscriptions).toContainEqual({
				channel: 'trade',
				pair: 'SOL/USD',
				state: 'subscribed',
			}),
		);

		client.unsubscribe(['ETH/USD']);
		await eventually(() => expect(connection.received).toHaveLength(3));
		const unsubscribeId = connection.requests()[2]?.reqId ?? -1;
		expect(connection.received[2]).toBe(unsubscribeText(api, ['ETH/USD'], unsubscribeId));
		expect(new Set(connection.requests().map((request) => request.reqId)).size).toBe(3);
		expect(log.subscriptions.at(-1)).toEqual({
			channel: 'trade',
			pair: 'ETH/USD',
			state: 'unsubscribed',
		});
		expect(tradeStates(client).has('ETH/USD')).toBe(false);

		// Trades already in flight for the removed pair are dropped; the others still come.
		connection.send(
			server.frames.trades('ETH/USD', [{price: '3500.1', volume: '1', side: 'buy', tradeId: 5}]),
		);
		connection.send(
			server.frames.trades('SOL/USD', [{price: '150.25', volume: '2', side: 'sell', tradeId: 9}]),
		);
		await eventually(() => expect(log.trades.map((trade) => trade.pair)).toEqual(['SOL/USD']));
		await pause(50);
		expect(log.trades.map((trade) => trade.pair)).toEqual(['SOL/USD']);
	});

	test('stop closes the connection and no reconnect follows', async () => {
		const server = await serve(api);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));

		client.stop();
		await eventually(() => expect(server.latest().closeCode()).toBe(1000));
		// Ten times the quick reconnect delay: any reconnect would have come by now.
		await pause(250);
		expect(server.handshakeAttempts()).toBe(1);
		expect(stateKinds(log)).toEqual(['connecting', 'open', 'subscribed', 'closed']);
	});

	test('status event names a scripted server as not simulated', async () => {
		const server = await serve(api);
		const {log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(log.statuses).toHaveLength(1));
		expect(log.statuses[0]).toMatchObject({status: 'online', isSimulated: false});
	});
});

describe('client on v2', () => {
	test('matches an error without a symbol to the pair its message ends with', async () => {
		const server = await serve('v2');
		// Real frame (docs/kraken-protocol.md, 3.3): {"error":"Currency pair not supported XDG/USD","success":false,"method":"subscribe"}
		server.behaviour.rejections.set('XDG/USD', {
			message: 'Currency pair not supported XDG/USD',
			withoutSymbol: true,
		});
		const {log} = startClient(cleanup, {url: server.url, api: 'v2', pairs: ['BTC/USD', 'XDG/USD']});
		await eventually(() =>
			expect(log.subscriptions).toContainEqual({
				channel: 'trade',
				pair: 'XDG/USD',
				state: 'error',
				message: 'Currency pair not supported XDG/USD',
			}),
		);
		expect(server.latest().sent.some((text) => text.includes('"symbol":"XDG/USD"'))).toBe(false);
		expect(log.subscriptions).toContainEqual({
			channel: 'trade',
			pair: 'BTC/USD',
			state: 'subscribed',
		});
		expect(log.notices).toEqual([]);

		server
			.latest()
			.send(server.frames.trades('BTC/USD', [{price: '68500.1', volume: '0.5', side: 'buy'}]));
		await eventually(() => expect(log.trades.map((trade) => trade.pair)).toEqual(['BTC/USD']));
	});
});

describe('client source name', () => {
	test.each([
		['wss://ws.kraken.com/v2', 'Kraken'],
		['wss://beta-ws.kraken.com/', 'Kraken'],
		['ws://127.0.0.1:8787/v2', 'server'],
		['wss://kraken.com.example.net/', 'server'],
	])('%s is %s until its status says otherwise', (url, name) => {
		expect(new KrakenClient({url, api: 'v2', pairs: []}).sourceName).toBe(name);
	});
});
