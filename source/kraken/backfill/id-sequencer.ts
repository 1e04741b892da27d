import type {Trade, TradeOrigin} from '../../model/types.js';
import {
	Deliveries,
	nanosecondsOf,
	type Delivery,
	type Hole,
	type HoldLimits,
	type PageRequest,
	type PageVerdict,
} from './sequencer.js';

type Held = {trade: Trade; origin: TradeOrigin};

type PairSequence = {
	/** The trade id due next; undefined before the first trade (or after a new numbering). */
	next: number | undefined;
	/** Time of the last trade out, where a REST page for what follows starts. */
	lastTime: number;
	/** Trades after a hole, by id, waiting for REST to fill it. */
	held: Held[];
	/** When holding began; undefined while trades flow. */
	holdingSince: number | undefined;
	/** Waiting for the start-up history: everything is held until it comes. */
	isAwaitingHistory: boolean;
	/** Trades filled from REST since holding began. */
	filled: number;
};

export type IdSequencerHooks = Readonly<{
	/** A hole opened (or the start-up history is wanted): ask REST for this page. */
	fetch(request: PageRequest): void;
	/** Trades filled from REST, once a hole is closed. */
	filled(pair: string, count: number): void;
	/** Trades that will never come: REST had none of them, or holding ran out of time or room. */
	hole(hole: Hole): void;
}>;

/**
 * v2 trades out in strictly increasing trade id per pair, with every gap filled from REST. A
 * trade past the one due opens a hole: it and every trade after it are held (by id) while REST
 * pages fill the hole, then go out after the trades they follow. Holding is bounded
 * (HoldLimits): past it, what is held goes out and the hole is reported once. Repeats were
 * dropped before (TradeDeduplicator); anything at or below the id due is dropped here too.
 */
export class IdSequencer {
	readonly #hooks: IdSequencerHooks;
	readonly #limits: HoldLimits;
	readonly #pairs = new Map<string, PairSequence>();

	constructor(hooks: IdSequencerHooks, limits: HoldLimits) {
		this.#hooks = hooks;
		this.#limits = limits;
	}

	/** Holds the pair's trades until its `count` most recent trades have come from REST. */
	awaitHistory(pair: string, count: number, now: number): void {
		const sequence = this.#sequence(pair);
		sequence.isAwaitingHistory = true;
		sequence.holdingSince ??= now;
		this.#hooks.fetch({pair, count});
	}

	/** The pair's numbering started afresh: what is held goes out, and the new one starts here. */
	renumbered(pair: string, deliveries: Deliveries): void {
		const sequence = this.#pairs.get(pair);
		if (sequence) {
			this.#release(sequence, pair, deliveries, false);
			sequence.next = undefined;
		}
	}

	forget(pair: string): void {
		this.#pairs.delete(pair);
	}

	/** Whether the pair's trades are being held for REST. */
	isHolding(pair: string): boolean {
		return this.#pairs.get(pair)?.holdingSince !== undefined;
	}

	accept(trades: readonly Trade[], origin: TradeOrigin, now: number): Delivery[] {
		const deliveries = new Deliveries();
		for (const trade of trades) {
			const id = trade.tradeId;
			const sequence = this.#sequence(trade.pair);
			if (id === undefined || (sequence.next === undefined && !sequence.isAwaitingHistory)) {
				this.#out(sequence, trade, origin, deliveries);
			} else if (sequence.holdingSince !== undefined) {
				this.#hold(sequence, {trade, origin});
			} else if (id === sequence.next) {
				this.#out(sequence, trade, origin, deliveries);
			} else if (id > sequence.next!) {
				sequence.holdingSince = now;
				sequence.filled = 0;
				this.#hold(sequence, {trade, origin});
				this.#hooks.fetch(this.#pageAfter(trade.pair, sequence));
			}
		}

		this.expire(now, deliveries);
		return deliveries.list;
	}

	/**
	 * Takes in a REST page for the pair (oldest first, `isFull` when REST may have more after it)
	 * and says what to ask next. Rows already out or held are dropped by id, so `since` may be
	 * inclusive or exclusive.
	 */
	page(
		pair: string,
		page: Readonly<{trades: readonly Trade[]; last: string; isFull: boolean}>,
		deliveries: Deliveries,
	): PageVerdict {
		const sequence = this.#pairs.get(pair);
		if (!sequence || sequence.holdingSince === undefined) {
			return {kind: 'done'};
		}

		if (sequence.isAwaitingHistory) {
			sequence.isAwaitingHistory = false;
			const first = page.trades[0]?.tradeId;
			sequence.next ??= first ?? sequence.held[0]?.trade.tradeId;
		}

		// Only what the hole lacks: a trade REST knows past the newest held one is left to the
		// feed, so that live trades stay live (and are judged by alerts).
		const newestHeld = sequence.held.at(-1)?.trade.tradeId ?? Number.POSITIVE_INFINITY;
		for (const trade of page.trades) {
			const id = trade.tradeId;
			if (id !== undefined && id >= (sequence.next ?? 0) && id < newestHeld) {
				const before = sequence.held.length;
				this.#hold(sequence, {trade, origin: 'history'});
				sequence.filled += sequence.held.length - before;
			}
		}

		this.#drain(sequence, deliveries);
		const newest = page.trades.at(-1)?.tradeId ?? -1;
		// REST has passed the hole: the ids it skipped never happened, or it will never tell.
		while (sequence.held.length > 0 && newest >= sequence.held[0]!.trade.tradeId!) {
			this.#skipHole(sequence, pair);
			this.#drain(sequence, deliveries);
		}

		if (sequence.held.length === 0) {
			this.#finish(sequence, pair);
			return {kind: 'done'};
		}

		// A full page: the next starts at its last. Not full: REST has no more yet; ask again.
		const since = page.isFull ? page.last : nanosecondsOf(sequence.lastTime);
		return {kind: 'more', request: {pair, since, count: 1000}};
	}

