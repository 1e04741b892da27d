import {CandleSeries, type CandleHistory} from './candle-series.js';
import {decimalPlaces} from './format.js';
import {PairStats, type PairStatsView} from './pair-stats.js';
import {TradeRing, type TradeHistory} from './trade-ring.js';
import type {
	BookHealth,
	BookLevel,
	BookTop,
	Candle,
	Channel,
	SubscriptionState,
	TapeMarker,
	Ticker,
	Trade,
} from './types.js';

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

/*
 * How each change lands in one pair's tape. The store finds the tape, calls one of these and
 * counts the change; they know nothing of versions or listeners.
 */

/** Marks kept per pair; older ones have long scrolled out of any history worth keeping. */
const maximumMarkers = 100;

/** Widens a pair's price decimals to a price's, up to eight. */
function learnDecimals(tape: StoredTape, price: number): void {
	// Most prices have no more decimals than those before them, and a multiplication tells that
	// without writing the number out, which a burst of trades would otherwise do for every trade.
	if (tape.priceDecimals < 8 && !Number.isInteger(price * 10 ** tape.priceDecimals)) {
		tape.priceDecimals = Math.min(8, Math.max(tape.priceDecimals, decimalPlaces(price)));
	}
}

export function addTrade(tape: StoredTape, trade: Trade): void {
	tape.trades.push(trade);
	tape.stats.add(trade);
	learnDecimals(tape, trade.price);
}

/** Empties the tape's trades, statistics, marks and candles. */
export function clearTape(tape: StoredTape): void {
	tape.trades.clear();
	tape.stats.clear();
	tape.markers = [];
	tape.candles.clear();
}

/** Marks the tape after its latest trade: `text` shows between the trades either side. */
export function addMarker(tape: StoredTape, text: string, time: number): void {
	const marker = {position: tape.trades.pushed, time, text};
	tape.markers = [...tape.markers.slice(1 - maximumMarkers), marker];
}

export function setTicker(tape: StoredTape, ticker: Ticker): void {
	tape.ticker = ticker;
	// Prices of the book and of trades, so a ticker before any trade shows its digits; not the
	// VWAP, which is an average with as many decimals as it likes.
	for (const price of [ticker.last, ticker.bid, ticker.ask, ticker.high, ticker.low]) {
		learnDecimals(tape, price);
	}
}

/**
 * The book as last verified. The prices whose quantity changed (or that are new) are noted with
 * `at`, for the ladder to mark them a moment; the first book marks none.
 */
export function setBook(tape: StoredTape, top: BookTop, at: number): void {
	const before = new Map<number, number>();
	for (const [price, quantity] of [...(tape.book?.asks ?? []), ...(tape.book?.bids ?? [])]) {
		before.set(price, quantity);
	}

	const changedAt = new Map<number, number>();
	const note = (levels: readonly BookLevel[]) => {
		for (const [price, quantity] of levels) {
			const previous = before.get(price);
			const isChanged = tape.book !== undefined && previous !== quantity;
			const since = isChanged ? at : tape.bookChangedAt.get(price);
			if (since !== undefined) {
				changedAt.set(price, since);
			}

			learnDecimals(tape, price);
		}
	};

	note(top.asks);
	note(top.bids);
	tape.book = top;
	tape.bookChangedAt = changedAt;
}

/** A candle of the interval shown: a new one, or the one in progress again. */
export function addCandle(tape: StoredTape, candle: Candle): void {
	tape.candles.upsert(candle);
	for (const price of [candle.open, candle.high, candle.low, candle.close]) {
		learnDecimals(tape, price);
	}
}
