import {
	TradeDeduplicator,
	type TradeGap,
	type TradeRenumbering,
} from '../model/trade-deduplicator.js';
import type {Trade, TradeOrigin} from '../model/types.js';
import type {Subscription} from './subscription-ledger.js';

/** v1 trades stamped more than this before their subscription's ack are history, not live. */
const historyMarginMs = 2000;

export type IntakeResult = Readonly<{
	fresh: readonly Trade[];
	origin: TradeOrigin;
	duplicates: number;
	gaps: readonly TradeGap[];
	renumbered: readonly TradeRenumbering[];
}>;

/**
 * What becomes of the trades in a frame before anyone hears of them: repeats dropped, gaps and
 * new numberings found (see TradeDeduplicator), and whether they are history or live.
 */
export class TradeIntake {
	readonly #deduplicator = new TradeDeduplicator();

	/** A pair subscribed again on a new connection: its first trades may repeat ones seen. */
	resubscribed(pair: string): void {
		this.#deduplicator.beginReplay(pair);
	}

	forget(pair: string): void {
		this.#deduplicator.forget(pair);
	}

	/**
	 * `subscriptionOf` says whether a pair is still wanted (late trades of a pair just removed
	 * are dropped) and when its subscription was acknowledged: v1 frames do not say whether they
	 * are history, and trades stamped well before the ack are. The margin allows for the two
	 * clocks disagreeing. A v2 snapshot is always history.
	 */
	accept(
		trades: readonly Trade[],
		isSnapshot: boolean,
		subscriptionOf: (pair: string) => Subscription | undefined,
	): IntakeResult {
		const isWanted = (trade: Trade) => subscriptionOf(trade.pair) !== undefined;
		const wanted = trades.every(isWanted) ? trades : trades.filter(isWanted);
		let newest = Number.NEGATIVE_INFINITY;
		for (const trade of wanted) {
			newest = Math.max(newest, trade.time);
		}

		const acknowledgedAt = subscriptionOf(wanted[0]?.pair ?? '')?.acknowledgedAt;
		const isHistory =
			isSnapshot || (acknowledgedAt !== undefined && newest < acknowledgedAt - historyMarginMs);
		const {fresh, duplicates, gaps, renumbered} = this.#deduplicator.accept(wanted);
		return {fresh, origin: isHistory ? 'history' : 'live', duplicates, gaps, renumbered};
	}
}
