import type {Trade, TradeOrigin} from '../../model/types.js';
import {emptyHold, PairHolds, type HoldState} from './pair-holds.js';
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

/** Held: the trades after a hole, by id, waiting for REST to fill it. */
type PairSequence = HoldState<Held> & {
	/** The trade id due next; undefined before the first trade (or after a new numbering). */
	next: number | undefined;
	/** Time of the last trade out, where a REST page for what follows starts. */
	lastTime: number;
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
 * pages fill the hole, then go out after the trades they follow. Holding is bounded (PairHolds,
 * HoldLimits): past it, what is held goes out and the hole is reported once. Repeats were dropped
 * before (TradeDeduplicator); anything at or below the id due is dropped here too.
 */
export class IdSequencer {
	readonly #hooks: IdSequencerHooks;
	readonly #holds: PairHolds<PairSequence>;

	constructor(hooks: IdSequencerHooks, limits: HoldLimits) {
		this.#hooks = hooks;
		this.#holds = new PairHolds<PairSequence>({
			limits,
			fresh: () => ({...emptyHold<Held>(), next: undefined, lastTime: 0}),
			release: (pair, sequence, deliveries, isGivingUp) => {
				this.#release(sequence, pair, deliveries, isGivingUp);
			},
			filled: (pair, count) => hooks.filled(pair, count),
		});
	}

	/** Holds the pair's trades until its `count` most recent trades have come from REST. */
	awaitHistory(pair: string, count: number, now: number): void {
		this.#holds.awaitHistory(pair, now);
		this.#hooks.fetch({pair, count});
	}

	/** The pair's numbering started afresh: what is held goes out, and the new one starts here. */
	renumbered(pair: string, deliveries: Deliveries): void {
		const sequence = this.#holds.find(pair);
		if (sequence) {
			this.#release(sequence, pair, deliveries, false);
			sequence.next = undefined;
		}
	}

	forget(pair: string): void {
		this.#holds.forget(pair);
	}

	/** Whether the pair's trades are being held for REST. */
	isHolding(pair: string): boolean {
		return this.#holds.isHolding(pair);
	}

	accept(trades: readonly Trade[], origin: TradeOrigin, now: number): Delivery[] {
		const deliveries = new Deliveries();
		for (const trade of trades) {
			const id = trade.tradeId;
			const sequence = this.#holds.of(trade.pair);
			if (id === undefined || (sequence.next === undefined && !sequence.isAwaitingHistory)) {
				this.#out(sequence, trade, origin, deliveries);
			} else if (sequence.holdingSince !== undefined) {
				this.#hold(sequence, {trade, origin});
			} else if (id === sequence.next) {
				this.#out(sequence, trade, origin, deliveries);
			} else if (id > sequence.next!) {
				this.#holds.startHolding(sequence, now);
				this.#hold(sequence, {trade, origin});
				this.#hooks.fetch(this.#pageAfter(trade.pair, sequence));
			}
		}

		this.#holds.expire(now, deliveries);
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
		const sequence = this.#holds.find(pair);
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
			this.#holds.stopHolding(pair, sequence);
			return {kind: 'done'};
		}

		// A full page: the next starts at its last. Not full: REST has no more yet; ask again.
		const since = page.isFull ? page.last : nanosecondsOf(sequence.lastTime);
		return {kind: 'more', request: {pair, since, count: 1000}};
	}

	/** The start's history cannot be had: what is held goes out, the numbering from it. */
	abandonHistory(pair: string, deliveries: Deliveries): void {
		this.#holds.abandonHistory(pair, deliveries);
	}

	/** Everything held goes out now, holes reported: the feed is closing. */
	releaseAll(deliveries: Deliveries): void {
		this.#holds.releaseAll(deliveries);
	}

	/** Lets held trades go where holding has lasted too long or holds too many. */
	expire(now: number, deliveries: Deliveries): void {
		this.#holds.expire(now, deliveries);
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
		while (sequence.held.length > 0) {
			if (isGivingUp && sequence.next !== undefined) {
				this.#skipHole(sequence, pair);
			} else {
				sequence.next = sequence.held[0]!.trade.tradeId;
			}

			this.#drain(sequence, deliveries);
		}

		this.#holds.stopHolding(pair, sequence);
	}
}
