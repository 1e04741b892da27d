import {EventEmitter} from 'node:events';
import type {LookupFunction} from 'node:net';
import WebSocket from 'ws';
import {TradeDeduplicator} from '../model/trade-deduplicator.js';
import type {
	ApiVersion,
	ConnectionState,
	SubscriptionState,
	Trade,
	TradeOrigin,
} from '../model/types.js';
import {defaultBackoffPolicy, nextDelay, type BackoffPolicy} from './backoff.js';
import {simulatedVersionMark, type ClientEvents} from './client-events.js';
import {codecFor} from './codec.js';
import type {Codec, FeedMessage} from './feed-message.js';
import {describeCloseCode, describeSocketError, handshakeStatus} from './close-reasons.js';

export type ClientOptions = Readonly<{
	url: string;
	api: ApiVersion;
	pairs: readonly string[];
	/** Ask v2 for the last 50 trades on every (re)subscribe; repeats are dropped by trade id. */
	snapshot?: boolean;
	/** No trade or heartbeat for this long after the first ack: the connection is stale. */
	idleTimeoutMs?: number;
	pingIntervalMs?: number;
	pongTimeoutMs?: number;
	/** Subscribe this long after the socket opens even if no status frame has come. */
	statusWaitMs?: number;
	/** A connection that stayed subscribed this long resets the failure count. */
	stableAfterMs?: number;
	backoff?: Partial<BackoffPolicy>;
	random?: () => number;
	/** Resolves host names in place of the system's resolver (passed through to the socket). */
	lookup?: LookupFunction;
}>;

/** The name of the server at `url` as the user knows it: Kraken for Kraken's own hosts. */
function sourceNameOf(url: string): string {
	const {hostname} = new URL(url);
	return hostname === 'kraken.com' || hostname.endsWith('.kraken.com') ? 'Kraken' : 'server';
}

/** v1 trades stamped more than this before their subscription's ack are history, not live. */
const historyMarginMs = 2000;

/**
 * Owns one WebSocket to Kraken at a time: connects, subscribes every wanted pair in one message,
 * tracks one ack per pair, watches for silence, pings, and reconnects with backoff. Like ws
 * itself leaves heartbeat and reconnect to the application, this is that application layer.
 */
export class KrakenClient extends EventEmitter<ClientEvents> {
	readonly counts = {unrecognised: 0, duplicates: 0, missing: 0, reconnects: 0};
	readonly #options: Required<Omit<ClientOptions, 'backoff' | 'pairs' | 'lookup'>>;
	readonly #lookup: LookupFunction | undefined;
	readonly #backoff: BackoffPolicy;
	readonly #codec: Codec;
	readonly #pairs = new Map<string, SubscriptionState>();
	readonly #deduplicator = new TradeDeduplicator();
	readonly #attemptTimes: number[] = [];
	/** When each pair's current subscription was acknowledged, to tell v1 history from live trades. */
	readonly #acknowledgedAt = new Map<string, number>();
	#socket: WebSocket | undefined;
	#state: ConnectionState = {kind: 'closed'};
	#timers: NodeJS.Timeout[] = [];
	#reconnectTimer: NodeJS.Timeout | undefined;
	#pongDeadline: NodeJS.Timeout | undefined;
	#failures = 0;
	#isOnline = true;
	#wasRateLimited = false;
	#closeReason: string | undefined;
	#hasSentSubscribe = false;
	#subscribedAt: number | undefined;
	#lastActivityAt = 0;
	#nextRequestId = 1;
	#isStopped = true;
	#hasConnectedBefore = false;
	#isSimulated = false;

