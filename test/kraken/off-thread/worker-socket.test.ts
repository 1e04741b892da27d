import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {codecFor} from '../../../source/kraken/codec.js';
import type {FeedMessage} from '../../../source/kraken/feed-message.js';
import {WorkerSocket} from '../../../source/kraken/off-thread/worker-socket.js';
import type {ApiVersion} from '../../../source/model/types.js';
import {BookScript} from '../../helpers/book-frames.js';
import {createCleanup} from '../../helpers/cleanup.js';
import {eventually, pause} from '../../helpers/eventually.js';
import {freePort, startScriptedServer, type ScriptedServer} from '../../helpers/scripted-server.js';

// The worker as the build ships it (npm test builds first): its code runs as users get it.
const builtWorker = new URL('../../../dist/decoding-worker.js', import.meta.url);

const cleanup = createCleanup();
afterEach(async () => cleanup.run());

type Heard = {
	opened: number;
	messages: Array<[FeedMessage, number]>;
	failures: Array<[string, boolean]>;
	closes: number[];
	/** Everything, by event name, in the order it came. */
	order: string[];
};

function open(
	url: string,
	api: ApiVersion,
	workerUrl = builtWorker,
	onDecoded?: (message: FeedMessage) => void,
): {socket: WorkerSocket; heard: Heard} {
	const heard: Heard = {opened: 0, messages: [], failures: [], closes: [], order: []};
	const socket = new WorkerSocket(
		url,
		api,
		{
			open() {
				heard.opened++;
				heard.order.push('open');
			},
			decoded(message, receivedAt) {
				heard.messages.push([message, receivedAt]);
				heard.order.push(message.kind);
				onDecoded?.(message);
			},
			failed(reason, wasRateLimited) {
				heard.failures.push([reason, wasRateLimited]);
				heard.order.push('failed');
			},
			close(code) {
				heard.closes.push(code);
				heard.order.push('close');
			},
		},
		workerUrl,
	);
	cleanup.add(() => socket.dispose(1000));
	return {socket, heard};
}

async function serverFor(api: ApiVersion): Promise<ScriptedServer> {
	const server = await startScriptedServer({api});
	cleanup.add(server.close);
	return server;
}

const tradesOf = (heard: Heard) =>
	heard.messages.flatMap(([message]) => (message.kind === 'trades' ? message.trades : []));

