import {afterEach, describe, expect, test, vi} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {
	freePort,
	freePortContaining,
	startScriptedServer,
	type ScriptedServer,
} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {reconnectingStates} from '../helpers/client-log.js';
import {eventually, pause} from '../helpers/eventually.js';
import {fastOptions, startClient, twoPairsOnEachApi} from '../helpers/test-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

async function serve(api: ApiVersion, port?: number): Promise<ScriptedServer> {
	const server = await startScriptedServer({api, ...(port === undefined ? {} : {port})});
	cleanup.add(() => server.close());
	return server;
}

type Drop = Readonly<{name: string; code: number | undefined; reason: string}>;

const drops: Drop[] = [
	{name: 'terminated', code: undefined, reason: 'connection dropped (1006)'},
	{name: 'closed with 1000', code: 1000, reason: 'closed by the server (1000)'},
	{name: 'closed with 1001', code: 1001, reason: 'server going away (1001)'},
];

const {quickBaseMs, slowFloorMs, rateLimitedFloorMs} = fastOptions.backoff;

describe.each(twoPairsOnEachApi)('client on $api', ({api, pairs}) => {
	const [first = ''] = pairs;

	test.each(drops)('reconnects and resubscribes when $name', async ({code, reason}) => {
		const server = await serve(api);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		server
			.latest()
			.send(server.frames.trades(first, [{price: '100', volume: '1', side: 'buy', tradeId: 1}]));
		await eventually(() => expect(log.trades).toHaveLength(1));

		server.dropAll(code);
		await eventually(() => expect(server.connectionCount()).toBe(2));
		const [reconnecting] = reconnectingStates(log);
		expect(reconnecting).toMatchObject({kind: 'reconnecting', attempt: 1, reason});
		// The first retry after a random drop is a quick one.
		expect(reconnecting?.delayMs).toBeLessThanOrEqual(quickBaseMs);

		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		const second = server.latest();
		expect(second.requests('subscribe')).toHaveLength(1);
		expect(second.requests('subscribe')[0]?.pairs).toEqual(pairs);
		second.send(
			server.frames.trades(first, [
				{price: '101', volume: '1', side: 'sell', tradeId: 2, timeMicros: Date.now() * 1000 + 1000},
			]),
		);
		await eventually(() => expect(log.trades.map((trade) => trade.price)).toEqual([100, 101]));
		expect(client.counts.reconnects).toBe(1);
	});

	test('reconnects to a server restarted on the same port', async () => {
		const server = await serve(api);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));

		await server.close();
		const restarted = await serve(api, server.port);
		await eventually(() => expect(restarted.connectionCount()).toBe(1));
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(restarted.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
		expect(reconnectingStates(log).length).toBeGreaterThanOrEqual(1);
	});

	test('retries after the handshake is refused with 429, no sooner than the rate-limited floor', async () => {
		const server = await serve(api);
		server.refuseHandshakes(1, 429);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));

		const [reconnecting] = reconnectingStates(log);
		expect(reconnecting?.reason).toMatch(/429/);
		expect(reconnecting?.delayMs).toBeGreaterThanOrEqual(rateLimitedFloorMs);
		const [refused = 0, accepted = 0] = server.handshakeTimes;
		expect(accepted - refused).toBeGreaterThanOrEqual(rateLimitedFloorMs - 20);
		expect(server.handshakeAttempts()).toBe(2);
		expect(server.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
	});

	test('retries quickly after the handshake is refused with 503', async () => {
		const server = await serve(api);
		server.refuseHandshakes(2, 503);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));

		const states = reconnectingStates(log);
		expect(states.map((state) => state.reason)).toEqual([
			'handshake refused: HTTP 503',
			'handshake refused: HTTP 503',
		]);
		expect(states.map((state) => state.attempt)).toEqual([1, 2]);
		for (const state of states) {
			expect(state.delayMs).toBeLessThan(slowFloorMs);
		}

		expect(server.handshakeAttempts()).toBe(3);
	});

	test('a connection that stayed up for 50 s counts as healthy: the next outage starts with quick retries', async () => {
		const server = await serve(api);
		// Five refusals in a row: past the quick retries, each wait is the slow floor or more.
		server.refuseHandshakes(5, 503);
		// Only Date is faked, so the client can be aged without waiting; sockets run for real.
		vi.useFakeTimers({toFake: ['Date']});
		cleanup.add(() => vi.useRealTimers());
		const {client, log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			idleTimeoutMs: 600_000,
		});
		for (let refused = 0; refused < 5; refused++) {
			await eventually(() => expect(reconnectingStates(log)).toHaveLength(refused + 1));
			vi.setSystemTime(Date.now() + 1000);
		}

		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(reconnectingStates(log).at(-1)?.delayMs).toBeGreaterThanOrEqual(slowFloorMs);
		vi.setSystemTime(Date.now() + 50_000);
		server.dropAll();
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(6));
		const afterHealthy = reconnectingStates(log)[5];
		expect(afterHealthy?.attempt).toBe(1);
		expect(afterHealthy?.delayMs).toBeLessThanOrEqual(quickBaseMs);
	});

	test('reconnectNow skips the wait before a reconnect, and replaces a live connection', async () => {
		const server = await serve(api);
		server.refuseHandshakes(1, 429);
		const {client, log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			backoff: {...fastOptions.backoff, rateLimitedFloorMs: 60_000},
		});
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
		expect(reconnectingStates(log)[0]?.delayMs).toBeGreaterThanOrEqual(60_000);
		client.reconnectNow();
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(server.connectionCount()).toBe(1);

		client.reconnectNow();
		await eventually(() => expect(server.connectionCount()).toBe(2));
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(server.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
	});

	test('keeps retrying a refused connection until a server listens', async () => {
		const port = await freePort();
		const url = `ws://127.0.0.1:${port}${api === 'v1' ? '/' : '/v2'}`;
		const {client, log} = startClient(cleanup, {url, api, pairs});
		await eventually(() => expect(reconnectingStates(log).length).toBeGreaterThanOrEqual(2));
		expect(reconnectingStates(log)[0]?.reason).toBe('connection refused');

		const server = await serve(api, port);
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(server.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
	});

	test('a refused connection on a port containing 429 is not taken for a rate limit', async () => {
		const port = await freePortContaining('429');
		const url = `ws://127.0.0.1:${port}${api === 'v1' ? '/' : '/v2'}`;
		const {log} = startClient(cleanup, {url, api, pairs});
		await eventually(() => expect(reconnectingStates(log)).not.toEqual([]));
		const [reconnecting] = reconnectingStates(log);
		expect(reconnecting?.reason).toBe('connection refused');
		// Nothing said HTTP 429, so this is a quick retry, not the rate-limited floor.
		expect(reconnecting?.delayMs).toBeLessThanOrEqual(quickBaseMs);
	});

	test('stop during the wait before a reconnect cancels it', async () => {
		const server = await serve(api);
		server.refuseHandshakes(1, 429);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));

		client.stop();
		// Past the 300 ms the reconnect was due after.
		await pause(rateLimitedFloorMs + 100);
		expect(server.handshakeAttempts()).toBe(1);
		expect(log.states.at(-1)).toEqual({kind: 'closed'});
	});

	// Every status but online means no matching (Kraken docs, systemStatus / status).
	test.each(['maintenance', 'cancel_only', 'post_only'])(
		'waits at least the slow floor after a %s status',
		async (status) => {
			const server = await serve(api);
			server.behaviour.status = status;
			const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
			await eventually(() => expect(client.state.kind).toBe('subscribed'));
			expect(log.statuses.at(-1)?.status).toBe(status);

			server.behaviour.status = 'online';
			const droppedAt = Date.now();
			server.dropAll();
			await eventually(() => expect(server.connectionCount()).toBe(2));
			const [reconnecting] = reconnectingStates(log);
			// A random drop while online would have waited at most quickBaseMs (20 ms).
			expect(reconnecting?.delayMs).toBeGreaterThanOrEqual(slowFloorMs);
			expect((server.handshakeTimes[1] ?? 0) - droppedAt).toBeGreaterThanOrEqual(slowFloorMs - 20);
		},
	);

	test('a status change to maintenance mid-stream also slows the next reconnect', async () => {
		const server = await serve(api);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));

		server.latest().send(server.frames.status({status: 'maintenance'}));
		await eventually(() => expect(log.statuses.at(-1)?.status).toBe('maintenance'));
		server.dropAll(1001);
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
		expect(reconnectingStates(log)[0]?.delayMs).toBeGreaterThanOrEqual(slowFloorMs);
	});
});
