import type {Candle} from './types.js';

/** A series as its readers see it. */
export type CandleHistory = Pick<
	CandleSeries,
	'interval' | 'size' | 'latest' | 'changes' | 'newest'
>;

/**
 * One pair's candles of one interval, oldest first, the newest `capacity` kept. An update with a
 * candle's start replaces that candle (the one in progress is sent again on every trade); a new
 * start closes the one before; a candle of another interval starts the series over.
 */
export class CandleSeries {
	readonly #capacity: number;
	#candles: Candle[] = [];
	#interval: number | undefined;
	#changes = 0;

	constructor(capacity = 1000) {
		this.#capacity = capacity;
	}

	/** Minutes, once a candle has come. */
	get interval(): number | undefined {
		return this.#interval;
	}

	get size(): number {
		return this.#candles.length;
	}

	get latest(): Candle | undefined {
		return this.#candles.at(-1);
	}

	/** Counts every change, so a reader can tell whether to draw again. */
	get changes(): number {
		return this.#changes;
	}

	/** Up to `count` candles, oldest first, ending with the newest. */
	newest(count: number): readonly Candle[] {
		return this.#candles.slice(Math.max(0, this.#candles.length - count));
	}

	upsert(candle: Candle): void {
		if (candle.interval !== this.#interval) {
			this.#candles = [];
			this.#interval = candle.interval;
		}

		this.#changes++;
		const candles = this.#candles;
		const last = candles.at(-1);
		if (!last || candle.start > last.start) {
			candles.push(candle);
			if (candles.length > this.#capacity) {
				candles.splice(0, candles.length - this.#capacity);
			}

			return;
		}

		// Older: a snapshot after updates, or candles out of order. Kept in order of start.
		let index = candles.length - 1;
		while (index > 0 && candles[index]!.start > candle.start) {
			index--;
		}

		if (candles[index]!.start === candle.start) {
			candles[index] = candle;
		} else {
			candles.splice(candles[index]!.start < candle.start ? index + 1 : index, 0, candle);
		}
	}

	clear(): void {
		this.#candles = [];
		this.#interval = undefined;
		this.#changes++;
	}
}
