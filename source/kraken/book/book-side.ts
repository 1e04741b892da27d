import {levelToken, type WireLevel} from './checksum.js';

/**
 * One side of a book, best first, as parallel arrays: each level's price as a number (to order
 * by), its price and quantity as the exchange wrote them, and its checksum token made once when
 * the level is written. A change is a binary search and a splice: the side is never sorted again,
 * and a deep book (1000 levels) costs a message no more than moving the levels after the change.
 */
export class BookSide {
	/** Asks rise from the best, bids fall: `direction` 1 or -1 makes both ascending keys. */
	readonly #direction: 1 | -1;
	readonly #keys: number[] = [];
	readonly #levels: WireLevel[] = [];
	readonly #tokens: string[] = [];

	constructor(side: 'ask' | 'bid') {
		this.#direction = side === 'ask' ? 1 : -1;
	}

	get size(): number {
		return this.#keys.length;
	}

	/** The level at `index` from the best, as written. */
	level(index: number): WireLevel | undefined {
		return this.#levels[index];
	}

	/** The checksum tokens of the best `count` levels, joined. */
	tokens(count: number): string {
		let text = '';
		for (let index = 0; index < Math.min(count, this.#tokens.length); index++) {
			text += this.#tokens[index]!;
		}

		return text;
	}

	clear(): void {
		this.#keys.length = 0;
		this.#levels.length = 0;
		this.#tokens.length = 0;
	}

	/**
	 * Writes a level: a quantity of zero deletes it, any other replaces what rests at that price.
	 * Returns false for the deletion of a price the side does not hold, which says this book has
	 * missed something (the checksum will say so too).
	 */
	apply(level: WireLevel): boolean {
		const key = Number(level[0]) * this.#direction;
		const index = this.#search(key);
		const isHeld = index < this.#keys.length && this.#keys[index] === key;
		if (Number(level[1]) === 0) {
			if (isHeld) {
				this.#keys.splice(index, 1);
				this.#levels.splice(index, 1);
				this.#tokens.splice(index, 1);
			}

			return isHeld;
		}

		if (isHeld) {
			this.#levels[index] = level;
			this.#tokens[index] = levelToken(level);
		} else {
			this.#keys.splice(index, 0, key);
			this.#levels.splice(index, 0, level);
			this.#tokens.splice(index, 0, levelToken(level));
		}

		return true;
	}

	/** Keeps the best `depth` levels: Kraken sends nothing for a level that falls off the end. */
	truncate(depth: number): void {
		if (this.#keys.length > depth) {
			this.#keys.length = depth;
			this.#levels.length = depth;
			this.#tokens.length = depth;
		}
	}

	/** Up to `count` best levels, as numbers. */
	top(count: number): Array<readonly [number, number]> {
		const levels: Array<readonly [number, number]> = [];
		for (let index = 0; index < Math.min(count, this.#levels.length); index++) {
			const [price, quantity] = this.#levels[index]!;
			levels.push([Number(price), Number(quantity)]);
		}

		return levels;
	}

	/** The index of the first key not below `key`. */
	#search(key: number): number {
		let low = 0;
		let high = this.#keys.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.#keys[middle]! < key) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		return low;
	}
}
