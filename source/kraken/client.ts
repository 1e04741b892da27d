import {EventEmitter} from 'node:events';
import type {Channel, ChannelParams, ConnectionState, SubscriptionState} from '../model/types.js';
import {defaultBackoffPolicy, type BackoffPolicy} from './backoff.js';
import {simulatedVersionMark, type ClientEvents} from './client-events.js';
import {
	sourceNameOf,
	timingsOf,
	type ClientCounts,
	type ClientOptions,
	type Timings,
} from './client-options.js';
import {systemClock, type Clock} from './clock.js';
import {codecFor} from './codec.js';
import type {Connection} from './connection.js';
import {ConnectionKeeper} from './connection-keeper.js';
import type {Codec, FeedMessage} from './feed-message.js';
import {Subscriber} from './subscriber.js';
import {TradeIntake} from './trade-intake.js';

export type {ClientCounts, ClientOptions} from './client-options.js';

type Refused = Extract<FeedMessage, {kind: 'subscription-error'}>;

/**
 * A live connection to Kraken's market data: subscribes everything wanted (one message per
 * channel), follows the acks, turns frames into events, watches for silence and pings, and
 * reconnects with backoff. As ws leaves heartbeat and reconnect to the application, this is that
 * application layer. The ConnectionKeeper keeps a connection open; what lives as long as one
 * socket is its Connection; what is wanted across them is the Subscriber's ledger.
 */
export class KrakenClient extends EventEmitter<ClientEvents> {
	readonly #options: ClientOptions;
	readonly #timings: Timings;
	readonly #clock: Clock;
	readonly #backoff: BackoffPolicy;
	readonly #codec: Codec;
	readonly #keeper: ConnectionKeeper;
	readonly #subscriber: Subscriber;
	readonly #intake = new TradeIntake();
	readonly #counts = {unrecognised: 0, duplicates: 0, missing: 0};
	#hasConnectedBefore = false;
	#isSimulated = false;

