import type {Feed} from './feed.js';
import type {BackfillNews, SubscriptionChange} from './kraken/client-events.js';
import {sanitize} from './model/sanitize.js';
import type {TradeGap, TradeRenumbering} from './model/trade-deduplicator.js';
import type {
	BookHealth,
	BookTop,
	Candle,
	ConnectionState,
	SystemStatus,
	Ticker,
	Trade,
	TradeOrigin,
} from './model/types.js';

/**
 * What a mode does with the feed's events. Every string in them that came from the network is
 * sanitised already, with the same limits for every mode: the screen and --json both bind here.
 */
export type FeedListener = Readonly<{
	trades(trades: readonly Trade[], origin: TradeOrigin): void;
	ticker?(ticker: Ticker): void;
	candles?(candles: readonly Candle[], isSnapshot: boolean): void;
	book?(top: BookTop): void;
	bookHealth?(health: BookHealth): void;
	frame?(receivedAt: number): void;
	state?(state: ConnectionState): void;
	status?(status: SystemStatus, source: string, isSimulated: boolean): void;
	subscription?(change: SubscriptionChange): void;
	/** The server's words that are not about one subscription. */
	notice?(message: string): void;
	recordingStopped?(message: string): void;
	gap?(gap: TradeGap): void;
	backfill?(news: BackfillNews): void;
	renumbered?(renumbering: TradeRenumbering): void;
	unrecognised?(reason: string, count: number): void;
}>;

/** A status word from the network is short; anything longer is not a status. */
const statusLength = 40;

/** Binds `listener` to every event of `feed`; nothing else listens to the client for a mode. */
export function bindFeed(feed: Feed, listener: FeedListener): void {
	const {client} = feed;
	client.on('trades', (trades, origin) => listener.trades(trades, origin));
	client.on('ticker', (ticker) => listener.ticker?.(ticker));
	client.on('candles', (candles, isSnapshot) => listener.candles?.(candles, isSnapshot));
	client.on('book', (top) => listener.book?.(top));
	// A reason can quote the frame that failed.
	client.on('bookHealth', (health) =>
		listener.bookHealth?.(
			health.reason === undefined ? health : {...health, reason: sanitize(health.reason)},
		),
	);
	client.on('frame', (_text, receivedAt) => listener.frame?.(receivedAt));
	client.on('state', (state) =>
		listener.state?.(
			state.kind === 'reconnecting' ? {...state, reason: sanitize(state.reason)} : state,
		),
	);
	client.on('status', (status) =>
		listener.status?.(sanitize(status.status, statusLength), client.sourceName, status.isSimulated),
	);
	client.on('subscription', (change) =>
		listener.subscription?.(
			change.message === undefined ? change : {...change, message: sanitize(change.message)},
		),
	);
	client.on('notice', (message) => listener.notice?.(sanitize(message)));
	client.on('gap', (gap) => listener.gap?.(gap));
	// A failed call's reason can quote the server's words.
	client.on('backfill', (news) =>
		listener.backfill?.(news.kind === 'failed' ? {...news, reason: sanitize(news.reason)} : news),
	);
	client.on('renumbered', (renumbering) => listener.renumbered?.(renumbering));
	client.on('unrecognised', (reason, count) => listener.unrecognised?.(sanitize(reason), count));
	feed.events.on('recordingStopped', (message) => listener.recordingStopped?.(sanitize(message)));
}
