import type {LookupFunction} from 'node:net';
import type {ApiVersion, BookDepth, CandleInterval, Channel} from '../model/types.js';
import type {BackoffPolicy} from './backoff.js';
import type {HoldLimits} from './backfill/sequencer.js';
import type {Clock} from './clock.js';
import type {RestClientOptions, RestPolicy} from './rest/rest-client.js';
import type {RestTransport} from './rest/rest-transport.js';
import {packageUserAgent} from './rest/user-agent.js';
import type {SubscriberSettings} from './subscriber.js';

export type ClientOptions = Readonly<{
	url: string;
	api: ApiVersion;
	pairs: readonly string[];
	/** What to subscribe for every pair; trades alone by default. */
	channels?: readonly Channel[];
	/** The candles' length in minutes, for the ohlc channel; 1 by default. */
	interval?: CandleInterval;
	/** Levels a side of the book; 10 by default. */
	depth?: BookDepth;
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
	/**
	 * Each message is handed over in a turn of the event loop of its own (default false). A socket
	 * read brings up to 64 KB, hundreds of frames in a burst, and by default all of them are handed
	 * over in one go: a key press or a frame due waits for the whole read, however long its messages
	 * take while the code is still cold (the read budget pauses the socket, but only the reads
	 * after). A screen wants the wait to be one message; --json wants the throughput of handing a
	 * read over at once.
	 */
	oneMessageATurn?: boolean;
	/**
	 * Frames are read and decoded on a worker thread, and the client acts on the decoded messages
	 * on this one (default false): the throughput of a second core, for --json. The frames' text
	 * stays in the worker, so no `frame` events come. Ignored with `lookup`, a function the worker
	 * cannot be handed.
	 */
	decodeOffThread?: boolean;
	/** Time for the watchdog, pings and backoff; the system's unless a test brings its own. */
	clock?: Clock;
	/**
	 * Kraken's REST base (`https://api.kraken.com`): gaps in the trades are filled from its
	 * history, and the start-up history and candles come from it. Without it, gaps are reported.
	 */
	restUrl?: string;
	/** The most recent trades per pair each tape starts with, from REST; 0 for none (default). */
	backfill?: number;
	/**
	 * Whether each pair's candles start with REST's recent ones (up to 720), the feed's held until
	 * they come, so that a chart's first picture is its history (default true). Without them the
	 * candles are the ohlc channel's own: its snapshot, then its updates.
	 */
	candleHistory?: boolean;
	/** Sent with every REST call, as Kraken asks. */
	userAgent?: string;
	/** How long and how many live trades are held while a gap is filled (30 s, 100,000). */
	holdLimits?: Partial<HoldLimits>;
	restPolicy?: Partial<RestPolicy>;
	/** How REST calls are made; Node's http and https unless a test brings its own. */
	restTransport?: RestTransport;
}>;

/** The timings a client runs with when not told otherwise. */
export type Timings = Readonly<
	Required<
		Pick<
			ClientOptions,
			'idleTimeoutMs' | 'pingIntervalMs' | 'pongTimeoutMs' | 'statusWaitMs' | 'stableAfterMs'
		>
	>
>;

/**
 * Kraken documents no idle timeout; a silent-but-open subscription has been seen (nautilus_trader
 * #4255), so 10 s without data is stale. Libraries ping every 6 to 30 s.
 */
export const defaultTimings: Timings = {
	idleTimeoutMs: 10_000,
	pingIntervalMs: 30_000,
	pongTimeoutMs: 10_000,
	statusWaitMs: 3000,
	stableAfterMs: 10_000,
};

/** The timings in `options`, each the default where not given. */
export function timingsOf(options: ClientOptions): Timings {
	const given = Object.entries(options).filter(([, value]) => value !== undefined);
	return {...defaultTimings, ...(Object.fromEntries(given) as Partial<Timings>)};
}

/** What every pair is subscribed to: trades alone, 1-minute candles, books 10 deep, unless told. */
export function subscriberSettingsOf(options: ClientOptions): SubscriberSettings {
	return {
		channels: options.channels ?? ['trade'],
		interval: options.interval ?? 1,
		depth: options.depth ?? 10,
		tradeSnapshot: options.snapshot ?? true,
	};
}

/** The REST client's options, or undefined when the options name no REST API to ask. */
export function restClientOptionsOf(
	options: ClientOptions,
	clock: Clock,
): RestClientOptions | undefined {
	return options.restUrl === undefined
		? undefined
		: {
				baseUrl: options.restUrl,
				api: options.api,
				clock,
				userAgent: options.userAgent ?? packageUserAgent(),
				...(options.restPolicy === undefined ? {} : {policy: options.restPolicy}),
				...(options.restTransport === undefined ? {} : {transport: options.restTransport}),
			};
}

/** Counts since start, for the status bar and the benchmark. */
export type ClientCounts = Readonly<{
	unrecognised: number;
	duplicates: number;
	missing: number;
	reconnects: number;
	/** Book messages that failed their checksum or content, over every pair. */
	bookFailures: number;
	/** Book subscriptions renewed to rebuild a book. */
	bookResyncs: number;
	/** Trades that came from REST: gaps filled and the history at start. */
	backfilled: number;
}>;

/** The name of the server at `url` as the user knows it: Kraken for Kraken's own hosts. */
export function sourceNameOf(url: string): string {
	const {hostname} = new URL(url);
	return hostname === 'kraken.com' || hostname.endsWith('.kraken.com') ? 'Kraken' : 'server';
}