	/** The start's history cannot be had: what is held goes out, the numbering from it. */
	abandonHistory(pair: string, deliveries: Deliveries): void {
		const sequence = this.#pairs.get(pair);
		if (sequence?.isAwaitingHistory) {
			this.#release(sequence, pair, deliveries, false);
		}
	}

	/** Everything held goes out now, holes reported: the feed is closing. */
	releaseAll(deliveries: Deliveries): void {
		for (const [pair, sequence] of this.#pairs) {
			if (sequence.holdingSince !== undefined) {
				this.#release(sequence, pair, deliveries, !sequence.isAwaitingHistory);
			}
		}
	}

	/** Lets held trades go where holding has lasted too long or holds too many. */
	expire(now: number, deliveries: Deliveries): void {
		for (const [pair, sequence] of this.#pairs) {
			const since = sequence.holdingSince;
			if (
				since !== undefined &&
				(now - since >= this.#limits.holdMs || sequence.held.length >= this.#limits.holdCount)
			) {
				this.#release(sequence, pair, deliveries, true);
			}
		}
	}

	#sequence(pair: string): PairSequence {
		let sequence = this.#pairs.get(pair);
		if (!sequence) {
			sequence = {
				next: undefined,
				lastTime: 0,
				held: [],
				holdingSince: undefined,
				isAwaitingHistory: false,
				filled: 0,
			};
			this.#pairs.set(pair, sequence);
		}

		return sequence;
	}

	#pageAfter(pair: string, sequence: PairSequence): PageRequest {
		return {pair, since: nanosecondsOf(sequence.lastTime), count: 1000};
	}

	#out(sequence: PairSequence, trade: Trade, origin: TradeOrigin, deliveries: Deliveries): void {
		deliveries.add(trade, origin);
		sequence.lastTime = trade.time;
		if (trade.tradeId !== undefined) {
			sequence.next = trade.tradeId + 1;
		}
	}

	/** Into the held list by id; an id already out or already held is a repeat. */
	#hold(sequence: PairSequence, entry: Held): void {
		const id = entry.trade.tradeId!;
		if (sequence.next !== undefined && id < sequence.next) {
			return;
		}

		const {held} = sequence;
		let index = held.length;
		while (index > 0 && held[index - 1]!.trade.tradeId! > id) {
			index--;
		}

		if (held[index - 1]?.trade.tradeId === id) {
			return;
		}

		held.splice(index, 0, entry);
	}

	/** Sends out the held trades that follow on from the last one out. */
	#drain(sequence: PairSequence, deliveries: Deliveries): void {
		let taken = 0;
		while (taken < sequence.held.length && sequence.held[taken]!.trade.tradeId === sequence.next) {
			const {trade, origin} = sequence.held[taken]!;
			this.#out(sequence, trade, origin, deliveries);
			taken++;
		}

		sequence.held.splice(0, taken);
	}

	/** Gives up the ids between the one due and the first held, reporting them. */
	#skipHole(sequence: PairSequence, pair: string): void {
		const first = sequence.held[0]!.trade.tradeId!;
		const afterTradeId = (sequence.next ?? first) - 1;
		const missing = first - afterTradeId - 1;
		if (missing > 0) {
			this.#hooks.hole({pair, afterTradeId, missing});
		}

		sequence.next = first;
	}

	/** Everything held goes out in id order; the holes between are reported when `isGivingUp`. */
	#release(
		sequence: PairSequence,
		pair: string,
		deliveries: Deliveries,
		isGivingUp: boolean,
	): void {
		sequence.isAwaitingHistory = false;
		while (sequence.held.length > 0) {
			if (isGivingUp && sequence.next !== undefined) {
				this.#skipHole(sequence, pair);
			} else {
				sequence.next = sequence.held[0]!.trade.tradeId;
			}

			this.#drain(sequence, deliveries);
		}

		this.#finish(sequence, pair);
	}

	#finish(sequence: PairSequence, pair: string): void {
		sequence.holdingSince = undefined;
		if (sequence.filled > 0) {
			this.#hooks.filled(pair, sequence.filled);
		}

		sequence.filled = 0;
	}
}
