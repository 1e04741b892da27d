import type {Socket} from 'node:net';
import type {WebSocket} from 'ws';
import {textFrame} from '../../harness/text-frame.js';

/** Bytes written to the socket at once: whole frames, about this many. */
const bytesPerWrite = 256 * 1024;

/**
 * Frames made into bytes ahead of sending, joined into writes of about `bytesPerWrite` (whole
 * frames each), for `sendAsFastAsRead`.
 */
export function framedWrites(frames: readonly string[]): Buffer[] {
	const writes: Buffer[] = [];
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	for (const text of frames) {
		const frame = textFrame(text);
		pending.push(frame);
		pendingBytes += frame.length;
		if (pendingBytes >= bytesPerWrite) {
			writes.push(Buffer.concat(pending, pendingBytes));
			pending = [];
			pendingBytes = 0;
		}
	}

	if (pendingBytes > 0) {
		writes.push(Buffer.concat(pending, pendingBytes));
	}

	return writes;
}

/**
 * Frames as fast as the client reads them: the socket's backpressure paces the stream. They come
 * framed (`framedWrites`, before the clock starts) and go to the TCP socket in large pieces, so
 * the firehose spends next to nothing a frame and the client's reading is what is measured: with
 * ws's send (a framing and a write per frame) the firehose was busier than either client.
 * ws's socket is not public API; the server negotiates no extension, so its frames are plain.
 */
export async function sendAsFastAsRead(
	socket: WebSocket,
	writes: readonly Buffer[],
): Promise<void> {
	const tcp = (socket as unknown as {_socket: Socket})._socket;
	for (const bytes of writes) {
		if (socket.readyState !== socket.OPEN) {
			return;
		}

		if (!tcp.write(bytes)) {
			await new Promise<void>((resolve) => {
				const done = () => {
					tcp.off('drain', done);
					tcp.off('close', done);
					resolve();
				};

				tcp.on('drain', done);
				tcp.on('close', done);
			});
		}
	}
}

/**
 * `count` items (trades, book updates) at `rate` a second, made into frames by `framesOf` as they
 * fall due; `sent` is told each time frames go out. Ends early if the socket closes.
 */
export async function sendAtRate(
	socket: WebSocket,
	pace: Readonly<{count: number; rate: number}>,
	framesOf: (count: number) => readonly string[],
	sent: () => void,
): Promise<void> {
	const startedAt = performance.now();
	let done = 0;
	await new Promise<void>((resolve) => {
		const timer = setInterval(() => {
			if (socket.readyState !== socket.OPEN) {
				clearInterval(timer);
				resolve();
				return;
			}

			// Due from the start, not from the last tick, so timer jitter never lowers the rate.
			const due = Math.min(
				pace.count,
				Math.floor(((performance.now() - startedAt) * pace.rate) / 1000),
			);
			if (due > done) {
				for (const frame of framesOf(due - done)) {
					socket.send(frame);
				}

				sent();
				done = due;
			}

			if (done >= pace.count) {
				clearInterval(timer);
				resolve();
			}
		}, 5);
	});
}
