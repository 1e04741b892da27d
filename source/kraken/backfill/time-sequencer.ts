import type {Trade, TradeOrigin} from '../../model/types.js';
import {emptyHold, PairHolds, type HoldState} from './pair-holds.js';
import {
	Deliveries,
	nanosecondsOf,
	type Delivery,
	type HoldLimits,
	type PageRequest,
	type PageVerdict,
} from './sequencer.js';

type HeldTrade = Readonly<{trade: Trade; origin: TradeOrigin}>;

/**
 * Where the connection dropped again while a gap was being filled: the trades after it follow a
 * gap of their own, filled once the trades before it are out.
 */
type Resubscription = Readonly<{trade: undefined; resubscribedAt: number}>;

type Held = HeldTrade | Resubscription;

/**
 * Held: the trades since the resubscription (or while the start's history is awaited), in
 * arrival order, with a Resubscription at each later drop.
 */
type PairSequence = HoldState<Held> & {
	/** Time of the newest trade out (ms); undefined before the first. */
	lastTime: number | undefined;
	/** The trades that went out at `lastTime`, counted by signature only when a page needs it. */
	atLastTime: Trade[];
	/** REST rows out that the feed may still bring (#isWrittenAlready); undefined when none can be. */
	overlap: Overlap | undefined;
};

/**
 * Rows a page wrote (by time and signature, counted) up to `until`, its newest. The feed's frames
 * and REST's answers come by different paths, so a trade REST wrote may still come from the feed
 * after it, when nothing held said it would.
 */
type Overlap = {until: number; rows: Map<string, number>};

export type TimeSequencerHooks = Readonly<{
	fetch(request: PageRequest): void;
	filled(pair: string, count: number): void;
}>;

const signatureOf = (trade: Trade) => `${trade.price}|${trade.volume}|${trade.side}`;

/** A trade's time to the millisecond and its signature: what a REST row is matched by. */
const matchKeyOf = (trade: Trade) => `${trade.time}|${signatureOf(trade)}`;

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
 * price, volume and side. Live trades are held meanwhile (bounded as on v2, by PairHolds); REST
 * rows after the last trade seen and before the first held one go out first, marked as
 * backfilled, rows that match a held trade are the held trade's. A drop during a fill marks the
 * held list; the fill covers the trades before the mark, and the next fill starts from the last
 * of them. Two trades alike in all four at one millisecond cannot be told apart: they are
 * counted, not identified.
 */
export class TimeSequencer {
	readonly #hooks: TimeSequencerHooks;
	readonly #holds: PairHolds<PairSequence>;

