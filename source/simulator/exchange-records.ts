import type {ExchangeBooks} from './exchange-books.js';
import type {ListedPair} from './pair-catalog.js';
import {PairHistory} from './pair-history.js';
import {TradeLog} from './rest/trade-log.js';
import type {ExchangeTrade} from './market-types.js';
import {tradesSoFar, type TradeSource} from './trade-source.js';

/**
 * What the exchange keeps of each pair's trades: its history (the ticker's and the candles'
 * figures, pair-history.ts) and its trade log (REST's Trades, rest/trade-log.ts), both made of
 * the trades the source made before the exchange opened and every trade the exchange sent since.
 */
export type ExchangeRecords = Readonly<{
	history(pair: ListedPair): PairHistory;
	trades(pair: ListedPair): TradeLog;
	/** Trades the exchange sent. */
	record(pair: ListedPair, trades: readonly ExchangeTrade[]): void;
}>;

/** Trades a pair logs before its history is made anyway: well inside the log's bound. */
const tradesBeforeHistory = 50_000;

/**
 * A pair's history is made the first time it is asked for (a ticker or candle subscription, a
 * REST call), from its trade log: a pair no one looks at costs a few stores per trade, and the
 * simulated market's past (a day of minutes, a thousand trades) is made only for pairs in use.
 */
export function exchangeRecords(source: TradeSource, books: ExchangeBooks): ExchangeRecords {
	const logs = new Map<ListedPair, TradeLog>(
		source.pairs.map((pair) => [pair, new TradeLog(tradesSoFar(source, pair))]),
	);
	const histories = new Map<ListedPair, PairHistory>();
	const unrecorded = new Map<ListedPair, number>();

	function history(pair: ListedPair): PairHistory {
		const log = logs.get(pair);
		let made = histories.get(pair);
		if (!made && log) {
			made = new PairHistory(pair, source.pastMinutes?.(pair) ?? [], books.publisher(pair)?.book);
			made.add(log.slice(0, log.size));
			histories.set(pair, made);
		}

		return made ?? new PairHistory(pair);
	}

	return {
		history,
		trades: (pair) => logs.get(pair) ?? new TradeLog(),
		record(pair, trades) {
			logs.get(pair)?.append(trades);
			const made = histories.get(pair);
			if (made) {
				made.add(trades);
				return;
			}

			const count = (unrecorded.get(pair) ?? 0) + trades.length;
			unrecorded.set(pair, count);
			if (count >= tradesBeforeHistory) {
				history(pair);
			}
		},
	};
}
