import {priceOf, quantityOf} from './book-text.js';
import type {ListedPair} from './pair-catalog.js';
import type {Quote} from './market-types.js';

export type BookSideName = 'ask' | 'bid';

/**
 * A price level of the simulated book, in whole units: `ticks` of the pair's price step, `lots`
 * of its smallest quantity. Never changed once made: a change writes a new record, so a copy of a
 * side's array keeps the side as it was (book-publisher.ts relies on it).
 */
export type RestingLevel = Readonly<{
	ticks: number;
	lots: number;
	/** When the level last changed, in microseconds since the epoch (v1 sends it). */
	timeMicros: number;
	/** The book's version when the level last changed. */
	version: number;
	/** The book's version when the level was placed, after resting nowhere at that price. */
	placedIn: number;
}>;

/** One side's levels, best first, and where a price sits among them. */
class Ladder {
	readonly levels: RestingLevel[] = [];
	/** 1 for asks (rising), -1 for bids (falling): `ticks * direction` rises along the ladder. */
	readonly #direction: 1 | -1;

	constructor(side: BookSideName) {
		this.#direction = side === 'ask' ? 1 : -1;
	}

	/** The index of the level at `ticks`, or of where it would go. */
	indexOf(ticks: number): number {
		const key = ticks * this.#direction;
		let low = 0;
		let high = this.levels.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.levels[middle]!.ticks * this.#direction < key) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		return low;
	}

	/** Whether `ticks` is a better price than `other` on this side. */
	isBetter(ticks: number, other: number): boolean {
		return ticks * this.#direction < other * this.#direction;
	}
}

/**
 * A pair's whole order book on the simulated exchange: both sides as levels of whole ticks and
 * lots, each change counted in `version`. The market makes its trades against it, makers and
 * cancellations move it between trades, and the exchange publishes what changed to each
 * subscriber's depth (book-publisher.ts).
 */
export class SimulatedBook {
	readonly pair: ListedPair;
	readonly #sides = {ask: new Ladder('ask'), bid: new Ladder('bid')};
	#version = 0;
	#timeMicros = 0;

	constructor(pair: ListedPair) {
		this.pair = pair;
	}

	/** Counts changes: equal versions, equal books. */
	get version(): number {
		return this.#version;
	}

	/** When the book last changed, in microseconds. */
	get timeMicros(): number {
		return this.#timeMicros;
	}

	/** A side's levels, best first: the live array, to read and copy, never to change. */
	levels(side: BookSideName): readonly RestingLevel[] {
		return this.#sides[side].levels;
	}

	size(side: BookSideName): number {
		return this.#sides[side].levels.length;
	}

	best(side: BookSideName): RestingLevel | undefined {
		return this.#sides[side].levels[0];
	}

	/** The level resting at `ticks` on `side`, if any. */
	at(side: BookSideName, ticks: number): RestingLevel | undefined {
		const ladder = this.#sides[side];
		const level = ladder.levels[ladder.indexOf(ticks)];
		return level?.ticks === ticks ? level : undefined;
	}

	/** Whether `ticks` is a better price than `other` on `side` (lower for asks). */
	isBetter(side: BookSideName, ticks: number, other: number): boolean {
		return this.#sides[side].isBetter(ticks, other);
	}

	/** The best bid and ask as the ticker sends them; undefined while a side is empty. */
	quote(): Quote | undefined {
		const bid = this.best('bid');
		const ask = this.best('ask');
		return bid && ask
			? {
					bid: priceOf(this.pair, bid.ticks),
					bidQty: quantityOf(this.pair, bid.lots),
					ask: priceOf(this.pair, ask.ticks),
					askQty: quantityOf(this.pair, ask.lots),
				}
			: undefined;
	}

	/** Sets the quantity resting at a price; zero lots remove the level. */
	set(side: BookSideName, ticks: number, lots: number, timeMicros: number): void {
		const {levels} = this.#sides[side];
		const index = this.#sides[side].indexOf(ticks);
		const existing = levels[index]?.ticks === ticks ? levels[index] : undefined;
		if (lots <= 0 && !existing) {
			return;
		}

		this.#version++;
		this.#timeMicros = Math.max(this.#timeMicros, timeMicros);
		if (lots <= 0) {
			levels.splice(index, 1);
			return;
		}

		const version = this.#version;
		if (existing) {
			levels[index] = {ticks, lots, timeMicros, version, placedIn: existing.placedIn};
		} else {
			levels.splice(index, 0, {ticks, lots, timeMicros, version, placedIn: version});
		}
	}

	/** An order joins the level at its price, or opens one. */
	add(side: BookSideName, ticks: number, lots: number, timeMicros: number): void {
		this.set(side, ticks, (this.at(side, ticks)?.lots ?? 0) + lots, timeMicros);
	}

	/** Takes up to `lots` from the level at `ticks`; returns how many were there to take. */
	take(side: BookSideName, ticks: number, lots: number, timeMicros: number): number {
		const resting = this.at(side, ticks)?.lots ?? 0;
		const taken = Math.min(resting, lots);
		if (taken > 0) {
			this.set(side, ticks, resting - taken, timeMicros);
		}

		return taken;
	}

	/** Removes the worst levels beyond the first `count` of a side. */
	trim(side: BookSideName, count: number, timeMicros: number): void {
		const {levels} = this.#sides[side];
		while (levels.length > count) {
			this.set(side, levels.at(-1)!.ticks, 0, timeMicros);
		}
	}
}
