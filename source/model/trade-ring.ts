import type {OrderType, Side, Trade} from './types.js';

const sides: readonly Side[] = ['buy', 'sell'];
const orderTypes: readonly OrderType[] = ['market', 'limit'];

/** A ring's trades as its readers see them: no pushing, no clearing. */
export type TradeHistory = Pick<
	TradeRing,
	'capacity' | 'size' | 'pushed' | 'fromNewest' | 'newest' | 'frozenCopy'
>;

/**
 * One pair's recent trades, newest overwriting oldest: a ring buffer kept in typed arrays rather
 * than as objects. Under a burst every trade passes through the ring and dies a moment later; as
 * objects they would live just long enough to be promoted to the old generation, and grow the
 * heap by tens of megabytes (npm run bench, peak RSS). Reads build Trade objects for the few rows shown.
 */
export class TradeRing {
	readonly capacity: number;
	readonly #pair: string;
	readonly #prices: Float64Array;
	readonly #volumes: Float64Array;
	readonly #times: Float64Array;
	/** NaN where the API gives no trade id (v1). */
	readonly #tradeIds: Float64Array;
	/** Bit 0: sell; bit 1: limit; bit 2: from REST history. */
	readonly #kinds: Uint8Array;
	#next = 0;
	#size = 0;
	#pushed = 0;

	constructor(pair: string, capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
		}

		this.#pair = pair;
		this.capacity = capacity;
		this.#prices = new Float64Array(capacity);
		this.#volumes = new Float64Array(capacity);
		this.#times = new Float64Array(capacity);
		this.#tradeIds = new Float64Array(capacity);
		this.#kinds = new Uint8Array(capacity);
	}

	get size(): number {
		return this.#size;
	}

	/** Trades ever pushed, clears included: the position a tape mark is kept against. */
	get pushed(): number {
		return this.#pushed;
	}

	push(trade: Trade): void {
		const slot = this.#next;
		this.#prices[slot] = trade.price;
		this.#volumes[slot] = trade.volume;
		this.#times[slot] = trade.time;
		this.#tradeIds[slot] = trade.tradeId ?? Number.NaN;
		this.#kinds[slot] =
			(trade.side === 'sell' ? 1 : 0) |
			(trade.orderType === 'limit' ? 2 : 0) |
			(trade.isBackfilled ? 4 : 0);
		this.#next = (slot + 1) % this.capacity;
		this.#size = Math.min(this.#size + 1, this.capacity);
		this.#pushed++;
	}

	/**
	 * A copy that later pushes to this ring leave alone, sized to what it holds now: what a
	 * paused tape shows and scrolls through, however many trades arrive meanwhile.
	 */
	frozenCopy(): TradeRing {
		const copy = new TradeRing(this.#pair, Math.max(1, this.#size));
		for (let age = this.#size - 1; age >= 0; age--) {
			copy.push(this.fromNewest(age)!);
		}

		copy.#pushed = this.#pushed;
		return copy;
	}

	/** The trade `age` places back from the newest (0 is the newest), if there is one. */
	fromNewest(age: number): Trade | undefined {
		if (age < 0 || age >= this.#size) {
			return undefined;
		}

		const slot = (this.#next - 1 - age + this.capacity * 2) % this.capacity;
		const kind = this.#kinds[slot] ?? 0;
		const tradeId = this.#tradeIds[slot] ?? Number.NaN;
		return {
			pair: this.#pair,
			side: sides[kind & 1] ?? 'buy',
			price: this.#prices[slot] ?? 0,
			volume: this.#volumes[slot] ?? 0,
			time: this.#times[slot] ?? 0,
			orderType: orderTypes[(kind >> 1) & 1] ?? 'market',
			...(Number.isNaN(tradeId) ? {} : {tradeId}),
			...((kind & 4) === 4 ? {isBackfilled: true} : {}),
		};
	}

	/** Up to `count` trades starting `skip` places back from the newest, newest first. */
	newest(count: number, skip = 0): Trade[] {
		const result: Trade[] = [];
		for (let age = skip; age < Math.min(this.#size, skip + count); age++) {
			result.push(this.fromNewest(age)!);
		}

		return result;
	}

	clear(): void {
		this.#next = 0;
		this.#size = 0;
	}
}
