import type {ListedPair} from '../../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import type {TradeSource} from '../../source/simulator/trade-source.js';

/** The most recent trades the market holds before it starts: a v2 snapshot's worth. */
const warmUpTrades = 50;

/**
 * Every trade the exchange makes, per pair (by v2 symbol), in the order made: the trades it made
 * before it opened (its invented past, which REST's history begins with, then its warm-up; read
 * before trading starts), then each trade as the market makes it. Read in the exchange's process,
 * so no fault between it and the client can touch it.
 */
export class ExchangeRecord {
	readonly #trades = new Map<string, ExchangeTrade[]>();
	readonly #stop: () => void;

	/** Call before anything subscribes: the market trades from its first subscription on. */
	constructor(source: TradeSource) {
		for (const pair of source.pairs) {
			const past = source.pastTrades?.(pair) ?? [];
			const lastPastId = past.at(-1)?.tradeId ?? Number.NEGATIVE_INFINITY;
			const warmUp = source
				.recent(pair, warmUpTrades)
				.filter((trade) => trade.tradeId > lastPastId);
			this.#trades.set(pair.symbol, [...past, ...warmUp]);
		}

		this.#stop = source.onTrades((pair: ListedPair, trades) => {
			this.#trades.get(pair.symbol)?.push(...trades);
		});
	}

	/** A pair's trades, oldest first. */
	tradesOf(symbol: string): readonly ExchangeTrade[] {
		return this.#trades.get(symbol) ?? [];
	}

	get total(): number {
		let total = 0;
		for (const trades of this.#trades.values()) {
			total += trades.length;
		}

		return total;
	}

	stop(): void {
		this.#stop();
	}
}