	constructor(options: ClientOptions) {
		super();
		this.#options = options;
		this.#timings = timingsOf(options);
		this.#clock = options.clock ?? systemClock;
		this.#backoff = {...defaultBackoffPolicy, ...options.backoff};
		this.#codec = codecFor(options.api);
		this.#keeper = new ConnectionKeeper(
			{
				url: options.url,
				...(options.lookup === undefined ? {} : {lookup: options.lookup}),
				clock: this.#clock,
				timings: this.#timings,
				backoff: this.#backoff,
				random: options.random ?? Math.random,
			},
			{
				state: (state) => this.emit('state', state),
				opened: (connection) => this.#handleOpen(connection),
				frame: (connection, data, isBinary) => this.#handleFrame(connection, data, isBinary),
				lost: () => this.#subscriber.connectionLost(),
			},
		);
		this.#subscriber = new Subscriber(this.#codec, {
			send: (text) => this.#keeper.connection?.send(text),
			changed: (change) => this.emit('subscription', change),
		});
		this.#subscriber.want('trade', options.pairs, this.#tradeParams());
	}

	get state(): ConnectionState {
		return this.#keeper.state;
	}

	get counts(): ClientCounts {
		return {...this.#counts, reconnects: this.#keeper.reconnects};
	}

	/** Each wanted pair's trade subscription, by pair. */
	get subscriptions(): ReadonlyMap<string, SubscriptionState> {
		const entries = this.#subscriber.ledger.all('trade');
		return new Map(entries.map((entry) => [entry.pair, entry.state]));
	}

	/**
	 * Who is at the other end, for the words the exchange sends: Kraken, kraken-tape's simulator
	 * (which says so in its status), or any other server.
	 */
	get sourceName(): string {
		return this.#isSimulated ? 'simulator' : sourceNameOf(this.#options.url);
	}

	start(): void {
		this.#keeper.start();
	}

	/** Closes for good: no reconnect follows. */
	stop(): void {
		this.#keeper.stop();
	}

	/** Connects again at once: skips a reconnect's wait, or replaces the connection there is. */
	reconnectNow(): void {
		this.#keeper.reconnectNow();
	}

	/** Adds pairs; sent at once on an open connection, otherwise on the next one. */
	subscribe(pairs: readonly string[]): void {
		this.#subscriber.want('trade', pairs, this.#tradeParams());
		if (this.#keeper.connection?.hasSentSubscribe) {
			this.#subscriber.sendPending();
		}
	}

	unsubscribe(pairs: readonly string[]): void {
		for (const pair of this.#subscriber.remove('trade', pairs)) {
			this.#intake.forget(pair);
		}

		this.#settleIdle();
	}

	#tradeParams(): ChannelParams {
		return {snapshot: this.#options.snapshot ?? true};
	}

	#handleOpen(connection: Connection): void {
		const {pingIntervalMs, pongTimeoutMs, statusWaitMs} = this.#timings;
		connection.keepPinging(pingIntervalMs, pongTimeoutMs, () =>
			this.#codec.encodePing(this.#subscriber.nextRequestId()),
		);
		// Kraken pushes a status frame on connect; subscribe after it, or after a short wait.
		connection.after(statusWaitMs, () => this.#sendSubscribe(connection));
	}

	#handleFrame(connection: Connection, data: Buffer, isBinary: boolean): void {
		const receivedAt = this.#clock.now();
		const text = isBinary ? '' : data.toString('utf8');
		this.emit('frame', isBinary ? data.toString('base64') : text, receivedAt, isBinary);
		const message: FeedMessage = isBinary
			? {kind: 'unrecognised', reason: 'binary frame'}
			: this.#codec.decode(text);
		this.#handleMessage(connection, message, receivedAt);
	}

	#handleMessage(connection: Connection, message: FeedMessage, receivedAt: number): void {
		switch (message.kind) {
			case 'trades': {
				connection.lastActivityAt = receivedAt;
				this.#acceptTrades(message);
				break;
			}

			case 'heartbeat': {
				connection.lastActivityAt = receivedAt;
				break;
			}

			case 'pong': {
				// Deliberately not activity: a connection can answer pings with its feed gone quiet.
				connection.pongReceived();
				break;
			}

			case 'status': {
				this.#keeper.isOnline = message.status === 'online';
				const isSimulated = message.version?.includes(simulatedVersionMark) ?? false;
				this.#isSimulated ||= isSimulated;
				const {status, version, connectionId} = message;
				this.emit('status', {status, version, connectionId, isSimulated});
				this.#sendSubscribe(connection);
				break;
			}

			case 'subscribed': {
				this.#handleSubscribed(connection, message.channel, message.pair, receivedAt);
				break;
			}

			case 'unsubscribed': {
				// Only the exchange's own unsubscribes reach here: ours removed the entry already.
				this.#subscriber.end(message.channel, message.pair);
				break;
			}

			case 'subscription-error': {
				this.#handleRefusal(connection, message, receivedAt);
				break;
			}

			case 'rate-limited': {
				const retryMs = this.#backoff.rateLimitRetryMs;
				const retry = `retrying pending pairs in ${retryMs / 1000} s`;
				this.emit('notice', `${this.sourceName}: ${message.message}; ${retry}`);
				connection.after(retryMs, () => this.#subscriber.sendPending());
				break;
			}

			case 'error': {
				this.emit('notice', `${this.sourceName}: ${message.message}`);
				break;
			}

			case 'unrecognised': {
				this.#counts.unrecognised++;
				this.emit('unrecognised', message.reason, this.#counts.unrecognised);
				break;
			}
		}
	}

	#acceptTrades({trades, isSnapshot}: Extract<FeedMessage, {kind: 'trades'}>): void {
		const {ledger} = this.#subscriber;
		const result = this.#intake.accept(trades, isSnapshot, (pair) => ledger.get('trade', pair));
		this.#counts.duplicates += result.duplicates;
		for (const renumbering of result.renumbered) {
			this.emit('renumbered', renumbering);
		}

		for (const gap of result.gaps) {
			this.#counts.missing += gap.missing;
			this.emit('gap', gap);
		}

		if (result.fresh.length > 0) {
			this.emit('trades', result.fresh, result.origin);
		}
	}

	#handleSubscribed(connection: Connection, channel: Channel, pair: string, at: number): void {
		if (this.#hasConnectedBefore && channel === 'trade') {
			this.#intake.resubscribed(pair);
		}

		// Removed while its subscribe was on the way: the subscriber ends it there too.
		if (!this.#subscriber.acknowledge(channel, pair, at)) {
			return;
		}

		connection.lastActivityAt = at;
		if (this.#keeper.state.kind !== 'subscribed') {
			this.#keeper.setState({kind: 'subscribed'});
		}

		if (connection.subscribedAt === undefined) {
			connection.subscribedAt = at;
			this.#hasConnectedBefore = true;
			connection.watchForSilence(
				this.#timings.idleTimeoutMs,
				() => this.#keeper.state.kind === 'idle',
				(silentForMs) => this.#keeper.setState({kind: 'stale', silentForMs}),
			);
		}
	}

	#handleRefusal(connection: Connection, message: Refused, receivedAt: number): void {
		const refusal = this.#subscriber.refuse(message);
		if (refusal.kind === 'unmatched') {
			this.emit('notice', `${this.sourceName}: ${message.message}`);
		} else if (refusal.kind === 'already') {
			this.#handleSubscribed(connection, refusal.channel, refusal.pair, receivedAt);
		} else if (refusal.kind === 'refused') {
			this.#settleIdle();
		}
	}

	/** An open connection with nothing subscribed or on the way is idle, not subscribing or stale. */
	#settleIdle(): void {
		const {kind} = this.#keeper.state;
		const isConnected = kind === 'open' || kind === 'subscribed';
		const hasSent = this.#keeper.connection?.hasSentSubscribe === true;
		if (isConnected && hasSent && !this.#subscriber.ledger.isWanting()) {
			this.#keeper.setState({kind: 'idle'});
		}
	}

	#sendSubscribe(connection: Connection): void {
		if (!connection.hasSentSubscribe) {
			connection.hasSentSubscribe = true;
			this.#subscriber.sendPending();
			this.#settleIdle();
		}
	}
}
