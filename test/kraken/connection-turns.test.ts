import type {AddressInfo, Socket} from 'node:net';
import {afterEach, describe, expect, test} from 'vitest';
import {WebSocketServer, type WebSocket} from 'ws';
import {systemClock} from '../../source/kraken/clock.js';
import {Connection} from '../../source/kraken/connection.js';
import {createCleanup} from '../helpers/cleanup.js';

const cleanup = createCleanup();
afterEach(async () => cleanup.run());

/** A server's text frame, unmasked, for payloads under 126 bytes. */
function textFrame(text: string): Buffer {
	const payload = Buffer.from(text);
	return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
}

const frames = 50;

/**
 * The messages handed over before a turn of the event loop came round, when a server writes
 * `frames` frames in one TCP write (so that the client reads them in one go, as in a burst) and
 * the first message queues a turn's work (as a key's render or a frame due is queued).
 */
async function handedOverBeforeTheTurn(oneMessageATurn: boolean): Promise<number> {
	const server = new WebSocketServer({port: 0, host: '127.0.0.1'});
	cleanup.add(async () => new Promise((resolve) => server.close(resolve)));
	await new Promise((resolve) => server.once('listening', resolve));
	server.on('connection', (socket: WebSocket) => {
		// ws's own socket, to write every frame at once: ws.send writes each frame by itself.
		const tcp = (socket as unknown as {_socket: Socket})._socket;
		tcp.write(
			Buffer.concat(Array.from({length: frames}, (_, index) => textFrame(`message ${index}`))),
		);
	});

	const {port} = server.address() as AddressInfo;
	let handled = 0;
	let handledBeforeTurn: number | undefined;
	let resolveDone: () => void = () => undefined;
	const done = new Promise<void>((resolve) => {
		resolveDone = resolve;
	});
	const connection = new Connection(
		`ws://127.0.0.1:${port}`,
		{clock: systemClock, oneMessageATurn},
		{
			open() {},
			frame() {
				handled++;
				if (handled === 1) {
					setImmediate(() => {
						handledBeforeTurn = handled;
					});
				}

				if (handled === frames) {
					resolveDone();
				}
			},
			close() {},
		},
	);
	cleanup.add(() => connection.dispose());
	await done;
	// Every message arrived, in whichever turns.
	await new Promise((resolve) => setImmediate(resolve));
	return handledBeforeTurn ?? Number.NaN;
}

describe('a connection handing over a read of many messages', () => {
	test('one message a turn: work queued by a message waits for one message more at most', async () => {
		expect(await handedOverBeforeTheTurn(true)).toBeLessThanOrEqual(2);
	});

	test('by default (--json), the whole read is handed over before the turn comes round', async () => {
		expect(await handedOverBeforeTheTurn(false)).toBe(frames);
	});
});
