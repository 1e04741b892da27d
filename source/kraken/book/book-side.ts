import {checksumLevels, levelToken, type WireLevel} from './checksum.js';

/** A level in its side: its price as a number (to order by), as written, and its token. */
type Entry = {key: number; level: WireLevel; token: string | undefined};

/**
 * One side of a book, best first: each level's price as a number (to order by), its price and
 * quantity as the exchange wrote them, and its checksum token, made when the checksum first needs
 * it. A change is a binary search and one splice: the side is never sorted again, and a deep book
 * (1000 levels) costs a message no more than moving the entries after the change. Most changes to
 * a deep book are below the levels the checksum reads: `topVersion` counts only the changes that
 * reach them, so a checksum can be known unchanged without a token.
 */
export class BookSide {
	/** Asks rise from the best, bids fall: `direction` 1 or -1 makes both ascending keys. */
	readonly #direction: 1 | -1;
	readonly #entries: Entry[] = [];
	#topVersion = 0;

	constructor(side: 'ask' | 'bid') {
		this.#direction = side === 'ask' ? 1 : -1;
	}

	get size(): number {
		return this.#entries.length;
	}

	/** Changes whenever the best levels the checksum reads may have changed. */
	get topVersion(): number {
		return this.#topVersion;
	}

	/** The level at `index` from the best, as written. */
	level(index: number): WireLevel | undefined {
		return this.#entries[index]?.level;
	}

	/** The checksum tokens of the best `count` levels, joined. */
	tokens(count: number): string {
		let text = '';
		for (let index = 0; index < Math.min(count, this.#entries.length); index++) {
			const entry = this.#entries[index]!;
			text += entry.token ??= levelToken(entry.level);
		}

		return text;
	}

	clear(): void {
		this.#topVersion++;
		this.#entries.length = 0;
	}

	/**
	 * Writes a level: a quantity of zero deletes it, any other replaces what rests at that price.
	 * Returns false for the deletion of a price the side does not hold, which says this book has
	 * missed something (the checksum will say so too).
	 */
	apply(level: WireLevel): boolean {
		const key = Number(level[0]) * this.#direction;
		const index = this.#search(key);
		const held = this.#entries[index];
		const isHeld = held !== undefined && held.key === key;
		if (index < checksumLevels) {
			this.#topVersion++;
		}

		if (Number(level[1]) === 0) {
			if (isHeld) {
				this.#entries.splice(index, 1);
			}

			return isHeld;
		}

		if (isHeld) {
			held.level = level;
			held.token = undefined;
		} else {
			this.#entries.splice(index, 0, {key, level, token: undefined});
		}

		return true;
	}

	/** Keeps the best `depth` levels: Kraken sends nothing for a level that falls off the end. */
	truncate(depth: number): void {
		if (this.#entries.length > depth) {
			this.#entries.length = depth;
		}
	}

	/** Up to `count` best levels, as numbers. */
	top(count: number): Array<readonly [number, number]> {
		const levels: Array<readonly [number, number]> = [];
		for (let index = 0; index < Math.min(count, this.#entries.length); index++) {
			const [price, quantity] = this.#entries[index]!.level;
			levels.push([Number(price), Number(quantity)]);
		}

		return levels;
	}

	/** The index of the first entry whose key is not below `key`. */
	#search(key: number): number {
		let low = 0;
		let high = this.#entries.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.#entries[middle]!.key < key) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		return low;
	}
}
