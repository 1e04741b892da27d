/** Which generation of Kraken's public WebSocket API a connection speaks. */
export type ApiVersion = 'v1' | 'v2';

/**
 * A kind of market data Kraken streams, by its channel name on both APIs: trades, the 24-hour
 * ticker, candles (`ohlc`) and the order book. A subscription is one channel for one pair.
 */
export type Channel = 'trade' | 'ticker' | 'ohlc' | 'book';

/** Candle lengths Kraken offers, in minutes: a minute to fifteen days. */
export const candleIntervals = [1, 5, 15, 30, 60, 240, 1440, 10_080, 21_600] as const;

export type CandleInterval = (typeof candleIntervals)[number];

/** Order book depths Kraken offers: levels a side. */
export const bookDepths = [10, 25, 100, 500, 1000] as const;

export type BookDepth = (typeof bookDepths)[number];

/**
 * What a channel's subscription asks for beyond the pair: the v2 snapshot, the candles' interval,
 * the book's depth.
 */
export type ChannelParams = Readonly<{
	snapshot?: boolean;
	interval?: CandleInterval;
	depth?: BookDepth;
}>;

/**
 * A pair's 24-hour figures and best prices, as the ticker channel sends them on both APIs. Every
 * figure is over the last 24 hours (on v1 the `[today, last 24 hours]` pairs give their second).
 */
export type Ticker = Readonly<{
	pair: string;
	last: number;
	bid: number;
	bidQty: number;
	ask: number;
	askQty: number;
	high: number;
	low: number;
	/** In the base currency. */
	volume: number;
	vwap: number;
	/** Against the price 24 hours ago, in the quote currency. */
	change: number;
	/** `change` in percent of the price 24 hours ago. */
	changePct: number;
	/** The exchange's time of the figures where it says, else when they were received (ms). */
	time: number;
}>;

/** One candle: a pair's trades over one interval. Minutes without trades have none. */
export type Candle = Readonly<{
	pair: string;
	/** Minutes. */
	interval: number;
	/** When the interval began, milliseconds since the epoch, UTC. */
	start: number;
	open: number;
	high: number;
	low: number;
	close: number;
	vwap: number;
	volume: number;
	trades: number;
}>;

/** One level of a book: its price and the quantity resting there, in the base currency. */
export type BookLevel = readonly [price: number, quantity: number];

/**
 * The best levels of a pair's book after a message was applied and its checksum verified (or,
 * on v1, a snapshot, which carries none), best first on each side.
 */
export type BookTop = Readonly<{
	pair: string;
	bids: readonly BookLevel[];
	asks: readonly BookLevel[];
	/** Kraken's CRC32 of the top ten levels a side; absent from a v1 snapshot. */
	checksum?: number;
	/** The exchange's time of the last change where it says, else when it was received (ms). */
	time: number;
	/** Levels a side subscribed. */
	depth: BookDepth;
}>;

/**
 * Whether a pair's book can be believed: `synced` from a snapshot until a message fails its
 * check, `stale` from then until a new snapshot has rebuilt it. Failures and resyncs count up
 * over the whole run.
 */
export type BookHealth = Readonly<{
	pair: string;
	state: 'synced' | 'stale';
	/** Messages whose checksum or content failed. */
	failures: number;
	/** Times the book was subscribed afresh to rebuild it. */
	resyncs: number;
	/** Why it went stale, in words, while it is. */
	reason?: string;
}>;

/** The taker's side of a trade. */
export type Side = 'buy' | 'sell';

/** The taker's order type. */
export type OrderType = 'market' | 'limit';

/** One executed trade, as the rest of the program sees it: no wire names past kraken/. */
export type Trade = Readonly<{
	/** The pair as the exchange names it on the API in use (`XBT/USD` on v1, `BTC/USD` on v2). */
	pair: string;
	side: Side;
	price: number;
	volume: number;
	/** Milliseconds since the epoch, UTC. */
	time: number;
	orderType: OrderType;
	/** Kraken's per-book sequence number; only v2 sends one. */
	tradeId?: number;
	/** Came from Kraken's REST trade history (a gap filled, or the history at start), not the feed. */
	isBackfilled?: true;
}>;

/**
 * A row of the tape that is not a trade: where the feed was interrupted or changed, kept in its
 * place between the trades either side.
 */
export type TapeMarker = Readonly<{
	/** The tape's count of trades ever pushed when the mark was made: it sits above that many. */
	position: number;
	/** When it happened, milliseconds since the epoch. */
	time: number;
	text: string;
}>;

/**
 * Where a batch of trades comes from. `history` trades happened before the subscription (a v2
 * snapshot, or v1 trades stamped before it was acknowledged): they fill the tape but alerts
 * judge only `live` ones, so nobody acts on a price that is gone.
 */
export type TradeOrigin = 'history' | 'live';

/** What a backfill from Kraken's REST history is doing for a pair. */
export type BackfillNews = Readonly<
	| {pair: string; kind: 'filling'}
	/**
	 * The pair's trades flow again, with `count` from REST out in their place (a gap filled, or
	 * the history at start); none where REST had nothing or did not answer.
	 */
	| {pair: string; kind: 'filled'; count: number}
	/** A REST call failed; tried again while the pair's trades are held. */
	| {pair: string; kind: 'failed'; reason: string}
>;

/**
 * Kraken's engine status. `online` is the only state in which trades happen; the others are
 * listed in Kraken's docs, and anything unknown is kept as text and treated as not online.
 */
export type SystemStatus = 'online' | 'maintenance' | 'cancel_only' | 'post_only' | (string & {});

/** Where the connection is in its life. */
export type ConnectionState =
	| Readonly<{kind: 'connecting'; attempt: number}>
	| Readonly<{kind: 'open'}>
	| Readonly<{kind: 'subscribed'}>
	/** Open, with nothing subscribed: every pair removed or refused. Not stale: nothing is due. */
	| Readonly<{kind: 'idle'}>
	| Readonly<{kind: 'stale'; silentForMs: number}>
	| Readonly<{kind: 'reconnecting'; delayMs: number; attempt: number; reason: string}>
	| Readonly<{kind: 'closed'}>;

/** Where one pair's subscription stands on the current connection. */
export type SubscriptionState = 'pending' | 'subscribed' | 'error' | 'unsubscribed';

/** A price level to watch, parsed from `--alert 'XBT/USD>=100000'`. */
export type AlertOperator = '>=' | '<=' | '>' | '<';

export type AlertRule = Readonly<{
	pair: string;
	operator: AlertOperator;
	level: number;
	/** The rule as written back to the user, with the pair in the API's naming. */
	text: string;
	/** A command for the user's shell to run each time the rule fires (--on-alert, or the config's). */
	run?: string;
}>;

export type AlertEvent = Readonly<{
	rule: AlertRule;
	price: number;
	time: number;
}>;

/** What keys on the screen can ask of the feed and the store. */
export type TapeCommands = Readonly<{
	/** Parses typed text into a pair in the API's naming, or says why it is not one. */
	parsePair(
		text: string,
	): Readonly<{ok: true; pair: string}> | Readonly<{ok: false; message: string}>;
	addPair(pair: string): void;
	removePair(pair: string): void;
	clearPair(pair: string): void;
	dismissAlerts(): void;
	/** Connects again at once, skipping a reconnect's wait. */
	reconnect(): void;
	/** Candles of the next longer (1) or shorter (-1) interval, wrapping round the list. */
	stepCandleInterval(step: 1 | -1): void;
}>;
