import type {OrderType, Side} from '../model/types.js';

/*
 * What the simulated exchange's parts hand each other: trades as the exchange holds them, their
 * minutes and summaries, and the book's best prices. Kept apart from the modules that make them,
 * so that a source, the history and the book can each name the others' data without importing
 * one another.
 */

/** A trade as the simulated exchange holds it: Kraken's wire wants microseconds and an id. */
export type ExchangeTrade = Readonly<{
	side: Side;
	price: number;
	volume: number;
	orderType: OrderType;
	/** Microseconds since the epoch. */
	timeMicros: number;
	tradeId: number;
}>;

/** One minute of a pair's trades; minutes without trades have none. */
export type MinuteCandle = Readonly<{
	/** Milliseconds since the epoch, on the minute. */
	start: number;
	open: number;
	high: number;
	low: number;
	close: number;
	volume: number;
	/** Price times volume, summed, for the VWAP. */
	notional: number;
	trades: number;
	/** Microseconds since the epoch of the last trade in it. */
	lastMicros: number;
}>;

/**
 * Trades of any length of time, summed: a candle of `interval` minutes, or a day's figures. A
 * minute's figures with the VWAP worked out from the notional.
 */
export type Summary = Readonly<Omit<MinuteCandle, 'notional'> & {vwap: number}>;

/** Best bid and ask, with the quantity at each. */
export type Quote = Readonly<{bid: number; bidQty: number; ask: number; askQty: number}>;
