import type {LookupFunction} from 'node:net';
import WebSocket from 'ws';
import type {ApiVersion} from '../model/types.js';
import type {Clock, Timer} from './clock.js';
import {describeSocketError, handshakeStatus} from './close-reasons.js';
import type {FeedMessage} from './feed-message.js';
import {WorkerSocket} from './off-thread/worker-socket.js';
import {ReadBudget, readBudgetMs} from './read-budget.js';
import {socketOptions} from './socket-options.js';

export type ConnectionHandlers = Readonly<{
	open(): void;
	/** A frame as it came, from a socket read on the main thread. */
	frame(data: Buffer, isBinary: boolean): void;
	/** A frame already decoded, from a socket read on the decoding worker. */
	decoded(message: FeedMessage, receivedAt: number): void;
	close(code: number): void;
}>;

export type ConnectionOptions = Readonly<{
	clock: Clock;
	lookup?: LookupFunction;
	oneMessageATurn?: boolean;
	/** Read and decode the frames on the decoding worker, with this API's codec. */
	decodeOffThread?: ApiVersion;
}>;

/** The socket under a connection, read on the main thread or on the decoding worker. */
type FeedSocket = Readonly<{
	isOpen: boolean;
	send(text: string): void;
	/** Ends it at once; its close event follows. */
	terminate(): void;
	/** Closes it with `code`; no event of it follows. */
	dispose(code: number): void;
}>;

/**
 * One socket and everything that lives exactly as long as it: its timers, whether the subscribe
 * went out, when the first ack came, when data last came, and why it ended. Made for each attempt
 * and dropped when it closes, so nothing has to be reset by hand for the next one.
 */
export class Connection {
	readonly openedAt: number;
	/** The subscribe for everything wanted has gone out on this connection. */
	hasSentSubscribe = false;
	/** When the first subscription on this connection was acknowledged. */
	subscribedAt: number | undefined;
	/** When a trade, heartbeat or ack last came; pongs do not count. */
	lastActivityAt = 0;
	/** Why it ended, in plain words, once known (a socket error or our own drop). */
	closeReason: string | undefined;
	/** The handshake was refused with HTTP 429. */
	wasRateLimited = false;
	readonly #socket: FeedSocket;
	readonly #clock: Clock;
	readonly #timers = new Set<Timer>();
	#pongDeadline: Timer | undefined;

	constructor(url: string, options: ConnectionOptions, handlers: ConnectionHandlers) {
		this.#clock = options.clock;
		this.openedAt = options.clock.now();
		const failed = (reason: string, wasRateLimited: boolean) => {
			this.wasRateLimited ||= wasRateLimited;
			this.closeReason ??= reason;
		};

		const close = (code: number) => {
			this.#clearTimers();
			handlers.close(code);
		};

		this.#socket =
			options.decodeOffThread === undefined
				? mainThreadSocket(url, options, {...handlers, failed, close})
				: new WorkerSocket(url, options.decodeOffThread, {...handlers, failed, close});
	}

	get isOpen(): boolean {
		return this.#socket.isOpen;
	}

	send(text: string): void {
		if (this.isOpen) {
			this.#socket.send(text);
		}
	}

	every(milliseconds: number, callback: () => void): void {
		this.#timers.add(this.#clock.setInterval(callback, milliseconds));
	}

	after(milliseconds: number, callback: () => void): void {
		const timer = this.#clock.setTimeout(() => {
			this.#timers.delete(timer);
			callback();
		}, milliseconds);
		this.#timers.add(timer);
	}

	/**
	 * Pings every `intervalMs` and drops the connection when no pong comes within `timeoutMs`.
	 * The deadline runs from the oldest unanswered ping, or pings sent faster than the timeout
	 * would keep pushing it back for ever.
	 */
	keepPinging(intervalMs: number, timeoutMs: number, encodePing: () => string): void {
		this.every(intervalMs, () => {
			this.send(encodePing());
			this.#pongDeadline ??= this.#clock.setTimeout(
				() => this.drop(`no pong within ${timeoutMs / 1000} s`),
				timeoutMs,
			);
		});
	}

	/**
	 * Drops the connection when neither data nor a heartbeat has come for `idleTimeoutMs`, after
	 * telling `onStale`. Pongs do not count: a connection can answer pings with its subscriptions
	 * gone quiet. While `isQuietExpected` (nothing subscribed: Kraken then sends no heartbeats)
	 * silence is not staleness. Started at the first ack: heartbeats only come after one.
	 */
	watchForSilence(
		idleTimeoutMs: number,
		isQuietExpected: () => boolean,
		onStale: (silentForMs: number) => void,
	): void {
		this.every(Math.min(1000, idleTimeoutMs / 4), () => {
			const now = this.#clock.now();
			if (isQuietExpected()) {
				this.lastActivityAt = now;
				return;
			}

			const silentForMs = now - this.lastActivityAt;
			if (silentForMs >= idleTimeoutMs) {
				onStale(silentForMs);
				this.drop(`no trades or heartbeats for ${Math.round(silentForMs / 1000)} s`);
			}
		});
	}

	pongReceived(): void {
		this.#clock.clear(this.#pongDeadline);
		this.#pongDeadline = undefined;
	}

	/** Ends it at once with our reason; the close handler follows, as for any drop. */
	drop(reason: string): void {
		this.closeReason = reason;
		this.#clearTimers();
		this.#socket.terminate();
	}

	/** Ends it for good: no close handler runs, so no reconnect follows. */
	dispose(): void {
		this.#clearTimers();
		this.#socket.dispose(1000);
	}

	#clearTimers(): void {
		for (const timer of this.#timers) {
			this.#clock.clear(timer);
		}

		this.#timers.clear();
		this.pongReceived();
	}
}

/**
 * A ws socket read on the main thread. Its reading pauses once a turn has spent the read budget
 * on its messages, so keys and frames get their turn between slices of a backlog (npm run bench,
 * rows 2 and 7).
 */
function mainThreadSocket(
	url: string,
	options: ConnectionOptions,
	handlers: ConnectionHandlers & Readonly<{failed(reason: string, wasRateLimited: boolean): void}>,
): FeedSocket {
	const socket = new WebSocket(url, {
		...socketOptions(options.oneMessageATurn !== true),
		...(options.lookup === undefined ? {} : {lookup: options.lookup}),
	});
	socket.on('open', () => handlers.open());
	const budget = new ReadBudget({
		budgetMs: readBudgetMs,
		pause: () => socket.pause(),
		resume: () => socket.resume(),
		now: () => options.clock.now(),
	});
	socket.on('message', (data, isBinary) => {
		handlers.frame(data as Buffer, isBinary);
		budget.spent();
	});
	socket.on('error', (error) => {
		handlers.failed(describeSocketError(error), handshakeStatus(error) === 429);
	});
	socket.on('close', (code) => handlers.close(code));
	return {
		get isOpen() {
			return socket.readyState === WebSocket.OPEN;
		},
		send: (text) => socket.send(text),
		terminate: () => socket.terminate(),
		dispose(code) {
			socket.removeAllListeners();
			// A late error of a socket let go must not be thrown as unhandled.
			socket.on('error', () => undefined);
			socket.close(code);
		},
	};
}
