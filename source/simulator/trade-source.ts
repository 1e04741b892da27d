import type {OrderType, Side} from '../model/types.js';
import type {ListedPair} from './pair-catalog.js';
import type {MinuteCandle} from './pair-history.js';
import type {SimulatedBook} from './simulated-book.js';

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

export type TradesListener = (pair: ListedPair, trades: readonly ExchangeTrade[]) => void;

/** Where the exchange's trades come from: the simulated market or a replayed recording. */
export type TradeSource = Readonly<{
	pairs: readonly ListedPair[];
	/** Label for the server's log line. */
	description: string;
	onTrades(listener: TradesListener): () => void;
	/** The most recent trades of a pair, oldest first, for v2 snapshots. */
	recent(pair: ListedPair, count: number): readonly ExchangeTrade[];
	/** Starts trading; called on every subscription, so it must be idempotent. */
	start(): void;
	stop(): void;
	/** The minutes before the first trade, where the source has any (the simulated market does). */
	pastMinutes?(pair: ListedPair): readonly MinuteCandle[];
	/** A source that runs out (a replay) calls `listener` once its last trade is out. */
	onFinished?(listener: (tradesSent: number) => void): void;
	/**
	 * The book a pair's trades are made against, where the source keeps one (the simulated
	 * market does); the exchange keeps one of its own that follows the trades otherwise.
	 */
	book?(pair: ListedPair): SimulatedBook | undefined;
	/** Calls `listener` each time a pair's book moved between trades (not for trades' own changes). */
	onBookMoved?(listener: (pair: ListedPair) => void): () => void;
}>;