describe('a socket read and decoded on the worker thread', () => {
	for (const api of ['v1', 'v2'] as const) {
		test(`${api}: decodes with that API's codec, in order, and sends what the client sends`, async () => {
			const server = await serverFor(api);
			const pair = api === 'v1' ? 'XBT/USD' : 'BTC/USD';
			const {socket, heard} = open(server.url, api);
			await eventually(() => expect(heard.opened).toBe(1));
			expect(socket.isOpen).toBe(true);
			socket.send('{"hello":"server"}');
			await eventually(() => expect(server.latest().received).toContain('{"hello":"server"}'));

			const before = Date.now();
			for (let index = 0; index < 3000; index++) {
				server.latest().send(
					server.frames.trades(pair, [
						{
							price: `${100 + index}.5`,
							volume: '0.25',
							side: index % 2 ? 'sell' : 'buy',
							tradeId: index + 1,
						},
					]),
				);
			}

			await eventually(() => expect(tradesOf(heard)).toHaveLength(3000));
			expect(heard.messages[0]![0]).toMatchObject({kind: 'status', status: 'online'});
			const trades = tradesOf(heard);
			expect(trades.map((trade) => trade.price)).toEqual(
				Array.from({length: 3000}, (_, index) => 100 + index + 0.5),
			);
			expect(trades[1]).toMatchObject({pair, side: 'sell', volume: 0.25});
			expect(trades[0]!.tradeId).toBe(api === 'v2' ? 1 : undefined);
			const lastReceivedAt = heard.messages.at(-1)![1];
			expect(lastReceivedAt).toBeGreaterThanOrEqual(before);
			expect(lastReceivedAt).toBeLessThanOrEqual(Date.now());
		});
	}

	for (const api of ['v1', 'v2'] as const) {
		test(`${api}: a book frame comes as the codec makes it, its levels' text kept`, async () => {
			const server = await serverFor(api);
			const {heard} = open(server.url, api);
			await eventually(() => expect(heard.opened).toBe(1));
			const script = new BookScript(api, api === 'v1' ? 'XBT/USD' : 'BTC/USD', 10);
			const snapshot = script.snapshot({
				asks: [['100.10', '1.50000000']],
				bids: [['99.90', '0.00100000']],
			});
			const update = script.update({bids: [['99.80', '2.00000000']]});
			server.latest().send(snapshot);
			server.latest().send(update);
			await eventually(() => expect(heard.order.filter((kind) => kind === 'book')).toHaveLength(2));
			const books = heard.messages.filter(([message]) => message.kind === 'book');
			expect(books.map(([message]) => message)).toEqual([
				codecFor(api).decode(snapshot),
				codecFor(api).decode(update),
			]);
			expect(JSON.stringify(books[0]![0])).toContain('"100.10","1.50000000"');
		});
	}

	test('frames read before the server dropped the connection come before the close', async () => {
		const server = await serverFor('v2');
		const {heard} = open(server.url, 'v2');
		await eventually(() => expect(heard.opened).toBe(1));
		for (let index = 0; index < 500; index++) {
			server.latest().send(server.frames.heartbeat);
		}

		server.latest().close(4000);
		await eventually(() => expect(heard.closes).toEqual([4000]));
		expect(heard.order.filter((kind) => kind === 'heartbeat')).toHaveLength(500);
		expect(heard.order.at(-1)).toBe('close');
	});

	test('a refused connection says why, then closes', async () => {
		const {heard, socket} = open(`ws://127.0.0.1:${await freePort()}/v2`, 'v2');
		await eventually(() => expect(heard.closes).toHaveLength(1));
		expect(heard.failures).toEqual([['connection refused', false]]);
		expect(heard.order).toEqual(['failed', 'close']);
		expect(socket.isOpen).toBe(false);
	});

	test('a handshake refused with HTTP 429 is told as rate limited', async () => {
		const server = await serverFor('v2');
		server.refuseHandshakes(1, 429);
		const {heard} = open(server.url, 'v2');
		await eventually(() => expect(heard.closes).toHaveLength(1));
		expect(heard.failures).toEqual([['handshake refused: HTTP 429 too many requests', true]]);
	});

	test('terminate ends it at once and the close follows; dispose closes it and nothing follows', async () => {
		const server = await serverFor('v2');
		const first = open(server.url, 'v2');
		await eventually(() => expect(first.heard.opened).toBe(1));
		first.socket.terminate();
		await eventually(() => expect(first.heard.closes).toEqual([1006]));
		expect(first.socket.isOpen).toBe(false);

		const second = open(server.url, 'v2');
		await eventually(() => expect(second.heard.opened).toBe(1));
		second.socket.dispose(1000);
		await eventually(() => expect(server.latest().closeCode()).toBe(1000));
		server.latest().send(server.frames.heartbeat);
		await pause(100);
		expect(second.heard.order).toEqual(['open', 'status']);
	});

	test('stops reading while the main thread has four batches it has not handled', async () => {
		const server = await serverFor('v2');
		const frames = 60_000;
		let decoded = 0;
		let decodedWhenFreed: number | undefined;
		const {heard} = open(server.url, 'v2', builtWorker, () => {
			decoded++;
		});
		await eventually(() => expect(heard.opened).toBe(1));
		for (let index = 0; index < frames; index++) {
			server.latest().send(server.frames.heartbeat);
		}

		// The main thread busy for a while: the worker could decode every frame in that time.
		const until = Date.now() + 1500;
		while (Date.now() < until) {
			// Busy.
		}

		setImmediate(() => {
			decodedWhenFreed = decoded;
		});
		await eventually(() => expect(decoded).toBe(frames + 1));
		// What had waited for the main thread: some, and at most four full batches (and the status).
		expect(decodedWhenFreed).toBeGreaterThan(0);
		expect(decodedWhenFreed).toBeLessThanOrEqual(4 * 2048 + 1);
	});

	test('a worker that fails ends its sockets as a network failure would', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'kraken-tape-worker-'));
		const failing = join(folder, 'failing-worker.js');
		writeFileSync(failing, "throw new Error('no decoding today');\n");
		const server = await serverFor('v2');
		const {heard} = open(server.url, 'v2', pathToFileURL(failing));
		await eventually(() => expect(heard.closes).toEqual([1006]));
		expect(heard.failures).toEqual([['decoding thread failed: no decoding today', false]]);
	});
});
