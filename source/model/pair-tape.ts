import {CandleSeries, type CandleHistory} from './candle-series.js';
import {PairStats, type PairStatsView} from './pair-stats.js';
import {TradeRing, type TradeHistory} from './trade-ring.js';
import type {BookHealth, BookTop, Channel, SubscriptionState, TapeMarker, Ticker} from './types.js';

/** Where one channel's subscription of a pair stands, with the exchange's words if refused. */
export type ChannelStatus = Readonly<{state: SubscriptionState; message?: string}>;

/** A pair's tape as the screen reads it: every change goes through the store. */
export type PairTape = Readonly<{
	pair: string;
	trades: TradeHistory;
	stats: PairStatsView;
	/** Marks between trades (reconnects, missed trades), oldest first, the newest few kept. */
	markers: readonly TapeMarker[];
	/** Each channel's subscription, for the channels asked for; refusals carry their words. */
	channels: Readonly<Partial<Record<Channel, ChannelStatus>>>;
	/** The latest 24-hour figures, once the ticker has sent any. */
	ticker?: Ticker;
	candles: CandleHistory;
	/** The best levels of the book as last verified; undefined until the first snapshot. */
	book?: BookTop;
	/** Whether the book can be believed, once something has been said of it. */
	bookHealth?: BookHealth;
	/** When each price shown in the book last changed its quantity or appeared (ms). */
	bookChangedAt: ReadonlyMap<number, number>;
	/** Most decimals seen in a price: v2 numbers lose trailing zeros, so the maximum stands in. */
	priceDecimals: number;
	/**
	 * The pair's lot precision: Kraken sizes every spot pair in hundred-millionths (AssetPairs
	 * `lot_decimals` 8). Not learned from trades: v2 quantities lose their trailing zeros.
	 */
	volumeDecimals: number;
	/** An alert fired for this pair and has not been dismissed. */
	isAlerted: boolean;
}>;

export type StoredTape = {-readonly [Key in keyof PairTape]: PairTape[Key]} & {
	readonly trades: TradeRing;
	readonly stats: PairStats;
	readonly candles: CandleSeries;
};

/** A pair's tape before anything has come for it. */
export function newTape(pair: string, capacity: number): StoredTape {
	return {
		pair,
		trades: new TradeRing(pair, capacity),
		stats: new PairStats(),
		markers: [],
		channels: {},
		candles: new CandleSeries(),
		bookChangedAt: new Map(),
		priceDecimals: 0,
		volumeDecimals: 8,
		isAlerted: false,
	};
}
