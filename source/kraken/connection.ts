import type {LookupFunction} from 'node:net';
import WebSocket from 'ws';
import type {Clock, Timer} from './clock.js';
import {describeSocketError, handshakeStatus} from './close-reasons.js';
import {ReadBudget, readBudgetMs} from './read-budget.js';

export type ConnectionHandlers = Readonly<{
	open(): void;
	frame(data: Buffer, isBinary: boolean): void;
	close(code: number): void;
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
	readonly #socket: WebSocket;
	readonly #clock: Clock;
	readonly #timers = new Set<Timer>();
	#pongDeadline: Timer | undefined;

	constructor(
		url: string,
		options: Readonly<{clock: Clock; lookup?: LookupFunction; oneMessageATurn?: boolean}>,
		handlers: ConnectionHandlers,
	) {
		this.#clock = options.clock;
		this.openedAt = options.clock.now();
		this.#socket = new WebSocket(url, {
			// Measured with bench/deflate.ts (20,000 varied v2 trade frames, client process only):
			// deflate cut wire bytes to 0.18x but cost 26x the client CPU (3.2 s against 0.12 s).
			// A live feed is a few KB/s, so the bytes saved are trivial; the CPU in a burst is not.
			perMessageDeflate: false,
			handshakeTimeout: 10_000,
			// Larger frames are read and refused by the codec rather than killing the connection.
			maxPayload: 8 * 1024 * 1024,
			// ws hands over every message of a read (up to 64 KB) in one go unless told otherwise,
			// whatever the read budget says; see ClientOptions.oneMessageATurn.
			allowSynchronousEvents: options.oneMessageATurn !== true,
			...(options.lookup === undefined ? {} : {lookup: options.lookup}),
		});
		this.#socket.on('open', () => handlers.open());
		// Keys and frames get their turn between slices of a backlog (npm run bench, rows 2 and 7).
		const budget = new ReadBudget({
			budgetMs: readBudgetMs,
			pause: () => this.#socket.pause(),
			resume: () => this.#socket.resume(),
			now: () => options.clock.now(),
		});
		this.#socket.on('message', (data, isBinary) => {
			handlers.frame(data as Buffer, isBinary);
			budget.spent();
		});
		this.#socket.on('error', (error) => {
			this.wasRateLimited ||= handshakeStatus(error) === 429;
			this.closeReason ??= describeSocketError(error);
		});
		this.#socket.on('close', (code) => {
			this.#clearTimers();
			handlers.close(code);
		});
	}

	get isOpen(): boolean {
		return this.#socket.readyState === WebSocket.OPEN;
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
		this.#socket.removeAllListeners();
		this.#socket.on('error', () => undefined);
		this.#socket.close(1000);
	}

	#clearTimers(): void {
		for (const timer of this.#timers) {
			this.#clock.clear(timer);
		}

		this.#timers.clear();
		this.pongReceived();
	}
}
