// What the library hands its users: the --json lines' fields, with times as Dates. Kept apart
// from the model's types so that the model can change without changing the library's promise.

export type ApiVersion = 'v1' | 'v2';
export type CandleInterval = 1 | 5 | 15 | 30 | 60 | 240 | 1440 | 10_080 | 21_600;
export type BookDepth = 10 | 25 | 100 | 500 | 1000;

export type TradeEvent = Readonly<{
	/** As the API in use names it: `BTC/USD` on v2, `XBT/USD` on v1. */
	pair: string;
	side: 'buy' | 'sell';
	price: number;
	volume: number;
	time: Date;
	orderType: 'market' | 'limit';
	/** Kraken's per-pair sequence number; v2 only. */
	tradeId?: number;
	/** Present (true) for a trade that came from Kraken's REST history rather than the feed. */
	backfilled?: true;
	/** Present (true) when the data comes from kraken-tape's simulated exchange. */
	simulated?: true;
}>;

export type TickerEvent = Readonly<{
	pair: string;
	last: number;
	bid: number;
	bidQty: number;
	ask: number;
	askQty: number;
	high: number;
	low: number;
	volume: number;
	vwap: number;
	change: number;
	/** Rounded to two decimals, as the --json line. */
	changePct: number;
	time: Date;
	simulated?: true;
}>;

export type CandleEvent = Readonly<{
	pair: string;
	/** Minutes. */
	interval: number;
	start: Date;
	open: number;
	high: number;
	low: number;
	close: number;
	vwap: number;
	volume: number;
	trades: number;
	simulated?: true;
}>;

/** A verified book's best levels, `[price, quantity]`, best first. */
export type BookEvent = Readonly<{
	pair: string;
	bids: ReadonlyArray<readonly [price: number, quantity: number]>;
	asks: ReadonlyArray<readonly [price: number, quantity: number]>;
	/** Kraken's CRC32 of the best ten a side; absent from a v1 snapshot. */
	checksum?: number;
	time: Date;
	simulated?: true;
}>;

export type AlertEvent = Readonly<{
	pair: string;
	/** The rule as kraken-tape writes it: `BTC/USD>=100000`. */
	rule: string;
	price: number;
	time: Date;
	simulated?: true;
}>;

/** What happens to the connection and the data, for anyone who wants to know. */
export type FeedEvent = Readonly<
	| {
			type: 'state';
			state: 'connecting' | 'open' | 'subscribed' | 'idle' | 'stale' | 'reconnecting' | 'closed';
			/** Why, for a reconnect. */
			reason?: string;
	  }
	| {
			type: 'subscription';
			channel: 'trade' | 'ticker' | 'ohlc' | 'book';
			pair: string;
			state: 'pending' | 'subscribed' | 'error' | 'unsubscribed';
			/** Kraken's own words, for an error. */
			message?: string;
	  }
	/** Trades missed for good: not filled from REST. */
	| {type: 'gap'; pair: string; afterTradeId: number; missing: number}
	/** A pair's book failed its check (and is being rebuilt), or was rebuilt. */
	| {type: 'resync'; pair: string; state: 'stale' | 'synced'; reason?: string}
	/** Trades from REST history went out in their place (a gap filled, or the start's history). */
	| {type: 'backfill'; pair: string; count: number}
	/** The exchange numbers a pair's trades afresh. */
	| {type: 'renumbered'; pair: string; firstTradeId: number}
	/** Anything else the server said that is not about one subscription. */
	| {type: 'notice'; message: string}
>;

export type WatchOptions = Readonly<{
	/** Kraken's WebSocket API version; v2 by default, or as `url`'s path says. */
	api?: ApiVersion;
	/** The feed; Kraken's own by default. */
	url?: string;
	/** Kraken's REST API, for history and gaps; by default api.kraken.com, or `url`'s host. */
	restUrl?: string;
	/** Book levels a side (watchBook). */
	depth?: BookDepth;
	/** Candle minutes (watchCandles). */
	interval?: CandleInterval;
	/** Aborting it closes the connection and every timer; the loop ends. */
	signal?: AbortSignal;
	/** Connection events, typed; faults are events here, never throws. */
	onEvent?: (event: FeedEvent) => void;
}>;
