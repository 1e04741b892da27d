import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {startScriptedServer, type ScriptedServer} from '../helpers/scripted-server.js';
import {
	createCleanup,
	eventually,
	pause,
	reconnectingStates,
	startClient,
	stateKinds,
	twoPairsOnEachApi,
} from '../helpers/wait.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

async function serve(api: ApiVersion): Promise<ScriptedServer> {
	const server = await startScriptedServer({api});
	cleanup.add(() => server.close());
	return server;
}

const idleTimeoutMs = 800;

describe.each(twoPairsOnEachApi)('client on $api', ({api, pairs}) => {
	test('goes stale when an acked feed falls silent, then reconnects and resubscribes', async () => {
		const server = await serve(api);
		const {log} = startClient(cleanup, {url: server.url, api, pairs, idleTimeoutMs});
		await eventually(() => expect(stateKinds(log)).toContain('stale'), 3000);

		const staleIndex = stateKinds(log).indexOf('stale');
		const subscribedIndex = stateKinds(log).indexOf('subscribed');
		expect(log.states[staleIndex]).toMatchObject({kind: 'stale'});
		const stale = log.states[staleIndex];
		expect(stale?.kind === 'stale' && stale.silentForMs).toBeGreaterThanOrEqual(idleTimeoutMs);
		const staleAfter = (log.stateTimes[staleIndex] ?? 0) - (log.stateTimes[subscribedIndex] ?? 0);
		expect(staleAfter).toBeGreaterThanOrEqual(idleTimeoutMs - 10);

		await eventually(() => expect(server.connectionCount()).toBe(2));
		expect(reconnectingStates(log)[0]?.reason).toBe('no trades or heartbeats for 1 s');
		await eventually(() => expect(server.latest().requests('subscribe')).toHaveLength(1));
		expect(server.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
	});

	test('goes stale when a streaming feed falls silent mid-stream', async () => {
		const server = await serve(api);
		server.behaviour.heartbeatMs = 100;
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs, idleTimeoutMs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		await eventually(() => expect(server.latest().sent.length).toBeGreaterThan(pairs.length + 5));

		// The socket stays open; nothing more comes (nautilus_trader #4255).
		server.behaviour.isSilent = true;
		const silentAt = Date.now();
		expect(stateKinds(log)).not.toContain('stale');
		await eventually(() => expect(stateKinds(log)).toContain('stale'), 3000);
		const staleAt = log.stateTimes[stateKinds(log).indexOf('stale')] ?? 0;
		// The last heartbeat came up to 100 ms (more on a busy machine) before the silence.
		expect(staleAt - silentAt).toBeGreaterThanOrEqual(idleTimeoutMs - 300);
		await eventually(() => expect(server.connectionCount()).toBe(2));
	});

	test('pongs alone do not keep a silent feed alive', async () => {
		const server = await serve(api);
		const {log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			idleTimeoutMs,
			pingIntervalMs: 100,
			pongTimeoutMs: 1000,
		});
		await eventually(() => expect(stateKinds(log)).toContain('stale'), 3000);
		const first = server.connections[0];
		expect(first?.requests('ping').length).toBeGreaterThanOrEqual(5);
		expect(first?.sent.filter((text) => text.includes('pong')).length).toBeGreaterThanOrEqual(5);
		await eventually(() => expect(server.connectionCount()).toBe(2));
	});

	test('heartbeats keep the connection alive', async () => {
		const server = await serve(api);
		server.behaviour.heartbeatMs = 200;
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs, idleTimeoutMs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));

		// Two and a half idle timeouts with nothing but heartbeats.
		await pause(2000);
		expect(stateKinds(log)).toEqual(['connecting', 'open', 'subscribed']);
		expect(server.connectionCount()).toBe(1);
		const heartbeats = server.latest().sent.filter((text) => text === server.frames.heartbeat);
		expect(heartbeats.length).toBeGreaterThanOrEqual(8);
	});

	test('reconnects when no pong comes within pongTimeoutMs', async () => {
		const server = await serve(api);
		server.behaviour.answerPings = false;
		server.behaviour.heartbeatMs = 100;
		const {log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			pingIntervalMs: 200,
			pongTimeoutMs: 100,
		});
		await eventually(() => expect(server.connectionCount()).toBe(2), 3000);
		expect(reconnectingStates(log)[0]?.reason).toBe('no pong within 0.1 s');
		expect(stateKinds(log)).not.toContain('stale');
		await eventually(() => expect(server.latest().requests('subscribe')).toHaveLength(1));
	});

	test('answered pings keep the connection', async () => {
		const server = await serve(api);
		server.behaviour.heartbeatMs = 100;
		const {client, log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			pingIntervalMs: 200,
			pongTimeoutMs: 100,
		});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		await pause(1000);
		expect(server.latest().requests('ping').length).toBeGreaterThanOrEqual(3);
		expect(reconnectingStates(log)).toEqual([]);
		expect(server.connectionCount()).toBe(1);
	});

	test('reconnects when no pong comes even if pings are sent more often than the pong timeout', async () => {
		const server = await serve(api);
		server.behaviour.answerPings = false;
		server.behaviour.heartbeatMs = 100;
		const {log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			pingIntervalMs: 100,
			pongTimeoutMs: 300,
		});
		// The first ping goes out 100 ms after open; without any pong the drop is due by 400 ms.
		await eventually(
			() => expect(reconnectingStates(log).length, 'reconnects after a lost pong').toBe(1),
			2000,
		);
		expect(reconnectingStates(log)[0]?.reason).toBe('no pong within 0.3 s');
	});
});
