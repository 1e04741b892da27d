import {parentPort} from 'node:worker_threads';
import WebSocket from 'ws';
import {keepThisHeapCollected} from '../../heap-keeper.js';
import {describeSocketError, handshakeStatus} from '../close-reasons.js';
import {codecFor} from '../codec.js';
import type {Codec} from '../feed-message.js';
import {socketOptions} from '../socket-options.js';
import {BatchBuilder} from './decoded-batch.js';
import {
	batchesInFlight,
	messagesPerBatch,
	type WorkerCommand,
	type WorkerEvent,
} from './worker-protocol.js';

/*
 * The decoding worker: owns the feed's sockets (one at a time in practice), reads and decodes
 * their frames on its own thread and posts the messages to the main thread in batches. What the
 * messages mean (acks, trades in order, books) stays the client's, on the main thread.
 */

const port = parentPort!;
// The worker's heap is its own: kept near its live size as the main thread's is (heap-keeper.ts).
keepThisHeapCollected();
const sockets = new Map<number, WebSocket>();
let inFlight = 0;

function post(event: WorkerEvent, transfer: ArrayBuffer[] = []): void {
	port.postMessage(event, transfer);
}

function setReading(): void {
	for (const socket of sockets.values()) {
		if (inFlight >= batchesInFlight) {
			socket.pause();
		} else {
			socket.resume();
		}
	}
}

function open(id: number, url: string, codec: Codec): void {
	const socket = new WebSocket(url, socketOptions(true));
	sockets.set(id, socket);
	const builder = new BatchBuilder();
	let isFlushQueued = false;
	const flush = () => {
		isFlushQueued = false;
		if (builder.messages === 0) {
			return;
		}

		const batch = builder.take();
		inFlight++;
		post({kind: 'batch', id, batch}, [batch.numbers.buffer as ArrayBuffer]);
		setReading();
	};

	socket.on('open', () => post({kind: 'open', id}));
	socket.on('message', (data: Buffer, isBinary) => {
		const receivedAt = Date.now();
		if (isBinary) {
			builder.add({kind: 'unrecognised', reason: 'binary frame'}, receivedAt);
		} else {
			const text = data.toString('utf8');
			// A book frame goes as its text, decoded on the main thread (see decoded-batch.ts).
			if (codec.looksLikeBook(text)) {
				builder.addText(text, receivedAt);
			} else {
				builder.add(codec.decode(text), receivedAt);
			}
		}

		if (builder.messages >= messagesPerBatch) {
			flush();
		} else if (!isFlushQueued) {
			isFlushQueued = true;
			setImmediate(flush);
		}
	});
	socket.on('error', (error) => {
		post({
			kind: 'error',
			id,
			reason: describeSocketError(error),
			wasRateLimited: handshakeStatus(error) === 429,
		});
	});
	socket.on('close', (code) => {
		// What was read before the close reaches the client before the close does.
		flush();
		sockets.delete(id);
		post({kind: 'close', id, code});
	});
}

port.on('message', (command: WorkerCommand) => {
	switch (command.kind) {
		case 'open': {
			open(command.id, command.url, codecFor(command.api));
			break;
		}

		case 'send': {
			const socket = sockets.get(command.id);
			if (socket?.readyState === WebSocket.OPEN) {
				socket.send(command.text);
			}

			break;
		}

		case 'terminate': {
			sockets.get(command.id)?.terminate();
			break;
		}

		case 'close': {
			sockets.get(command.id)?.close(command.code);
			break;
		}

		case 'handled': {
			inFlight--;
			setReading();
			break;
		}
	}
});
