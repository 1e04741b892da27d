import type {Trade, TradeOrigin} from '../../model/types.js';
import {
	Deliveries,
	nanosecondsOf,
	type Delivery,
	type HoldLimits,
	type PageRequest,
	type PageVerdict,
} from './sequencer.js';

type Held = {trade: Trade; origin: TradeOrigin};

type PairSequence = {
	/** Time of the newest trade out (ms); undefined before the first. */
	lastTime: number | undefined;
	/** How many trades of each signature went out at `lastTime`. */
	atLastTime: Map<string, number>;
	held: Held[];
	holdingSince: number | undefined;
	filled: number;
};

export type TimeSequencerHooks = Readonly<{
	fetch(request: PageRequest): void;
	filled(pair: string, count: number): void;
}>;

const signatureOf = (trade: Trade) => `${trade.price}|${trade.volume}|${trade.side}`;

/** Takes one count of `key` from `counts`, if there is one. */
function take(counts: Map<string, number>, key: string): boolean {
	const count = counts.get(key) ?? 0;
	if (count === 0) {
		return false;
	}

	counts.set(key, count - 1);
	return true;
}

/**
 * v1's best effort (docs/reliability.md): v1 trades carry no id, so after a resubscription a
 * REST page from the last trade's time is matched to what was seen by time (to the millisecond),
 * price, volume and side. Live trades are held meanwhile (bounded as on v2); REST rows after the
 * last trade seen and before the first held one go out first, marked as backfilled, rows that
 * match a held trade are the held trade's. Two trades alike in all four at one millisecond cannot
 * be told apart: they are counted, not identified.
 */
export class TimeSequencer {
	readonly #hooks: TimeSequencerHooks;
	readonly #limits: HoldLimits;
	readonly #pairs = new Map<string, PairSequence>();

	constructor(hooks: TimeSequencerHooks, limits: HoldLimits) {
		this.#hooks = hooks;
		this.#limits = limits;
	}

	awaitHistory(pair: string, count: number, now: number): void {
		this.#sequence(pair).holdingSince ??= now;
		this.#hooks.fetch({pair, count});
	}

	/** The pair was subscribed again after a drop: what it missed is asked of REST. */
	resubscribed(pair: string, now: number): void {
		const sequence = this.#pairs.get(pair);
		if (sequence?.lastTime !== undefined && sequence.holdingSince === undefined) {
			sequence.holdingSince = now;
			sequence.filled = 0;
			this.#hooks.fetch({pair, since: nanosecondsOf(sequence.lastTime), count: 1000});
		}
	}

	forget(pair: string): void {
		this.#pairs.delete(pair);
	}

	isHolding(pair: string): boolean {
		return this.#pairs.get(pair)?.holdingSince !== undefined;
	}

	accept(trades: readonly Trade[], origin: TradeOrigin, now: number): Delivery[] {
		const deliveries = new Deliveries();
		for (const trade of trades) {
			const sequence = this.#sequence(trade.pair);
			if (sequence.holdingSince === undefined) {
				this.#out(sequence, trade, origin, deliveries);
			} else {
				sequence.held.push({trade, origin});
			}
		}

		this.expire(now, deliveries);
		return deliveries.list;
	}

	page(
		pair: string,
		page: Readonly<{trades: readonly Trade[]; last: string; isFull: boolean}>,
		deliveries: Deliveries,
	): PageVerdict {
		const sequence = this.#pairs.get(pair);
		if (!sequence || sequence.holdingSince === undefined) {
			return {kind: 'done'};
		}

		const firstHeldTime = sequence.held[0]?.trade.time ?? Number.POSITIVE_INFINITY;
		const heldCounts = new Map<string, number>();
		for (const {trade} of sequence.held) {
			const key = `${trade.time}|${signatureOf(trade)}`;
			heldCounts.set(key, (heldCounts.get(key) ?? 0) + 1);
		}

		// What was out before this page: rows alike at one millisecond are distinct trades.
		const last = sequence.lastTime ?? Number.NEGATIVE_INFINITY;
		const seenAtLast = new Map(sequence.atLastTime);
		let newest = Number.NEGATIVE_INFINITY;
		for (const trade of page.trades) {
			newest = trade.time;
			const isSeen =
				trade.time < last || (trade.time === last && take(seenAtLast, signatureOf(trade)));
			const isHeld = take(heldCounts, `${trade.time}|${signatureOf(trade)}`);
			if (!isSeen && !isHeld && trade.time <= firstHeldTime) {
				this.#out(sequence, trade, 'history', deliveries);
				sequence.filled++;
			}
		}

		if (page.isFull && newest < firstHeldTime) {
			return {kind: 'more', request: {pair, since: page.last, count: 1000}};
		}

		this.#release(sequence, pair, deliveries);
		return {kind: 'done'};
	}

	/** The start's history cannot be had: what is held goes out. */
	abandonHistory(pair: string, deliveries: Deliveries): void {
		const sequence = this.#pairs.get(pair);
		if (sequence?.holdingSince !== undefined) {
			this.#release(sequence, pair, deliveries);
		}
	}

	/** Everything held goes out now: the feed is closing. */
	releaseAll(deliveries: Deliveries): void {
		for (const [pair, sequence] of this.#pairs) {
			if (sequence.holdingSince !== undefined) {
				this.#release(sequence, pair, deliveries);
			}
		}
	}

	expire(now: number, deliveries: Deliveries): void {
		for (const [pair, sequence] of this.#pairs) {
			const since = sequence.holdingSince;
			if (
				since !== undefined &&
				(now - since >= this.#limits.holdMs || sequence.held.length >= this.#limits.holdCount)
			) {
				this.#release(sequence, pair, deliveries);
			}
		}
	}

	#sequence(pair: string): PairSequence {
		let sequence = this.#pairs.get(pair);
		if (!sequence) {
			sequence = {
				lastTime: undefined,
				atLastTime: new Map(),
				held: [],
				holdingSince: undefined,
				filled: 0,
			};
			this.#pairs.set(pair, sequence);
		}

		return sequence;
	}

	#out(sequence: PairSequence, trade: Trade, origin: TradeOrigin, deliveries: Deliveries): void {
		deliveries.add(trade, origin);
		if (sequence.lastTime === undefined || trade.time > sequence.lastTime) {
			sequence.lastTime = trade.time;
			sequence.atLastTime.clear();
		}

		if (trade.time === sequence.lastTime) {
			const signature = signatureOf(trade);
			sequence.atLastTime.set(signature, (sequence.atLastTime.get(signature) ?? 0) + 1);
		}
	}

	#release(sequence: PairSequence, pair: string, deliveries: Deliveries): void {
		for (const {trade, origin} of sequence.held) {
			this.#out(sequence, trade, origin, deliveries);
		}

		sequence.held = [];
		sequence.holdingSince = undefined;
		if (sequence.filled > 0) {
			this.#hooks.filled(pair, sequence.filled);
		}

		sequence.filled = 0;
	}
}
