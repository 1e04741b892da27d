import type {Deliveries, HoldLimits} from './sequencer.js';

/** What every pair's sequence keeps about the holding of its trades, whatever else it keeps. */
export type HoldState<Entry> = {
	/** What is held, in the order it will go out. */
	held: Entry[];
	/** When holding began (or the fill now running, on v1); undefined while trades flow. */
	holdingSince: number | undefined;
	/** Waiting for the start-up history: everything is held until its first page comes. */
	isAwaitingHistory: boolean;
	/** Trades filled from REST since holding began. */
	filled: number;
};

/** A pair's holding state before anything is held: spread into each sequencer's own state. */
export function emptyHold<Entry>(): HoldState<Entry> {
	return {held: [], holdingSince: undefined, isAwaitingHistory: false, filled: 0};
}

export type PairHoldsOptions<State> = Readonly<{
	limits: HoldLimits;
	/** A new pair's state, nothing held. */
	fresh(): State;
	/**
	 * Lets everything the pair holds go out, then calls {@link PairHolds.stopHolding}. With
	 * `isGivingUp`, what will not come now is reported as missing (where that can be measured).
	 */
	release(pair: string, state: State, deliveries: Deliveries, isGivingUp: boolean): void;
	/** Trades filled from REST for the pair, once its holding ends. */
	filled(pair: string, count: number): void;
}>;

/**
 * Every pair's sequence state, and the holding of its trades while REST fills a gap: when it
 * starts and ends, and the hold limits (HoldLimits), past which what is held goes out. How a
 * trade follows the last and how REST's rows are matched is the sequencer's, through `release`.
 * A count of the pairs holding keeps the per-frame expiry check free while nothing is held.
 */
export class PairHolds<State extends HoldState<unknown>> {
	readonly #options: PairHoldsOptions<State>;
	readonly #pairs = new Map<string, State>();
	/** Pairs whose `holdingSince` is set: only this class sets or clears it. */
	#holdingCount = 0;

	constructor(options: PairHoldsOptions<State>) {
		this.#options = options;
	}

	/** The pair's state, if it has had any trade or history asked for. */
	find(pair: string): State | undefined {
		return this.#pairs.get(pair);
	}

	/** The pair's state, made on first use. */
	of(pair: string): State {
		let state = this.#pairs.get(pair);
		if (!state) {
			state = this.#options.fresh();
			this.#pairs.set(pair, state);
		}

		return state;
	}

	forget(pair: string): void {
		if (this.#pairs.get(pair)?.holdingSince !== undefined) {
			this.#holdingCount--;
		}

		this.#pairs.delete(pair);
	}

	/** Whether the pair's trades are being held for REST. */
	isHolding(pair: string): boolean {
		return this.#pairs.get(pair)?.holdingSince !== undefined;
	}

	/** Holds the pair's trades from `now` until a fill ends them; a hold going on stays as it is. */
	startHolding(state: State, now: number): void {
		if (state.holdingSince === undefined) {
			state.holdingSince = now;
			state.filled = 0;
			this.#holdingCount++;
		}
	}

	/** A pair still holding begins a new fill: the hold limits count from `since` on. */
	holdFrom(state: State, since: number): void {
		if (state.holdingSince !== undefined) {
			state.holdingSince = since;
		}
	}

	/** Holds the pair's trades until its start-up history has come from REST. */
	awaitHistory(pair: string, now: number): void {
		const state = this.of(pair);
		state.isAwaitingHistory = true;
		this.startHolding(state, now);
	}

	/** The pair's trades flow again; what was filled from REST is told. Nothing held is left. */
	stopHolding(pair: string, state: State): void {
		if (state.holdingSince !== undefined) {
			this.#holdingCount--;
		}

		state.holdingSince = undefined;
		state.isAwaitingHistory = false;
		if (state.filled > 0) {
			this.#options.filled(pair, state.filled);
		}

		state.filled = 0;
	}

	/** The start's history cannot be had: what is held goes out, nothing reported missing. */
	abandonHistory(pair: string, deliveries: Deliveries): void {
		const state = this.#pairs.get(pair);
		if (state?.isAwaitingHistory) {
			this.#options.release(pair, state, deliveries, false);
		}
	}

	/** Everything held goes out now: the feed is closing. Gaps are reported, not the history. */
	releaseAll(deliveries: Deliveries): void {
		if (this.#holdingCount === 0) {
			return;
		}

		for (const [pair, state] of this.#pairs) {
			if (state.holdingSince !== undefined) {
				this.#options.release(pair, state, deliveries, !state.isAwaitingHistory);
			}
		}
	}

	/** Lets held trades go where holding has lasted too long or holds too many. */
	expire(now: number, deliveries: Deliveries): void {
		if (this.#holdingCount === 0) {
			return;
		}

		const {holdMs, holdCount} = this.#options.limits;
		for (const [pair, state] of this.#pairs) {
			const since = state.holdingSince;
			if (since !== undefined && (now - since >= holdMs || state.held.length >= holdCount)) {
				this.#options.release(pair, state, deliveries, true);
			}
		}
	}
}
