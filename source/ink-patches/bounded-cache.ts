/**
 * A cache that keeps at most twice `limit` entries: the ones set or read since the last turnover,
 * and the ones before. Ink 6.8 keeps every text it wrapped in a cache that is never emptied, and
 * a tape draws new text with every trade and every second of its clock: under a steady feed the
 * live heap of a screen left running grew by about 0.1 MB a second. The bundle and the tests put
 * this cache in its place (scripts/ink-patches.js), ink-measure-text.ts keeps the sizes of texts
 * that are not narrow in it, and ink-output.ts the lines a clip leaves whole.
 */
export class BoundedCache<Key, Value> {
	readonly #limit: number;
	#recent = new Map<Key, Value>();
	#older = new Map<Key, Value>();

	constructor(limit: number) {
		this.#limit = limit;
	}

	get size(): number {
		return this.#recent.size + this.#older.size;
	}

	get(key: Key): Value | undefined {
		const value = this.#recent.get(key);
		if (value !== undefined) {
			return value;
		}

		const older = this.#older.get(key);
		if (older !== undefined) {
			this.set(key, older);
		}

		return older;
	}

	set(key: Key, value: Value): void {
		if (this.#recent.size >= this.#limit) {
			this.#older = this.#recent;
			this.#recent = new Map();
		}

		this.#recent.set(key, value);
	}
}
