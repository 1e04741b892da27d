import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {
	freePort,
	freePortContaining,
	startScriptedServer,
	type ScriptedServer,
} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {reconnectingStates, stateKinds, type ClientLog} from '../helpers/client-log.js';
import {eventually} from '../helpers/eventually.js';
import {startClientOnClock, twoPairsOnEachApi} from '../helpers/test-client.js';

// Every wait before a reconnect runs on an injected clock with Kraken's backoff policy and no
// jitter, so each is the policy's least: 250, 500 and 1000 ms for the quick retries, 5 s for the
// slow floor, 15 s after HTTP 429. The tests move time on by hand and assert the attempt comes
// at exactly that moment and not a millisecond sooner. Sockets run for real.

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

/** Connection attempts made so far: each one starts with a `connecting` state, at once. */
const attemptsMade = (log: ClientLog) =>
	stateKinds(log).filter((kind) => kind === 'connecting').length;

describe.each(twoPairsOnEachApi)('client on $api', ({api, pairs}) => {
	const [first = ''] = pairs;

	test.each(drops)('reconnects and resubscribes when $name', async ({code, reason}) => {
		const server = await serve(api);
		const {client, log, clock} = startClientOnClock(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		server
			.latest()
			.send(server.frames.trades(first, [{price: '100', volume: '1', side: 'buy', tradeId: 1}]));
		await eventually(() => expect(log.trades).toHaveLength(1));

		server.dropAll(code);
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
		// The first retry after a random drop is a quick one: 500 ms, jitter at its least.
		expect(reconnectingStates(log)[0]).toEqual({
			kind: 'reconnecting',
			delayMs: 250,
			attempt: 1,
			reason,
		});
		clock.advance(249);
		expect(attemptsMade(log)).toBe(1);
		clock.advance(1);
		expect(attemptsMade(log)).toBe(2);

		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(server.connectionCount()).toBe(2);
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
		const {client, log, clock} = startClientOnClock(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));

		await server.close();
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
		expect(reconnectingStates(log)[0]).toMatchObject({attempt: 1, delayMs: 250});
		const restarted = await serve(api, server.port);
		clock.advance(250);
		await eventually(() => expect(restarted.connectionCount()).toBe(1));
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(restarted.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
		expect(reconnectingStates(log)).toHaveLength(1);
	});

	test('retries after the handshake is refused with 429, exactly the rate-limited floor later', async () => {
		const server = await serve(api);
		server.refuseHandshakes(1, 429);
		const {client, log, clock} = startClientOnClock(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));

		const [reconnecting] = reconnectingStates(log);
		expect(reconnecting?.reason).toMatch(/429/);
		expect(reconnecting).toMatchObject({attempt: 1, delayMs: 15_000});
		clock.advance(14_999);
		expect(attemptsMade(log)).toBe(1);
		clock.advance(1);
		expect(attemptsMade(log)).toBe(2);
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(server.handshakeAttempts()).toBe(2);
		expect(server.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
	});

	test('retries quickly after the handshake is refused with 503', async () => {
		const server = await serve(api);
		server.refuseHandshakes(2, 503);
		const {client, log, clock} = startClientOnClock(cleanup, {url: server.url, api, pairs});
		for (const [index, delayMs] of [250, 500].entries()) {
			await eventually(() => expect(reconnectingStates(log)).toHaveLength(index + 1));
			expect(reconnectingStates(log)[index]).toEqual({
				kind: 'reconnecting',
				delayMs,
				attempt: index + 1,
				reason: 'handshake refused: HTTP 503',
			});
			clock.advance(delayMs);
		}

		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(server.handshakeAttempts()).toBe(3);
	});

	test('a connection subscribed for stableAfterMs counts as healthy: the next outage starts with quick retries', async () => {
		const server = await serve(api);
		// Five refusals in a row: three quick retries, then the slow floor.
		server.refuseHandshakes(5, 503);
		const {client, log, clock} = startClientOnClock(cleanup, {
			url: server.url,
			api,
			pairs,
			idleTimeoutMs: 10 ** 9,
			pingIntervalMs: 10 ** 9,
		});
		for (const [index, delayMs] of [250, 500, 1000, 5000, 5000].entries()) {
			await eventually(() => expect(reconnectingStates(log)).toHaveLength(index + 1));
			expect(reconnectingStates(log)[index]).toMatchObject({attempt: index + 1, delayMs});
			clock.advance(delayMs);
		}

		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		// A millisecond short of stableAfterMs (10 s): the same run of failures goes on.
		clock.advance(9999);
		server.dropAll();
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(6));
		expect(reconnectingStates(log)[5]).toMatchObject({attempt: 6, delayMs: 10_000});

		clock.advance(10_000);
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		clock.advance(10_000);
		server.dropAll();
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(7));
		expect(reconnectingStates(log)[6]).toMatchObject({attempt: 1, delayMs: 250});
	});

	test('reconnectNow skips the wait before a reconnect, and replaces a live connection', async () => {
		const server = await serve(api);
		server.refuseHandshakes(1, 429);
		const {client, log, clock} = startClientOnClock(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
		expect(reconnectingStates(log)[0]?.delayMs).toBe(15_000);
		// The clock has not moved: only reconnectNow can end the wait.
		client.reconnectNow();
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(server.connectionCount()).toBe(1);

		// A live connection is dropped, and the next follows on the backoff schedule.
		client.reconnectNow();
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(2));
		expect(reconnectingStates(log)[1]).toMatchObject({
			reason: 'reconnect asked for',
			attempt: 2,
			delayMs: 500,
		});
		clock.advance(500);
		await eventually(() => expect(server.connectionCount()).toBe(2));
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(server.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
	});

	test('keeps retrying a refused connection until a server listens', async () => {
		const port = await freePort();
		const url = `ws://127.0.0.1:${port}${api === 'v1' ? '/' : '/v2'}`;
		const {client, log, clock} = startClientOnClock(cleanup, {url, api, pairs});
		for (const [index, delayMs] of [250, 500].entries()) {
			await eventually(() => expect(reconnectingStates(log)).toHaveLength(index + 1));
			expect(reconnectingStates(log)[index]).toMatchObject({
				attempt: index + 1,
				delayMs,
				reason: 'connection refused',
			});
			if (index === 0) {
				clock.advance(delayMs);
			}
		}

		const server = await serve(api, port);
		clock.advance(500);
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		expect(server.latest().requests('subscribe')[0]?.pairs).toEqual(pairs);
	});

	test('a refused connection on a port containing 429 is not taken for a rate limit', async () => {
		const port = await freePortContaining('429');
		const url = `ws://127.0.0.1:${port}${api === 'v1' ? '/' : '/v2'}`;
		const {log} = startClientOnClock(cleanup, {url, api, pairs});
		await eventually(() => expect(reconnectingStates(log)).not.toEqual([]));
		// Nothing said HTTP 429, so this is the first quick retry, not the 15 s rate-limited floor.
		expect(reconnectingStates(log)[0]).toMatchObject({reason: 'connection refused', delayMs: 250});
	});

	test('stop during the wait before a reconnect cancels it', async () => {
		const server = await serve(api);
		server.refuseHandshakes(1, 429);
		const {client, log, clock} = startClientOnClock(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));

		client.stop();
		expect(log.states.at(-1)).toEqual({kind: 'closed'});
		expect(clock.pending).toBe(0);
		// Past the 15 s the reconnect was due after: no attempt starts.
		clock.advance(60_000);
		expect(log.states.at(-1)).toEqual({kind: 'closed'});
		expect(attemptsMade(log)).toBe(1);
		expect(server.handshakeAttempts()).toBe(1);
	});

	// Every status but online means no matching (Kraken docs, systemStatus / status).
	test.each(['maintenance', 'cancel_only', 'post_only'])(
		'waits at least the slow floor after a %s status',
		async (status) => {
			const server = await serve(api);
			server.behaviour.status = status;
			const {client, log, clock} = startClientOnClock(cleanup, {url: server.url, api, pairs});
			await eventually(() => expect(client.state.kind).toBe('subscribed'));
			expect(log.statuses.at(-1)?.status).toBe(status);

			server.behaviour.status = 'online';
			server.dropAll();
			await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
			// A random drop while online would have waited 250 ms; the slow floor is 5 s.
			expect(reconnectingStates(log)[0]).toMatchObject({attempt: 1, delayMs: 5000});
			clock.advance(4999);
			expect(attemptsMade(log)).toBe(1);
			clock.advance(1);
			await eventually(() => expect(server.connectionCount()).toBe(2));
		},
	);

	test('a status change to maintenance mid-stream also slows the next reconnect', async () => {
		const server = await serve(api);
		const {client, log} = startClientOnClock(cleanup, {url: server.url, api, pairs});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));

		server.latest().send(server.frames.status({status: 'maintenance'}));
		await eventually(() => expect(log.statuses.at(-1)?.status).toBe('maintenance'));
		server.dropAll(1001);
		await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
		expect(reconnectingStates(log)[0]?.delayMs).toBe(5000);
	});
});
