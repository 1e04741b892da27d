import {createServer, get, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {connect} from 'node:net';
import {afterEach, describe, expect, test} from 'vitest';
import WebSocket, {WebSocketServer} from 'ws';
import {seededRandom} from '../../source/simulator/random.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';
import {startFaultProxy, type FaultProxy} from './fault-proxy.js';
import {restFaults, type RestFault} from './rest-faults.js';

const cleanup = createCleanup();
afterEach(async () => cleanup.run());

const tradesBody =
	'{"error":[],"result":{"XXBTZUSD":[["68000.1","0.1",1700000000.1,"b","m","",1]],"last":"1"}}';
/** A text frame of this many payload bytes has a 4-byte header (16-bit length). */
const messageSize = 1000;
const frameSize = 4 + messageSize;

/**
 * The exchange's stand-in: echoes every WebSocket message, streams `count` messages of
 * `messageSize` bytes when asked with `stream <count> <everyMs>`, and answers REST with a body.
 */
async function startUpstream(): Promise<{port: number; server: Server; sockets: Set<WebSocket>}> {
	const server = createServer((request, response) => {
		response.writeHead(200, {'content-type': 'application/json'}).end(tradesBody);
		request.resume();
	});
	const webSockets = new WebSocketServer({server});
	const sockets = new Set<WebSocket>();
	webSockets.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		socket.on('message', (data) => {
			const text = String(data);
			const [word, count, everyMs] = text.split(' ');
			if (word !== 'stream') {
				socket.send(text);
				return;
			}

			let sent = 0;
			const timer = setInterval(() => {
				if (sent >= Number(count) || socket.readyState !== WebSocket.OPEN) {
					clearInterval(timer);
					return;
				}

				socket.send(String(sent++).padEnd(messageSize, '.'));
			}, Number(everyMs));
			socket.on('close', () => clearInterval(timer));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	cleanup.add(async () => {
		for (const socket of sockets) {
			socket.terminate();
		}

		webSockets.close();
		await new Promise((resolve) => server.close(resolve));
	});
	return {port: (server.address() as AddressInfo).port, server, sockets};
}

async function startProxy(seed = 1): Promise<FaultProxy> {
	const upstream = await startUpstream();
	const proxy = await startFaultProxy({
		upstreamPort: upstream.port,
		random: seededRandom(seed),
		restStallCapMs: 2000,
	});
	cleanup.add(() => proxy.close());
	return proxy;
}

type Client = {
	socket: WebSocket;
	messages: string[];
	closed: Promise<number>;
};

async function connectThrough(proxy: FaultProxy): Promise<Client> {
	const socket = new WebSocket(`ws://127.0.0.1:${proxy.port}/v2`, {perMessageDeflate: false});
	const messages: string[] = [];
	socket.on('message', (data) => messages.push(String(data)));
	socket.on('error', () => undefined);
	const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
	cleanup.add(() => socket.terminate());
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
	await eventually(() => expect(proxy.liveConnections()).toBeGreaterThan(0));
	return {socket, messages, closed};
}

/** The result of a plain GET through the proxy: status and body, or how it failed. */
async function restGet(
	proxy: FaultProxy,
	timeoutMs = 5000,
): Promise<{status?: number; body?: string; failure?: string}> {
	return new Promise((resolve) => {
		const request = get(
			{host: '127.0.0.1', port: proxy.port, path: '/0/public/Trades?pair=XBTUSD', agent: false},
			(response) => {
				let body = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (body += chunk));
				response.on('end', () => resolve({status: response.statusCode, body}));
				response.on('error', (error) =>
					resolve({status: response.statusCode, failure: error.message}),
				);
				response.on('aborted', () => resolve({status: response.statusCode, failure: 'aborted'}));
			},
		);
		request.setTimeout(timeoutMs, () => request.destroy(new Error('timed out')));
		request.on('error', (error) => resolve({failure: error.message}));
	});
}

describe('fault-proxy', () => {
	test('websocket bytes pass both ways untouched, in order', async () => {
		const proxy = await startProxy();
		const client = await connectThrough(proxy);
		const large = 'x'.repeat(200_000);
		client.socket.send('hello');
		client.socket.send(large);
		client.socket.send('stream 50 1');
		await eventually(() => expect(client.messages).toHaveLength(52));
		expect(client.messages[0]).toBe('hello');
		expect(client.messages[1]).toBe(large);
		expect(client.messages.slice(2).map((text) => Number.parseInt(text, 10))).toEqual(
			Array.from({length: 50}, (_, index) => index),
		);
		expect([...proxy.counts()]).toEqual([]);
	});

	test('rest requests pass through untouched', async () => {
		const proxy = await startProxy();
		expect(await restGet(proxy)).toEqual({status: 200, body: tradesBody});
		expect(proxy.counts().get('rest-pass')).toBe(1);
	});

	test('a clean close sends a close frame (1000) between frames', async () => {
		const proxy = await startProxy();
		const client = await connectThrough(proxy);
		client.socket.send('stream 100000 1');
		await eventually(() => expect(client.messages.length).toBeGreaterThan(10));
		expect(proxy.inject('clean-close')).toBe(1);
		expect(await client.closed).toBe(1000);
		// Every message that came is whole.
		expect(client.messages.every((text) => text.length === messageSize)).toBe(true);
		expect(proxy.counts().get('clean-close')).toBe(1);
	});

	test('an abrupt drop ends the connection with no close frame (1006)', async () => {
		const proxy = await startProxy();
		const client = await connectThrough(proxy);
		expect(proxy.inject('abrupt-drop')).toBe(1);
		expect(await client.closed).toBe(1006);
		expect(proxy.liveConnections()).toBe(0);
		expect(proxy.counts().get('abrupt-drop')).toBe(1);
	});

	test('a cut leaves the client holding part of a frame', async () => {
		const proxy = await startProxy(7);
		// A raw client, to see the very bytes: after the 101, whole frames are frameSize bytes.
		const socket = connect(proxy.port, '127.0.0.1');
		cleanup.add(() => socket.destroy());
		let received = Buffer.alloc(0);
		socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
		const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
		socket.write(
			[
				'GET /v2 HTTP/1.1',
				`Host: 127.0.0.1:${proxy.port}`,
				'Upgrade: websocket',
				'Connection: Upgrade',
				'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
				'Sec-WebSocket-Version: 13',
				'',
				'',
			].join('\r\n'),
		);
		await eventually(() => expect(received.includes('\r\n\r\n')).toBe(true));
		// "stream 100000 1", masked with a zero key, as a client must mask.
		const text = Buffer.from('stream 100000 1');
		socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | text.length, 0, 0, 0, 0]), text]));
		await eventually(() => expect(received.length).toBeGreaterThan(20 * frameSize));
		expect(proxy.inject('cut-mid-frame')).toBe(1);
		await ended;
		const frameBytes = received.length - (received.indexOf('\r\n\r\n') + 4);
		expect(frameBytes % frameSize).not.toBe(0);
		expect(proxy.counts().get('cut-mid-frame')).toBe(1);
	});

	test('a stall holds every byte both ways, then lets them all through in order', async () => {
		const proxy = await startProxy();
		const client = await connectThrough(proxy);
		client.socket.send('stream 100 10');
		await eventually(() => expect(client.messages.length).toBeGreaterThan(5));
		expect(proxy.inject('stall', {stallMs: 4000})).toBe(1);
		// Stalled: it is no longer live for further faults.
		expect(proxy.liveConnections()).toBe(0);
		await pause(100);
		const heldAt = client.messages.length;
		client.socket.send('during the stall');
		await pause(1000);
		expect(client.messages).toHaveLength(heldAt);
		await eventually(() => expect(client.messages).toContain('during the stall'));
		await eventually(() => expect(client.messages).toHaveLength(101));
		const streamed = client.messages.filter((text) => text !== 'during the stall');
		expect(streamed.map((text) => Number.parseInt(text, 10))).toEqual(
			Array.from({length: 100}, (_, index) => index),
		);
		expect(proxy.counts().get('stall')).toBe(1);
	});

	test('a refusal drops the connection and refuses the next handshakes', async () => {
		const proxy = await startProxy(3);
		const client = await connectThrough(proxy);
		expect(proxy.inject('refused-handshake', {refusals: 6})).toBe(1);
		expect(await client.closed).toBe(1006);
		const failures: string[] = [];
		for (let attempt = 0; attempt < 6; attempt++) {
			const error = await connectThrough(proxy).then(
				() => 'connected',
				(error: Error) => error.message,
			);
			failures.push(error.includes('503') ? '503' : 'closed');
		}

		// Both ways of refusing, picked by the seed; then handshakes pass again.
		expect(new Set(failures)).toEqual(new Set(['503', 'closed']));
		await connectThrough(proxy);
		expect(proxy.counts().get('refused-handshake')).toBe(6);
		expect(proxy.handshakes()).toBe(8);
	});

	test.each<[RestFault, {status?: number; body?: string | RegExp; failure?: RegExp}]>([
		['rest-500', {status: 500}],
		['rest-502', {status: 502}],
		['rest-503', {status: 503}],
		['rest-too-many-requests', {status: 200, body: '{"error":["EGeneral:Too many requests"]}'}],
		['rest-rate-limit', {status: 200, body: '{"error":["EAPI:Rate limit exceeded"]}'}],
		['rest-stall', {failure: /timed out/}],
		['rest-cut-body', {status: 200, failure: /aborted/}],
	])('rest fault %s', async (fault, expected) => {
		const proxy = await startProxy();
		proxy.setRestFaults(() => fault);
		const result = await restGet(proxy, 500);
		if (expected.status !== undefined) {
			expect(result.status).toBe(expected.status);
		}

		if (typeof expected.body === 'string') {
			expect(result.body).toBe(expected.body);
		}

		if (expected.failure) {
			expect(result.failure).toMatch(expected.failure);
		}

		expect(proxy.counts().get(fault)).toBe(1);
	});

	test('a malformed body is never the trades sent, and is not valid trades JSON', async () => {
		const proxy = await startProxy(5);
		proxy.setRestFaults(() => 'rest-malformed-body');
		const bodies = new Set<string>();
		for (let request = 0; request < 12; request++) {
			const {status, body} = await restGet(proxy);
			expect(status).toBe(200);
			expect(body).not.toBe(tradesBody);
			bodies.add(body ?? '');
		}

		// Cut JSON, a CDN's page and JSON of another shape all came.
		expect(bodies.size).toBe(3);
		expect(proxy.counts().get('rest-malformed-body')).toBe(12);
	});

	test('calm ends a stall, refusals and rest faults', async () => {
		const proxy = await startProxy();
		const client = await connectThrough(proxy);
		client.socket.send('stream 100 10');
		proxy.inject('stall', {stallMs: 60_000});
		proxy.setRestFaults(() => 'rest-503');
		proxy.calm();
		await eventually(() => expect(client.messages).toHaveLength(100));
		expect((await restGet(proxy)).status).toBe(200);
		expect(restFaults).toContain('rest-pass');
	});
});
