import type {CandleInterval, Channel} from '../model/types.js';
import type {MarketData} from './market-data.js';
import type {RestClient} from './rest/rest-client.js';
import type {SubscriptionLedger} from './subscription-ledger.js';

/** How long the feed's candles wait for REST's before the chart starts without them. */
export const candleWaitMs = 3000;

/** What to ask REST for: each pair's latest `backfill` trades (0: none), and its candles. */
export type RestHistoryWants = Readonly<{backfill: number; candles: boolean}>;

/**
 * What each pair starts with from Kraken's REST history, asked once the pair's first
 * subscription of a channel is acknowledged: its tape, its latest `backfill` trades (the feed's
 * held until they come, so they go out first); its chart, its recent candles (unless `candles` is off). Asked then, not at
 * start, so that what the exchange is (the simulator says so in its status) is known before any
 * of it is written.
 */
export class RestHistory {
	readonly #rest: RestClient;
	readonly #market: MarketData;
	readonly #ledger: SubscriptionLedger;
	readonly #wants: RestHistoryWants;
	/** `channel pair` for each whose history has been asked for. */
	readonly #started = new Set<string>();
	/** The timers that end the feed's candles' wait for REST's. */
	readonly #waits = new Set<ReturnType<typeof setTimeout>>();
	#closed = false;

	constructor(
		rest: RestClient,
		market: MarketData,
		ledger: SubscriptionLedger,
		wants: RestHistoryWants,
	) {
		this.#rest = rest;
		this.#market = market;
		this.#ledger = ledger;
		this.#wants = wants;
	}

	/** A pair's channel was acknowledged: the first time, its history is asked for. */
	acknowledged(channel: Channel, pair: string, interval: CandleInterval): void {
		const key = `${channel} ${pair}`;
		if (this.#started.has(key)) {
			return;
		}

		this.#started.add(key);
		if (channel === 'trade' && this.#wants.backfill > 0) {
			this.#market.startWithHistory(pair, this.#wants.backfill);
		} else if (channel === 'ohlc') {
			this.candles([pair], interval);
		}
	}

	/** A pair removed: added again, it starts with its history again. */
	forget(pair: string): void {
		this.#started.delete(`trade ${pair}`);
		this.#started.delete(`ohlc ${pair}`);
	}

	/**
	 * The pairs' recent candles of `interval`, for those whose candles are still wanted. The feed's
	 * candles wait for them, {@link candleWaitMs} at most: a slow REST delays the chart's live
	 * candle that long, once, and its history still comes in when it answers.
	 */
	candles(pairs: readonly string[], interval: CandleInterval): void {
		if (!this.#wants.candles) {
			return;
		}

		for (const pair of new Set(pairs)) {
			if (!this.#ledger.get('ohlc', pair)) {
				continue;
			}

			this.#market.awaitCandleHistory(pair);
			const timer = setTimeout(() => {
				this.#waits.delete(timer);
				this.#market.candleHistory(pair, []);
			}, candleWaitMs);
			this.#waits.add(timer);
			void this.#rest.candles(pair, interval).then((outcome) => {
				clearTimeout(timer);
				this.#waits.delete(timer);
				// Late or not, still history: older than any candle the feed sent.
				if (!this.#closed) {
					this.#market.candleHistory(pair, outcome.kind === 'ok' ? outcome.value : []);
				}
			});
		}
	}

	close(): void {
		this.#closed = true;
		for (const timer of this.#waits) {
			clearTimeout(timer);
		}

		this.#waits.clear();
		this.#rest.close();
	}
}
