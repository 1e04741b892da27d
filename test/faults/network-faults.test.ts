import {readFileSync} from 'node:fs';
import {createServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, test} from 'vitest';
import {WebSocketServer} from 'ws';
import {KrakenClient} from '../../source/kraken/client.js';
import {startScriptedServer} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {recordEvents, reconnectingStates} from '../helpers/client-log.js';
import {eventually, pause} from '../helpers/eventually.js';
import {startClient} from '../helpers/test-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

describe('network faults', () => {
	test('a frame over 1 MB is counted and refused unread, and the connection carries on', async () => {
		const server = await startScriptedServer({api: 'v2'});
		cleanup.add(() => server.close());
		const {client, log} = startClient(cleanup, {url: server.url, api: 'v2', pairs: ['BTC/USD']});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		const padding = 'x'.repeat(1024 * 1024 + 10);
		server.latest().send(`{"channel":"trade","type":"update","data":[],"padding":"${padding}"}`);
		await eventually(() => expect(log.unrecognised).toHaveLength(1));
		expect(log.unrecognised[0]?.reason).toMatch(
			/^frame of 1048\d{3} bytes is over the 1 MB limit$/,
		);

		server
			.latest()
			.send(
				server.frames.trades('BTC/USD', [
					{price: '68500.1', volume: '0.25', side: 'buy', tradeId: 9},
				]),
			);
		await eventually(() => expect(log.trades.flat()).toHaveLength(1));
		expect(server.connectionCount()).toBe(1);
		expect(reconnectingStates(log)).toEqual([]);
	});

	test('wss certificates are always checked: a self-signed server is refused, and retried', async () => {
		// A real TLS WebSocket server on 127.0.0.1 with a self-signed certificate (a test fixture).
		const https = createServer({key: fixture('self-signed.key'), cert: fixture('self-signed.crt')});
		const webSockets = new WebSocketServer({server: https});
		let accepted = 0;
		webSockets.on('connection', (socket) => {
			accepted++;
			socket.send('{"channel":"status","data":[{"system":"online"}],"type":"update"}');
		});
		await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
		cleanup.add(
			async () =>
				new Promise<void>((resolve) => {
					webSockets.close();
					https.closeAllConnections();
					https.close(() => resolve());
				}),
		);
		const {port} = https.address() as AddressInfo;
		const {log} = startClient(cleanup, {
			url: `wss://127.0.0.1:${port}/v2`,
			api: 'v2',
			pairs: ['BTC/USD'],
		});
		await eventually(() => expect(reconnectingStates(log).length).toBeGreaterThanOrEqual(2));
		// Node 24 adds its own advice (its --use-system-ca flag) after the error's words.
		expect(reconnectingStates(log)[0]?.reason).toMatch(
			/^self-signed certificate(?:; if the root CA is installed locally, try running Node\.js with --use-system-ca)?$/,
		);
		// Nothing got through: no status, no subscription.
		await pause(100);
		expect(accepted).toBe(0);
		expect(log.statuses).toEqual([]);
	});
});

describe('name resolution', () => {
	test('a host name that does not resolve is retried and said in plain words', async () => {
		// The system resolver is replaced, so no query leaves the machine.
		const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND ws.kraken.invalid'), {
			code: 'ENOTFOUND',
		});
		let lookups = 0;
		const {log} = startClient(cleanup, {
			url: 'wss://ws.kraken.invalid/v2',
			api: 'v2',
			pairs: ['BTC/USD'],
			lookup(_hostname, _options, callback) {
				lookups++;
				callback(notFound, '', 4);
			},
		});
		await eventually(() => expect(reconnectingStates(log).length).toBeGreaterThanOrEqual(2));
		expect(reconnectingStates(log)[0]?.reason).toBe('host name not found (DNS)');
		expect(lookups).toBeGreaterThanOrEqual(2);
	});
});

describe('a feed that falls silent, with the shipped timings', () => {
	test('is reconnected within 15 s of its ack, and not before 10 s', async () => {
		const server = await startScriptedServer({api: 'v2'});
		cleanup.add(() => server.close());
		// The client exactly as the command builds it: every timing at its default.
		const client = new KrakenClient({url: server.url, api: 'v2', pairs: ['BTC/USD']});
		const log = recordEvents(client);
		cleanup.add(() => client.stop());
		client.start();
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		const subscribedAt = Date.now();
		await eventually(() => expect(server.connectionCount()).toBe(2), 16_000);
		const elapsed = (server.handshakeTimes[1] ?? 0) - subscribedAt;
		expect(elapsed).toBeGreaterThanOrEqual(10_000);
		expect(elapsed).toBeLessThanOrEqual(15_000);
		expect(reconnectingStates(log)[0]?.reason).toMatch(/^no trades or heartbeats for 1[01] s$/);
		await eventually(() => expect(server.latest().requests('subscribe')).toHaveLength(1));
	}, 25_000);
});