	constructor(options: ClientOptions) {
		super();
		this.#options = {
			snapshot: true,
			idleTimeoutMs: 10_000,
			pingIntervalMs: 30_000,
			pongTimeoutMs: 10_000,
			statusWaitMs: 3000,
			stableAfterMs: 10_000,
			random: Math.random,
			...options,
		};
		this.#backoff = {...defaultBackoffPolicy, ...options.backoff};
		this.#lookup = options.lookup;
		this.#codec = codecFor(options.api);
		for (const pair of options.pairs) {
			this.#pairs.set(pair, 'pending');
		}
	}

	get state(): ConnectionState {
		return this.#state;
	}

	get subscriptions(): ReadonlyMap<string, SubscriptionState> {
		return this.#pairs;
	}

	/**
	 * Who is at the other end, for the words the exchange sends: Kraken, kraken-tape's simulator
	 * (which says so in its status), or any other server.
	 */
	get sourceName(): string {
		return this.#isSimulated ? 'simulator' : sourceNameOf(this.#options.url);
	}

	/** Connects again at once: skips a reconnect's wait, or replaces the connection there is. */
	reconnectNow(): void {
		if (this.#isStopped) {
			return;
		}

		if (this.#state.kind === 'reconnecting') {
			clearTimeout(this.#reconnectTimer);
			this.#connect();
		} else if (this.#socket) {
			this.#drop('reconnect asked for');
		}
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
		clearTimeout(this.#reconnectTimer);
		this.#clearConnectionTimers();
		this.#socket?.removeAllListeners();
		this.#socket?.on('error', () => undefined);
		this.#socket?.close(1000);
		this.#socket = undefined;
		if (this.#state.kind !== 'closed') {
			this.#setState({kind: 'closed'});
		}
	}

	/** Adds pairs; sent at once on an open connection, otherwise on the next one. */
	subscribe(pairs: readonly string[]): void {
		const added = pairs.filter((pair) => this.#pairs.get(pair) !== 'subscribed');
		for (const pair of added) {
			this.#setSubscription(pair, 'pending');
		}

		if (this.#hasSentSubscribe && added.length > 0) {
			this.#send(this.#codec.encodeSubscribe(added, this.#requestId(), this.#options.snapshot));
		}
	}

	unsubscribe(pairs: readonly string[]): void {
		// Only pairs the exchange acknowledged are unsubscribed there: a refused pair has nothing
		// to end, and a pending one is ended when its ack comes (see #handleSubscribed).
		const acknowledged = pairs.filter((pair) => this.#pairs.get(pair) === 'subscribed');
		const removed = pairs.filter((pair) => this.#pairs.delete(pair));
		for (const pair of removed) {
			this.#deduplicator.forget(pair);
			this.#acknowledgedAt.delete(pair);
			this.emit('subscription', {pair, state: 'unsubscribed'});
		}

		if (this.#hasSentSubscribe && acknowledged.length > 0) {
			this.#send(this.#codec.encodeUnsubscribe(acknowledged, this.#requestId()));
		}

		this.#settleIdle();
	}

	#connect(): void {
		const now = Date.now();
		this.#attemptTimes.push(now);
		while ((this.#attemptTimes[0] ?? now) <= now - this.#backoff.windowMs) {
			this.#attemptTimes.shift();
		}

		this.#setState({kind: 'connecting', attempt: this.#failures + 1});
		this.#hasSentSubscribe = false;
		this.#subscribedAt = undefined;
		this.#closeReason = undefined;
		this.#wasRateLimited = false;
		const socket = new WebSocket(this.#options.url, {
			// Measured with bench/deflate.ts (20,000 varied v2 trade frames, client process only):
			// deflate cut wire bytes to 0.18x but cost 26x the client CPU (3.2 s against 0.12 s).
			// A live feed is a few KB/s, so the bytes saved are trivial; the CPU in a burst is not.
			perMessageDeflate: false,
			handshakeTimeout: 10_000,
			// Larger frames are read and refused by the codec rather than killing the connection.
			maxPayload: 8 * 1024 * 1024,
			...(this.#lookup === undefined ? {} : {lookup: this.#lookup}),
		});
		this.#socket = socket;
		socket.on('open', () => this.#handleOpen());
		socket.on('message', (data, isBinary) => this.#handleFrame(data as Buffer, isBinary));
		socket.on('error', (error) => {
			this.#wasRateLimited ||= handshakeStatus(error) === 429;
			this.#closeReason ??= describeSocketError(error);
		});
		socket.on('close', (code) => this.#handleClose(socket, code));
	}

	#handleOpen(): void {
		this.#setState({kind: 'open'});
		this.#every(this.#options.pingIntervalMs, () => this.#ping());
		// Kraken pushes a status frame on connect; subscribe after it, or after a short wait.
		this.#after(this.#options.statusWaitMs, () => this.#sendSubscribe());
	}

	#handleClose(socket: WebSocket, code: number): void {
		if (socket !== this.#socket || this.#isStopped) {
			return;
		}

		this.#clearConnectionTimers();
		this.#socket = undefined;
		const wasStable =
			this.#subscribedAt !== undefined &&
			Date.now() - this.#subscribedAt >= this.#options.stableAfterMs;
		this.#failures = wasStable ? 1 : this.#failures + 1;
		for (const [pair, state] of this.#pairs) {
			if (state === 'subscribed') {
				this.#setSubscription(pair, 'pending');
			}
		}

		const now = Date.now();
		const delayMs = nextDelay(
			{
				failures: this.#failures,
				isOnline: this.#isOnline,
				wasRateLimited: this.#wasRateLimited,
				attemptTimes: this.#attemptTimes,
				now,
				random: this.#options.random(),
			},
			this.#backoff,
		);
		const reason = this.#closeReason ?? describeCloseCode(code);
		this.counts.reconnects++;
		this.#setState({kind: 'reconnecting', delayMs, attempt: this.#failures, reason});
		this.#reconnectTimer = setTimeout(() => this.#connect(), delayMs);
	}

	#handleFrame(data: Buffer, isBinary: boolean): void {
		const receivedAt = Date.now();
		const text = isBinary ? '' : data.toString('utf8');
		this.emit('frame', isBinary ? data.toString('base64') : text, receivedAt, isBinary);
		const message: FeedMessage = isBinary
			? {kind: 'unrecognised', reason: 'binary frame'}
			: this.#codec.decode(text);
		switch (message.kind) {
			case 'trades': {
				this.#lastActivityAt = receivedAt;
				this.#acceptTrades(
					message.trades,
					message.isSnapshot ? 'history' : this.#originOf(message.trades),
				);
				break;
			}

			case 'heartbeat': {
				this.#lastActivityAt = receivedAt;
				break;
			}

			case 'pong': {
				// Deliberately not activity: a connection can answer pings with its feed gone quiet.
				clearTimeout(this.#pongDeadline);
				this.#pongDeadline = undefined;
				break;
			}

			case 'status': {
				this.#isOnline = message.status === 'online';
				const isSimulated = message.version?.includes(simulatedVersionMark) ?? false;
				this.#isSimulated ||= isSimulated;
				this.emit('status', {
					status: message.status,
					version: message.version,
					connectionId: message.connectionId,
					isSimulated,
				});
				this.#sendSubscribe();
				break;
			}

			case 'subscribed': {
				this.#handleSubscribed(message.pair, receivedAt);
				break;
			}

			case 'unsubscribed': {
				// Only exchange-initiated unsubscribes reach here: ours deleted the pair already.
				if (this.#pairs.has(message.pair)) {
					this.#setSubscription(message.pair, 'unsubscribed', 'unsubscribed by the exchange');
				}

				break;
			}

			case 'subscription-error': {
				this.#handleSubscriptionError(message.message, message.pair);
				break;
			}

			case 'rate-limited': {
				this.emit(
					'notice',
					`${this.sourceName}: ${message.message}; retrying pending pairs in 5 s`,
				);
				this.#after(5000, () => this.#resendPending());
				break;
			}

			case 'error': {
				this.emit('notice', `${this.sourceName}: ${message.message}`);
				break;
			}

			case 'unrecognised': {
				this.counts.unrecognised++;
				this.emit('unrecognised', message.reason, this.counts.unrecognised);
				break;
			}
		}
	}

	/**
	 * v1 frames do not say whether they are history: trades stamped well before the pair's
	 * subscription was acknowledged are. The margin allows for the two clocks disagreeing.
	 */
	#originOf(trades: readonly Trade[]): TradeOrigin {
		let newest = Number.NEGATIVE_INFINITY;
		for (const trade of trades) {
			newest = Math.max(newest, trade.time);
		}

		const acknowledgedAt = this.#acknowledgedAt.get(trades[0]?.pair ?? '');
		return acknowledgedAt !== undefined && newest < acknowledgedAt - historyMarginMs
			? 'history'
			: 'live';
	}

	#acceptTrades(trades: readonly Trade[], origin: TradeOrigin): void {
		// Late trades for a pair just removed are not wanted.
		const wanted = trades.every((trade) => this.#pairs.has(trade.pair))
			? trades
			: trades.filter((trade) => this.#pairs.has(trade.pair));
		const {fresh, duplicates, gaps, renumbered} = this.#deduplicator.accept(wanted);
		this.counts.duplicates += duplicates;
		for (const renumbering of renumbered) {
			this.emit('renumbered', renumbering);
		}

		for (const gap of gaps) {
			this.counts.missing += gap.missing;
			this.emit('gap', gap);
		}

		if (fresh.length > 0) {
			this.emit('trades', fresh, origin);
		}
	}

	#handleSubscribed(pair: string, receivedAt: number): void {
		if (!this.#pairs.has(pair)) {
			// Removed while its subscribe was on the way: end it there too, or it streams unread.
			this.#send(this.#codec.encodeUnsubscribe([pair], this.#requestId()));
			return;
		}

		if (this.#hasConnectedBefore) {
			this.#deduplicator.beginReplay(pair);
		}

		this.#acknowledgedAt.set(pair, receivedAt);
		this.#lastActivityAt = receivedAt;
		this.#setSubscription(pair, 'subscribed');
		if (this.#state.kind !== 'subscribed') {
			this.#setState({kind: 'subscribed'});
		}

		if (this.#subscribedAt === undefined) {
			this.#subscribedAt = receivedAt;
			this.#hasConnectedBefore = true;
			// Heartbeats only start once a subscription exists, so the watchdog starts here.
			const interval = Math.min(1000, this.#options.idleTimeoutMs / 4);
			this.#every(interval, () => this.#checkIdle());
		}
	}

	#handleSubscriptionError(message: string, pair: string | undefined): void {
		// v2 sometimes leaves `symbol` out; its message still ends with the pair.
		const target =
			pair ?? [...this.#pairs.keys()].find((candidate) => message.endsWith(` ${candidate}`));
		if (target === undefined) {
			this.emit('notice', `${this.sourceName}: ${message}`);
			return;
		}

		// A pair no longer wanted: the words belong to it and went with it.
		if (!this.#pairs.has(target)) {
			return;
		}

		if (message === 'Already subscribed') {
			this.#handleSubscribed(target, Date.now());
			return;
		}

		this.#setSubscription(target, 'error', message);
		this.#settleIdle();
	}

	/** An open connection with nothing subscribed or on the way is idle, not subscribing or stale. */
	#settleIdle(): void {
		const isConnected =
			this.#state.kind === 'open' ||
			this.#state.kind === 'subscribed' ||
			this.#state.kind === 'idle';
		if (!isConnected || !this.#hasSentSubscribe) {
			return;
		}

		const isWanting = [...this.#pairs.values()].some(
			(state) => state === 'subscribed' || state === 'pending',
		);
		if (!isWanting && this.#state.kind !== 'idle') {
			this.#setState({kind: 'idle'});
		}
	}

	#checkIdle(): void {
		// Kraken sends heartbeats only while something is subscribed: silence is then expected.
		if (this.#state.kind === 'idle') {
			this.#lastActivityAt = Date.now();
			return;
		}

		const silentForMs = Date.now() - this.#lastActivityAt;
		if (silentForMs < this.#options.idleTimeoutMs) {
			return;
		}

		this.#setState({kind: 'stale', silentForMs});
		this.#drop(`no trades or heartbeats for ${Math.round(silentForMs / 1000)} s`);
	}

	#ping(): void {
		this.#send(this.#codec.encodePing(this.#requestId()));
		// The deadline runs from the oldest unanswered ping, or pings sent faster than the
		// timeout would keep pushing it back for ever.
		this.#pongDeadline ??= setTimeout(
			() => this.#drop(`no pong within ${this.#options.pongTimeoutMs / 1000} s`),
			this.#options.pongTimeoutMs,
		);
	}

	#drop(reason: string): void {
		this.#closeReason = reason;
		this.#clearConnectionTimers();
		this.#socket?.terminate();
	}

	#sendSubscribe(): void {
		if (this.#hasSentSubscribe) {
			return;
		}

		this.#hasSentSubscribe = true;
		this.#resendPending();
		this.#settleIdle();
	}

	#resendPending(): void {
		// All pairs in one message: one message per pair trips Kraken's rate limit.
		const pending = [...this.#pairs]
			.filter(([, state]) => state === 'pending')
			.map(([pair]) => pair);
		if (pending.length > 0) {
			this.#send(this.#codec.encodeSubscribe(pending, this.#requestId(), this.#options.snapshot));
		}
	}

	#send(text: string): void {
		if (this.#socket?.readyState === WebSocket.OPEN) {
			this.#socket.send(text);
		}
	}

	#requestId(): number {
		// Kraken wants a positive integer, reportedly int32.
		const id = this.#nextRequestId;
		this.#nextRequestId = id >= 2_147_483_647 ? 1 : id + 1;
		return id;
	}

	#setState(state: ConnectionState): void {
		this.#state = state;
		this.emit('state', state);
	}

	#setSubscription(pair: string, state: SubscriptionState, message?: string): void {
		this.#pairs.set(pair, state);
		this.emit('subscription', message === undefined ? {pair, state} : {pair, state, message});
	}

	#every(milliseconds: number, callback: () => void): void {
		this.#timers.push(setInterval(callback, milliseconds));
	}

	#after(milliseconds: number, callback: () => void): void {
		this.#timers.push(setTimeout(callback, milliseconds));
	}

	#clearConnectionTimers(): void {
		for (const timer of this.#timers) {
			clearTimeout(timer);
		}

		this.#timers = [];
		clearTimeout(this.#pongDeadline);
		this.#pongDeadline = undefined;
	}
}
