import {Worker} from 'node:worker_threads';
import type {ApiVersion} from '../../model/types.js';
import {codecFor} from '../codec.js';
import type {FeedMessage} from '../feed-message.js';
import {readBatch} from './decoded-batch.js';
import type {WorkerCommand, WorkerEvent} from './worker-protocol.js';

/** What a socket whose frames are read and decoded by the worker tells its owner. */
export type WorkerSocketHandlers = Readonly<{
	open(): void;
	decoded(message: FeedMessage, receivedAt: number): void;
	/** Why the socket failed, in plain words; a close follows. */
	failed(reason: string, wasRateLimited: boolean): void;
	close(code: number): void;
}>;

/** A socket as the thread keeps it: its handlers, and its codec for frames sent as text. */
type ThreadSocket = WorkerSocketHandlers & Readonly<{decode(text: string): FeedMessage}>;

/** Where the worker's code is: beside this module's chunk in the build (dist/). */
export const builtWorkerUrl = new URL('./decoding-worker.js', import.meta.url);

/**
 * The one worker thread of a process (started with the first socket, ended with the process):
 * it keeps the process alive only while it has sockets, as a socket on the main thread would.
 */
class DecodingThread {
	readonly #workerUrl: URL;
	#worker: Worker | undefined;
	readonly #sockets = new Map<number, ThreadSocket>();
	#nextId = 1;

	constructor(workerUrl: URL) {
		this.#workerUrl = workerUrl;
	}

	open(url: string, api: ApiVersion, handlers: ThreadSocket): number {
		const id = this.#nextId++;
		this.#sockets.set(id, handlers);
		this.#started().ref();
		this.send({kind: 'open', id, url, api});
		return id;
	}

	send(command: WorkerCommand): void {
		this.#worker?.postMessage(command);
	}

	/** The socket's events stop here; the worker still closes it. */
	forget(id: number): void {
		this.#sockets.delete(id);
		if (this.#sockets.size === 0) {
			this.#worker?.unref();
		}
	}

	#started(): Worker {
		if (this.#worker) {
			return this.#worker;
		}

		const worker = new Worker(this.#workerUrl);
		worker.on('message', (event: WorkerEvent) => this.#handle(event));
		// The worker's own failure (its code threw, or it could not start) ends its sockets as a
		// network failure would: the client reconnects, on a new worker.
		const fail = (reason: string) => {
			if (this.#worker !== worker) {
				return;
			}

			this.#worker = undefined;
			void worker.terminate();
			const sockets = [...this.#sockets];
			this.#sockets.clear();
			for (const [, handlers] of sockets) {
				handlers.failed(reason, false);
				handlers.close(1006);
			}
		};

		worker.on('error', (error) => fail(`decoding thread failed: ${error.message}`));
		worker.on('exit', (code) => fail(`decoding thread ended (exit code ${code})`));
		this.#worker = worker;
		return worker;
	}

	#handle(event: WorkerEvent): void {
		const handlers = this.#sockets.get(event.id);
		switch (event.kind) {
			case 'open': {
				handlers?.open();
				break;
			}

			case 'batch': {
				if (handlers) {
					readBatch(event.batch, handlers.decode, handlers.decoded);
				}

				// Handled or dropped, it is no longer in flight.
				this.send({kind: 'handled'});
				break;
			}

			case 'error': {
				handlers?.failed(event.reason, event.wasRateLimited);
				break;
			}

			case 'close': {
				this.forget(event.id);
				handlers?.close(event.code);
				break;
			}
		}
	}
}

const threads = new Map<string, DecodingThread>();

/**
 * A feed socket whose frames are read and decoded on a worker thread, so that parsing a burst
 * does not take the main thread's time: the main thread gets the decoded messages (trades as
 * numbers, see decoded-batch.ts) and only acts on them. For the socket's events to keep their
 * order, each comes from the worker in the order it happened there.
 */
export class WorkerSocket {
	readonly #thread: DecodingThread;
	readonly #id: number;
	#isOpen = false;
	#isEnded = false;

	constructor(
		url: string,
		api: ApiVersion,
		handlers: WorkerSocketHandlers,
		workerUrl: URL = builtWorkerUrl,
	) {
		let thread = threads.get(workerUrl.href);
		if (!thread) {
			thread = new DecodingThread(workerUrl);
			threads.set(workerUrl.href, thread);
		}

		this.#thread = thread;
		const codec = codecFor(api);
		this.#id = thread.open(url, api, {
			open: () => {
				this.#isOpen = true;
				handlers.open();
			},
			decoded: handlers.decoded,
			decode: (text) => codec.decode(text),
			failed: handlers.failed,
			close: (code) => {
				this.#isOpen = false;
				this.#isEnded = true;
				handlers.close(code);
			},
		});
	}

	get isOpen(): boolean {
		return this.#isOpen;
	}

	send(text: string): void {
		if (this.#isOpen) {
			this.#thread.send({kind: 'send', id: this.#id, text});
		}
	}

	/** Ends it at once; the close event follows. */
	terminate(): void {
		if (!this.#isEnded) {
			this.#thread.send({kind: 'terminate', id: this.#id});
		}
	}

	/** Closes it with `code` and hears nothing more from it. */
	dispose(code: number): void {
		this.#isOpen = false;
		this.#isEnded = true;
		this.#thread.send({kind: 'close', id: this.#id, code});
		this.#thread.forget(this.#id);
	}
}
