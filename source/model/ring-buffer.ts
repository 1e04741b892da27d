/** A fixed-capacity buffer that overwrites its oldest item: memory stays bounded at any rate. */
export class RingBuffer<T> {
	readonly capacity: number;
	readonly #items: Array<T | undefined>;
	#next = 0;
	#size = 0;

	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
		}

		this.capacity = capacity;
		this.#items = Array.from({length: capacity});
	}

	get size(): number {
		return this.#size;
	}

	push(item: T): void {
		this.#items[this.#next] = item;
		this.#next = (this.#next + 1) % this.capacity;
		this.#size = Math.min(this.#size + 1, this.capacity);
	}

	/** The item `age` places back from the newest (0 is the newest), if there is one. */
	fromNewest(age: number): T | undefined {
		if (age < 0 || age >= this.#size) {
			return undefined;
		}

		return this.#items[(this.#next - 1 - age + this.capacity * 2) % this.capacity];
	}

	/** Up to `count` items starting `skip` places back from the newest, newest first. */
	newest(count: number, skip = 0): T[] {
		const result: T[] = [];
		for (let age = skip; age < Math.min(this.#size, skip + count); age++) {
			result.push(this.fromNewest(age) as T);
		}

		return result;
	}

	clear(): void {
		this.#items.fill(undefined);
		this.#next = 0;
		this.#size = 0;
	}
}
