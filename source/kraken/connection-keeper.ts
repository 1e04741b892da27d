import type {LookupFunction} from 'node:net';
import type {ApiVersion, ConnectionState} from '../model/types.js';
import type {BackoffPolicy} from './backoff.js';
import type {Timings} from './client-options.js';
import type {Clock, Timer} from './clock.js';
import {describeCloseCode} from './close-reasons.js';
import {Connection} from './connection.js';
import type {FeedMessage} from './feed-message.js';
import {ReconnectSchedule} from './reconnect-schedule.js';

export type KeeperHooks = Readonly<{
	state(state: ConnectionState): void;
	/** A new connection is open: ping it and subscribe on it. */
	opened(connection: Connection): void;
	frame(connection: Connection, data: Buffer, isBinary: boolean): void;
	decoded(connection: Connection, message: FeedMessage, receivedAt: number): void;
	/** The connection is gone, before the wait for the next one starts. */
	lost(): void;
}>;

export type KeeperOptions = Readonly<{
	url: string;
	lookup?: LookupFunction;
	/** See ClientOptions.oneMessageATurn. */
	oneMessageATurn?: boolean;
	/** See ClientOptions.decodeOffThread: the API whose codec the worker uses. */
	decodeOffThread?: ApiVersion;
	clock: Clock;
	timings: Timings;
	backoff: BackoffPolicy;
	random: () => number;
}>;

/**
 * Keeps one connection at a time: opens it, and when it ends waits as the backoff policy says
 * and opens the next, for ever until stopped. Owns the connection's state as the user sees it;
 * what is said on the connection is the client's.
 */
export class ConnectionKeeper {
	readonly #options: KeeperOptions;
	readonly #hooks: KeeperHooks;
	readonly #schedule: ReconnectSchedule;
	#connection: Connection | undefined;
	#state: ConnectionState = {kind: 'closed'};
	#reconnectTimer: Timer | undefined;
	#isStopped = true;
	#reconnects = 0;
	/** The exchange's last status was `online`: after maintenance, no quick retries. */
	isOnline = true;

	constructor(options: KeeperOptions, hooks: KeeperHooks) {
		this.#options = options;
		this.#hooks = hooks;
		const {backoff, clock, random, timings} = options;
		this.#schedule = new ReconnectSchedule(backoff, clock, random, timings.stableAfterMs);
	}

	get state(): ConnectionState {
		return this.#state;
	}

	get connection(): Connection | undefined {
		return this.#connection;
	}

	get reconnects(): number {
		return this.#reconnects;
	}

	setState(state: ConnectionState): void {
		this.#state = state;
		this.#hooks.state(state);
	}

	start(): void {
		if (this.#isStopped) {
			this.#isStopped = false;
			this.#connect();
		}
	}

	/** Closes for good: no reconnect follows. */
	stop(): void {
		this.#isStopped = true;
		this.#options.clock.clear(this.#reconnectTimer);
		this.#connection?.dispose();
		this.#connection = undefined;
		if (this.#state.kind !== 'closed') {
			this.setState({kind: 'closed'});
		}
	}

	/** Connects again at once: skips a reconnect's wait, or replaces the connection there is. */
	reconnectNow(): void {
		if (this.#isStopped) {
			return;
		}

		if (this.#state.kind === 'reconnecting') {
			this.#options.clock.clear(this.#reconnectTimer);
			this.#connect();
		} else {
			this.#connection?.drop('reconnect asked for');
		}
	}

	#connect(): void {
		this.#schedule.recordAttempt();
		this.setState({kind: 'connecting', attempt: this.#schedule.nextAttempt});
		const {url, lookup, clock, oneMessageATurn, decodeOffThread} = this.#options;
		const connection: Connection = new Connection(
			url,
			{
				clock,
				oneMessageATurn,
				...(lookup === undefined ? {} : {lookup}),
				...(decodeOffThread === undefined ? {} : {decodeOffThread}),
			},
			{
				open: () => {
					this.setState({kind: 'open'});
					this.#hooks.opened(connection);
				},
				frame: (data, isBinary) => this.#hooks.frame(connection, data, isBinary),
				decoded: (message, receivedAt) => this.#hooks.decoded(connection, message, receivedAt),
				close: (code) => this.#handleClose(connection, code),
			},
		);
		this.#connection = connection;
	}

	#handleClose(connection: Connection, code: number): void {
		if (connection !== this.#connection || this.#isStopped) {
			return;
		}

		this.#connection = undefined;
		this.#hooks.lost();
		const {delayMs, attempt} = this.#schedule.afterClose(connection, this.isOnline);
		const reason = connection.closeReason ?? describeCloseCode(code);
		this.#reconnects++;
		this.setState({kind: 'reconnecting', delayMs, attempt, reason});
		this.#reconnectTimer = this.#options.clock.setTimeout(() => this.#connect(), delayMs);
	}
}
