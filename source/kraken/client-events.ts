// What a KrakenClient tells its listeners, apart from the client itself, so that the simulator
// (which marks its status frames for the client to recognise) does not depend on the client.
export type {BackfillNews} from '../model/types.js';
import type {TradeGap, TradeRenumbering} from '../model/trade-deduplicator.js';
import type {
	BackfillNews,
	BookHealth,
	BookTop,
	Candle,
	Channel,
	ConnectionState,
	SubscriptionState,
	SystemStatus,
	Ticker,
	Trade,
	TradeOrigin,
} from '../model/types.js';

export type SubscriptionChange = Readonly<{
	channel: Channel;
	pair: string;
	state: SubscriptionState;
	/** Kraken's own words, for errors. */
	message?: string;
}>;

export type StatusChange = Readonly<{
	status: SystemStatus;
	version?: string;
	connectionId?: string;
	/** The server says it is kraken-tape's simulated exchange, not Kraken. */
	isSimulated: boolean;
}>;

export type ClientEvents = {
	trades: [trades: readonly Trade[], origin: TradeOrigin];
	/** A pair's 24-hour figures, from the first (the snapshot) on. */
	ticker: [ticker: Ticker];
	/** Candles of the wanted interval: a snapshot's several, or the one in progress again. */
	candles: [candles: readonly Candle[], isSnapshot: boolean];
	/**
	 * A pair's verified book, best levels first: once an event-loop turn, as the turn's last
	 * message left it.
	 */
	book: [top: BookTop];
	/** A pair's book went stale (with why) or was rebuilt. */
	bookHealth: [health: BookHealth];
	state: [state: ConnectionState];
	status: [status: StatusChange];
	subscription: [change: SubscriptionChange];
	unrecognised: [reason: string, count: number];
	notice: [message: string];
	/** Trades missed for good: not filled from REST (or no REST to ask). */
	gap: [gap: TradeGap];
	backfill: [news: BackfillNews];
	/** The exchange numbers a pair's trades afresh; the pair starts over from the new numbering. */
	renumbered: [renumbering: TradeRenumbering];
	/** Every frame as received, for --record; none with ClientOptions.decodeOffThread. */
	frame: [text: string, receivedAt: number, isBinary: boolean];
};

/** Marks the simulator's status `version`, so a client pointed at it by URL still knows. */
export const simulatedVersionMark = 'kraken-tape-simulator';
