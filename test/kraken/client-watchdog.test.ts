import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion, ConnectionState} from '../../source/model/types.js';
import {startScriptedServer, type ScriptedServer} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {reconnectingStates, stateKinds} from '../helpers/client-log.js';
import {eventually} from '../helpers/eventually.js';
import {startClientOnClock, twoPairsOnEachApi} from '../helpers/test-client.js';

// The watchdog and the pings run on an injected clock: the tests move time on by hand and assert
// the exact moment a connection is judged stale or a pong missing. Sockets run for real.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

async function serve(api: ApiVersion): Promise<ScriptedServer> {
	const server = await startScriptedServer({api});
	cleanup.add(() => server.close());
	return server;
}

type Started = ReturnType<typeof startClientOnClock> & {framesReceived: () => number};

/** A subscribed client on a manual clock, counting the frames it received. */
async function startOnClock(
	server: ScriptedServer,
	api: ApiVersion,
	pairs: readonly string[],
	timings: Readonly<{idleTimeoutMs?: number; pingIntervalMs?: number; pongTimeoutMs?: number}>,
): Promise<Started> {
	const started = startClientOnClock(cleanup, {
		url: server.url,
		api,
		pairs,
		idleTimeoutMs: 10_000,
		pingIntervalMs: 30_000,
		pongTimeoutMs: 10_000,
		...timings,
	});
	let frames = 0;
	started.client.on('frame', () => frames++);
	await eventually(() => expect(started.client.state.kind).toBe('subscribed'));
	return {...started, framesReceived: () => frames};
}

/** Sends a heartbeat and waits until the client has it. */
async function heartbeat(server: ScriptedServer, started: Started): Promise<void> {
	const before = started.framesReceived();
	server.latest().send(server.frames.heartbeat);
	await eventually(() => expect(started.framesReceived()).toBe(before + 1));
}

const staleStates = (states: readonly ConnectionState[]) =>
	states.filter((state) => state.kind === 'stale');

describe.each(twoPairsOnEachApi)('client on $api', ({api, pairs}) => {
	test('an acked feed silent for exactly the idle timeout goes stale, reconnects and resubscribes', async () => {
		const server = await serve(api);
		const started = await startOnClock(server, api, pairs, {});
		const {clock, log} = started;
		clock.advance(9999);
		expect(stateKinds(log)).not.toContain('stale');
		clock.advance(1);
		expect(staleStates(log.states)).toEqual([{kind: 'stale', silentForMs: 10_000}]);
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
		expect(reconnectingStates(log)[0]).toEqual({
			kind: 'reconnecting',
			// The first quick retry, jitter at its least: 500 ms x 0.5.
			delayMs: 250,
			attempt: 1,
			reason: 'no trades or heartbeats for 10 s',
		});
		clock.advance(249);
		expect(server.connectionCount()).toBe(1);
		clock.advance(1);
		await eventually(() => expect(server.connectionCount()).toBe(2));
		await eventually(() => expect(server.latest().requests('subscribe')).toHaveLength(1));
		expect(server.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
	});

	test('a streaming feed goes stale the idle timeout after its last heartbeat', async () => {
		const server = await serve(api);
		const started = await startOnClock(server, api, pairs, {pingIntervalMs: 10 ** 9});
		const {clock, log} = started;
		for (let second = 0; second < 30; second += 6) {
			clock.advance(6000);
			await heartbeat(server, started);
		}

		expect(stateKinds(log)).not.toContain('stale');
		// The socket stays open; nothing more comes (nautilus_trader #4255).
		clock.advance(9999);
		expect(stateKinds(log)).not.toContain('stale');
		clock.advance(1);
		expect(staleStates(log.states)).toEqual([{kind: 'stale', silentForMs: 10_000}]);
	});

	test('pongs alone do not keep a silent feed alive', async () => {
		const server = await serve(api);
		const started = await startOnClock(server, api, pairs, {pingIntervalMs: 3000});
		const {clock, log} = started;
		for (let ping = 1; ping <= 3; ping++) {
			clock.advance(3000);
			// Each ping is answered, and the pong arrives, before time moves on.
			await eventually(() => expect(started.framesReceived()).toBe(pairs.length + 1 + ping));
		}

		expect(server.latest().requests('ping')).toHaveLength(3);
		clock.advance(1000);
		expect(staleStates(log.states)).toEqual([{kind: 'stale', silentForMs: 10_000}]);
	});

	test('a missing pong drops the connection exactly the pong timeout after the ping', async () => {
		const server = await serve(api);
		server.behaviour.answerPings = false;
		const started = await startOnClock(server, api, pairs, {idleTimeoutMs: 10 ** 9});
		const {clock, log} = started;
		clock.advance(30_000);
		await eventually(() => expect(server.latest().requests('ping')).toHaveLength(1));
		clock.advance(9999);
		expect(reconnectingStates(log)).toEqual([]);
		clock.advance(1);
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
		expect(reconnectingStates(log)[0]?.reason).toBe('no pong within 10 s');
		expect(stateKinds(log)).not.toContain('stale');
	});

	test('answered pings keep the connection for as long as time runs', async () => {
		const server = await serve(api);
		const started = await startOnClock(server, api, pairs, {idleTimeoutMs: 10 ** 9});
		const {clock, log} = started;
		for (let ping = 1; ping <= 4; ping++) {
			clock.advance(30_000);
			await eventually(() => expect(started.framesReceived()).toBe(pairs.length + 1 + ping));
		}

		clock.advance(60_000);
		expect(reconnectingStates(log)).toEqual([]);
		expect(server.connectionCount()).toBe(1);
	});

	test('pings sent faster than the pong timeout still drop at the deadline of the first', async () => {
		const server = await serve(api);
		server.behaviour.answerPings = false;
		const started = await startOnClock(server, api, pairs, {
			idleTimeoutMs: 10 ** 9,
			pingIntervalMs: 100,
			pongTimeoutMs: 300,
		});
		const {clock, log} = started;
		// Pings at 100, 200, 300 ms; the first's deadline is 400 ms, however many follow it.
		clock.advance(399);
		expect(reconnectingStates(log)).toEqual([]);
		clock.advance(1);
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
		expect(reconnectingStates(log)[0]?.reason).toBe('no pong within 0.3 s');
	});
});