	constructor(hooks: TimeSequencerHooks, limits: HoldLimits) {
		this.#hooks = hooks;
		this.#holds = new PairHolds<PairSequence>({
			limits,
			fresh: () => ({
				...emptyHold<Held>(),
				lastTime: undefined,
				atLastTime: [],
				overlap: undefined,
			}),
			release: (pair, sequence, deliveries) => {
				this.#releaseAllHeld(sequence, pair, deliveries);
			},
			filled: (pair, count) => hooks.filled(pair, count),
		});
	}

	awaitHistory(pair: string, count: number, now: number): void {
		this.#holds.awaitHistory(pair, now);
		this.#hooks.fetch({pair, count});
	}

	/** The pair was subscribed again after a drop: what it missed is asked of REST. */
	resubscribed(pair: string, now: number): void {
		const sequence = this.#holds.find(pair);
		if (!sequence) {
			return;
		}

		if (sequence.holdingSince === undefined) {
			if (sequence.lastTime !== undefined) {
				this.#holds.startHolding(sequence, now);
				this.#hooks.fetch(this.#fillAfter(pair, sequence.lastTime));
			}

			return;
		}

		// A fill is running: its REST page may predate this drop, so what the drop missed is asked
		// for after it, from the last trade before this mark. Nothing out or held yet (only the
		// start's history awaited) has nothing to follow on from; a mark already last covers it.
		const newest = sequence.held.at(-1);
		const isMarkedAlready = newest !== undefined && newest.trade === undefined;
		const hasNothingToFollow = newest === undefined && sequence.lastTime === undefined;
		if (!isMarkedAlready && !hasNothingToFollow) {
			sequence.held.push({trade: undefined, resubscribedAt: now});
		}
	}

	forget(pair: string): void {
		this.#holds.forget(pair);
	}

	isHolding(pair: string): boolean {
		return this.#holds.isHolding(pair);
	}

	accept(trades: readonly Trade[], origin: TradeOrigin, now: number): Delivery[] {
		const deliveries = new Deliveries();
		for (const trade of trades) {
			const sequence = this.#holds.of(trade.pair);
			if (this.#isWrittenAlready(sequence, trade)) {
				continue;
			}

			if (sequence.holdingSince === undefined) {
				this.#out(sequence, trade, origin, deliveries);
			} else {
				sequence.held.push({trade, origin});
			}
		}

		this.#holds.expire(now, deliveries);
		return deliveries.list;
	}

	/**
	 * Takes in a REST page for the fill running (oldest first, `isFull` when REST may have more
	 * after it): the trades held before the first Resubscription are the ones it fills up to.
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

		sequence.isAwaitingHistory = false;
		// A drop marked before any trade was held (the mark first) joins its gap to this one: the
		// page stops at the first trade held after the mark, and those trades are matched as held.
		const isMarkFirst = sequence.held.length > 0 && sequence.held[0]?.trade === undefined;
		const from = isMarkFirst ? 1 : 0;
		const filledUpTo = this.#nextResubscription(sequence, from);
		const firstHeldTime = sequence.held[from]?.trade?.time ?? Number.POSITIVE_INFINITY;
		const heldCounts = new Map<string, number>();
		for (let index = from; index < filledUpTo; index++) {
			const {trade} = sequence.held[index] as HeldTrade;
			const key = matchKeyOf(trade);
			heldCounts.set(key, (heldCounts.get(key) ?? 0) + 1);
		}

		// What was out before this page: rows alike at one millisecond are distinct trades.
		const last = sequence.lastTime ?? Number.NEGATIVE_INFINITY;
		const seenAtLast = new Map<string, number>();
		for (const trade of sequence.atLastTime) {
			const signature = signatureOf(trade);
			seenAtLast.set(signature, (seenAtLast.get(signature) ?? 0) + 1);
		}

		let newest = Number.NEGATIVE_INFINITY;
		for (const trade of page.trades) {
			newest = trade.time;
			const isSeen =
				trade.time < last || (trade.time === last && take(seenAtLast, signatureOf(trade)));
			const key = matchKeyOf(trade);
			const isHeld = take(heldCounts, key);
			if (!isSeen && !isHeld && trade.time <= firstHeldTime) {
				this.#out(sequence, trade, 'history', deliveries);
				sequence.filled++;
				sequence.overlap ??= {until: trade.time, rows: new Map()};
				sequence.overlap.until = Math.max(sequence.overlap.until, trade.time);
				sequence.overlap.rows.set(key, (sequence.overlap.rows.get(key) ?? 0) + 1);
			}
		}

		if (page.isFull && newest < firstHeldTime) {
			return {kind: 'more', request: {pair, since: page.last, count: 1000}};
		}

		if (isMarkFirst && sequence.lastTime !== undefined) {
			// The page may predate the drop: what it missed is asked for after the last trade out,
			// its held trades (after the mark) still held, from the drop on.
			const mark = sequence.held.shift() as Resubscription;
			this.#holds.holdFrom(sequence, mark.resubscribedAt);
			return {kind: 'more', request: this.#fillAfter(pair, sequence.lastTime)};
		}

		// This gap is filled: its held trades go out. A later drop's gap is filled next, from the
		// last trade before it, its trades held (and the hold limits counted) from that drop on.
		this.#outHeld(sequence, filledUpTo, deliveries);
		const resubscription = sequence.held.shift() as Resubscription | undefined;
		if (resubscription === undefined || sequence.lastTime === undefined) {
			this.#releaseAllHeld(sequence, pair, deliveries);
			return {kind: 'done'};
		}

		this.#holds.holdFrom(sequence, resubscription.resubscribedAt);
		return {kind: 'more', request: this.#fillAfter(pair, sequence.lastTime)};
	}

	/** The start's history cannot be had: what is held goes out. */
	abandonHistory(pair: string, deliveries: Deliveries): void {
		this.#holds.abandonHistory(pair, deliveries);
	}

	/** Everything held goes out now: the feed is closing. */
	releaseAll(deliveries: Deliveries): void {
		this.#holds.releaseAll(deliveries);
	}

	/** Lets held trades go where holding has lasted too long or holds too many. */
	expire(now: number, deliveries: Deliveries): void {
		this.#holds.expire(now, deliveries);
	}

	#fillAfter(pair: string, lastTime: number): PageRequest {
		return {pair, since: nanosecondsOf(lastTime), count: 1000};
	}

	/** Where the held trades the running fill covers end: the next Resubscription, or the end. */
	#nextResubscription(sequence: PairSequence, from: number): number {
		for (let index = from; index < sequence.held.length; index++) {
			if (sequence.held[index]?.trade === undefined) {
				return index;
			}
		}

		return sequence.held.length;
	}

	#out(sequence: PairSequence, trade: Trade, origin: TradeOrigin, deliveries: Deliveries): void {
		deliveries.add(trade, origin);
		if (sequence.lastTime === undefined || trade.time > sequence.lastTime) {
			sequence.lastTime = trade.time;
			sequence.atLastTime.length = 0;
		}

		if (trade.time === sequence.lastTime) {
			sequence.atLastTime.push(trade);
		}
	}

	/**
	 * A trade from the feed that a page already wrote: the feed brings a pair's trades in time
	 * order, so one no newer than the page's newest and alike to a row it wrote (and no held trade
	 * matched) is that row again. The first newer one ends the overlap.
	 */
	#isWrittenAlready(sequence: PairSequence, trade: Trade): boolean {
		const {overlap} = sequence;
		if (overlap === undefined) {
			return false;
		}

		if (trade.time > overlap.until) {
			sequence.overlap = undefined;
			return false;
		}

		return take(overlap.rows, matchKeyOf(trade));
	}

	/** The first `count` held entries go: their trades out, in the order they came. */
	#outHeld(sequence: PairSequence, count: number, deliveries: Deliveries): void {
		for (const entry of sequence.held.splice(0, count)) {
			if (entry.trade) {
				this.#out(sequence, entry.trade, entry.origin, deliveries);
			}
		}
	}

	/** Every held trade goes out, the gaps after later drops left unfilled, and the hold ends. */
	#releaseAllHeld(sequence: PairSequence, pair: string, deliveries: Deliveries): void {
		this.#outHeld(sequence, sequence.held.length, deliveries);
		this.#holds.stopHolding(pair, sequence);
	}
}
