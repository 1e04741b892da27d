import type {AddressInfo, Socket} from 'node:net';
import {WebSocketServer, type WebSocket} from 'ws';
import {textFrame} from '../../harness/text-frame.js';

/**
 * A WebSocket server that greets each client with `frames` text frames in one TCP write, so that
 * the client reads them in one go, as it reads a burst. Its address is `ws://127.0.0.1:port`.
 */
export async function startOneReadServer(
	frames: number,
): Promise<Readonly<{port: number; close(): Promise<void>}>> {
	const server = new WebSocketServer({port: 0, host: '127.0.0.1'});
	await new Promise((resolve) => server.once('listening', resolve));
	server.on('connection', (socket: WebSocket) => {
		// ws's own socket, to write every frame at once: ws.send writes each frame by itself.
		const tcp = (socket as unknown as {_socket: Socket})._socket;
		tcp.write(
			Buffer.concat(Array.from({length: frames}, (_, index) => textFrame(`message ${index}`))),
		);
	});
	return {
		port: (server.address() as AddressInfo).port,
		close: async () =>
			new Promise((resolve) => {
				server.close(() => resolve());
			}),
	};
}

/**
 * How many messages were handed over before a turn of the event loop came round, when the first
 * of them queued a turn's work (as a key's render or a frame due is queued). `listen` calls its
 * argument for each message; the answer comes once `frames` have been.
 */
export async function handedOverBeforeTheTurn(
	frames: number,
	listen: (onMessage: () => void) => void,
): Promise<number> {
	let handled = 0;
	let handledBeforeTurn: number | undefined;
	await new Promise<void>((resolve) => {
		listen(() => {
			handled++;
			if (handled === 1) {
				setImmediate(() => {
					handledBeforeTurn = handled;
				});
			}

			if (handled === frames) {
				resolve();
			}
		});
	});
	// The turn queued by the first message, if every message came before it.
	await new Promise((resolve) => setImmediate(resolve));
	return handledBeforeTurn ?? Number.NaN;
}
