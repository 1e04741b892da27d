import {EventEmitter} from 'node:events';
import type {CandleInterval, ConnectionState} from '../model/types.js';
import {defaultHoldLimits} from './backfill/sequencer.js';
import {defaultBackoffPolicy, type BackoffPolicy} from './backoff.js';
import {simulatedVersionMark, type ClientEvents} from './client-events.js';
import {
	restClientOptionsOf,
	sourceNameOf,
	subscriberSettingsOf,
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
import {SubscriptionFlow} from './subscription-flow.js';
import type {Subscription} from './subscription-ledger.js';
import {MarketData} from './market-data.js';
import {RestClient} from './rest/rest-client.js';
import {RestHistory} from './rest-history.js';

export type {ClientCounts, ClientOptions} from './client-options.js';

/**
 * A live connection to Kraken's market data: subscribes everything wanted (one message per
 * channel), follows the acks, turns frames into events, watches for silence and pings, and
 * reconnects with backoff. As ws leaves heartbeat and reconnect to the application, this is that
 * application layer. The ConnectionKeeper keeps a connection open; what lives as long as one
 * socket is its Connection; what is wanted across them is the Subscriber's ledger; what the
 * answers to subscriptions do to the connection is the SubscriptionFlow's.
 */
export class KrakenClient extends EventEmitter<ClientEvents> {
	readonly #options: ClientOptions;
	readonly #timings: Timings;
	readonly #clock: Clock;
	readonly #backoff: BackoffPolicy;
	readonly #codec: Codec;
	readonly #keeper: ConnectionKeeper;
	readonly #subscriber: Subscriber;
	readonly #market: MarketData;
	/** Each pair's start from Kraken's REST history, when the options name where it is. */
	readonly #history: RestHistory | undefined;
	readonly #flow: SubscriptionFlow;
	#unrecognised = 0;
	#isSimulated = false;
	#isStopped = false;

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
				oneMessageATurn: options.oneMessageATurn === true,
				...(options.decodeOffThread === true && options.lookup === undefined
					? {decodeOffThread: options.api}
					: {}),
				clock: this.#clock,
				timings: this.#timings,
				backoff: this.#backoff,
				random: options.random ?? Math.random,
			},
			{
				state: (state) => this.emit('state', state),
				opened: (connection) => this.#handleOpen(connection),
				frame: (connection, data, isBinary) => this.#handleFrame(connection, data, isBinary),
				decoded: (connection, message, receivedAt) =>
					this.#handleMessage(connection, message, receivedAt),
				lost: () => {
					this.#subscriber.connectionLost();
					this.#market.books.connectionLost();
				},
			},
		);
		this.#subscriber = new Subscriber(this.#codec, subscriberSettingsOf(options), {
			send: (text) => this.#keeper.connection?.send(text),
			changed: (change) => this.emit('subscription', change),
		});
		const restOptions = restClientOptionsOf(options, this.#clock);
		const rest = restOptions && new RestClient(restOptions);
		const backfill = rest && {
			rest,
			api: options.api,
			clock: this.#clock,
			limits: {...defaultHoldLimits, ...options.holdLimits},
		};
		this.#market = new MarketData(
			this.#subscriber.ledger,
			this,
			(pair, failingRun) => this.#flow.renewBook(pair, failingRun),
			backfill,
		);
		this.#history =
			rest &&
			new RestHistory(rest, this.#market, this.#subscriber.ledger, {
				backfill: options.backfill ?? 0,
				candles: options.candleHistory ?? true,
			});
		this.#flow = new SubscriptionFlow({
			keeper: this.#keeper,
			subscriber: this.#subscriber,
			market: this.#market,
			history: this.#history,
			timings: this.#timings,
			backoff: this.#backoff,
			notice: (text) => this.emit('notice', `${this.sourceName}: ${text}`),
		});
		this.#subscriber.wantPairs(options.pairs);
	}

	get state(): ConnectionState {
		return this.#keeper.state;
	}

	get counts(): ClientCounts {
		return {
			...this.#market.counts,
			unrecognised: this.#unrecognised,
			reconnects: this.#keeper.reconnects,
		};
	}

	/** Every subscription wanted, on every channel, and where it stands. */
	get subscriptions(): readonly Subscription[] {
		return this.#subscriber.ledger.all();
	}

	/** The candles' length in minutes. */
	get interval(): CandleInterval {
		return this.#subscriber.interval;
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

	/** Closes for good: no reconnect follows, and no REST call is left on the way. */
	stop(): void {
		if (this.#isStopped) {
			return;
		}

		this.#isStopped = true;
		this.#keeper.stop();
		this.#market.close();
		this.#history?.close();
	}

	/** Connects again at once: skips a reconnect's wait, or replaces the connection there is. */
	reconnectNow(): void {
		this.#keeper.reconnectNow();
	}

	/** Adds pairs, on every channel; sent at once on an open connection, else on the next. */
	subscribe(pairs: readonly string[]): void {
		this.#subscriber.wantPairs(pairs);
		this.#flow.sendPendingIfSubscribing();
	}

	unsubscribe(pairs: readonly string[]): void {
		this.#subscriber.removePairs(pairs);
		for (const pair of pairs) {
			this.#market.forget(pair);
			this.#history?.forget(pair);
		}

		this.#flow.settleIdle();
	}

	/**
	 * Changes the candles' length: unsubscribed at the old interval, subscribed at the new; candles
	 * of the old one still arriving meanwhile are not passed on.
	 */
	setInterval(interval: CandleInterval): void {
		if (this.#subscriber.changeInterval(interval)) {
			this.#market.intervalChanged();
			const pairs = this.#subscriber.ledger.all().map((entry) => entry.pair);
			this.#history?.candles(pairs, interval);
			this.#flow.sendPendingIfSubscribing();
		}
	}

	#handleOpen(connection: Connection): void {
		const {pingIntervalMs, pongTimeoutMs, statusWaitMs} = this.#timings;
		connection.keepPinging(pingIntervalMs, pongTimeoutMs, () =>
			this.#codec.encodePing(this.#subscriber.nextRequestId()),
		);
		// Kraken pushes a status frame on connect; subscribe after it, or after a short wait.
		connection.after(statusWaitMs, () => this.#flow.subscribe(connection));
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
			case 'trades':
			case 'ticker':
			case 'candles':
			case 'book': {
				connection.lastActivityAt = receivedAt;
				this.#market.accept(message, receivedAt);
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
				this.#flow.subscribe(connection);
				break;
			}

			case 'subscribed': {
				const {channel, pair, interval} = message;
				this.#flow.subscribed(connection, channel, pair, receivedAt, interval);
				break;
			}

			case 'unsubscribed': {
				this.#subscriber.unsubscribed(message.channel, message.pair, message.reqId);
				break;
			}

			case 'subscription-error': {
				this.#flow.refused(connection, message, receivedAt);
				break;
			}

			case 'rate-limited': {
				this.#flow.rateLimited(connection, message);
				break;
			}

			case 'error': {
				this.emit('notice', `${this.sourceName}: ${message.message}`);
				break;
			}

			case 'unrecognised': {
				this.#unrecognised++;
				this.emit('unrecognised', message.reason, this.#unrecognised);
				break;
			}
		}
	}
}
