import type {ExchangeTrade, MinuteCandle} from './market-types.js';
import type {ListedPair} from './pair-catalog.js';
import type {SimulatedBook} from './simulated-book.js';

// bench/ and test/chaos/ read it from here.

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
	/**
	 * The minutes before the source's first trade (the first of `pastTrades`, where it has those),
	 * where it has any: the simulated market invents a day.
	 */
	pastMinutes?(pair: ListedPair): readonly MinuteCandle[];
	/**
	 * Every trade made before the source started, oldest first, where it has any: the simulated
	 * market's warm-up (a thousand and more a pair), which REST's trade history begins with.
	 */
	pastTrades?(pair: ListedPair): readonly ExchangeTrade[];
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

/**
 * A pair's trades up to now, oldest first: the source's past, then the recent ones made since
 * (none unless it started before being asked). The recent ones are taken now; the past, which the
 * simulated market makes only when asked, when the returned function is first called.
 */
export function tradesSoFar(source: TradeSource, pair: ListedPair): () => readonly ExchangeTrade[] {
	const recent = source.recent(pair, 50);
	let trades: readonly ExchangeTrade[] | undefined;
	return () => {
		if (trades === undefined) {
			const past = source.pastTrades?.(pair) ?? [];
			const lastId = past.at(-1)?.tradeId ?? Number.NEGATIVE_INFINITY;
			const since = recent.filter((trade) => trade.tradeId > lastId);
			trades = since.length === 0 ? past : [...past, ...since];
		}

		return trades;
	};
}
