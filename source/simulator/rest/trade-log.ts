import type {ExchangeTrade} from '../market-types.js';

/** Rows a chunk holds: a power of two, so a row's chunk and place are a shift and a mask. */
const chunkBits = 12;
const chunkSize = 1 << chunkBits;

/** Flags of a row: how its side and order type are kept in one byte. */
const sellFlag = 1;
const limitFlag = 2;

/**
 * One chunk of rows, a column per field: appending a trade is five stores, and the log keeps no
 * trade objects alive, however many trades a second the exchange makes.
 */
class Chunk {
	readonly prices = new Float64Array(chunkSize);
	readonly volumes = new Float64Array(chunkSize);
	readonly times = new Float64Array(chunkSize);
	readonly ids = new Float64Array(chunkSize);
	readonly flags = new Uint8Array(chunkSize);
}

/**
 * A pair's trades as the exchange sent them, oldest first, bounded to the last `capacity`: what
 * REST `Trades` pages through. It begins with the trades made before the exchange opened
 * (`past`, asked for only when the log is first read, as the simulated market makes them only
 * when asked), then every trade appended since, kept in chunks. Times never go back within a
 * pair (both trade sources see to that), so a time is found by a binary search.
 */
export class TradeLog {
	readonly capacity: number;
	readonly #past: () => readonly ExchangeTrade[];
	readonly #chunks: Chunk[] = [];
	/** The place of the oldest appended row kept, in the first chunk. */
	#start = 0;
	#appended = 0;

	constructor(past: () => readonly ExchangeTrade[] = () => [], capacity = 200_000) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
		}

		this.#past = past;
		this.capacity = capacity;
	}

	/** Trades kept, the past's included. */
	get size(): number {
		return this.#shownPast().length + this.#appended;
	}

	append(trades: readonly ExchangeTrade[]): void {
		for (const trade of trades) {
			const end = this.#start + this.#appended;
			const index = end & (chunkSize - 1);
			if (index === 0 && end >> chunkBits === this.#chunks.length) {
				this.#chunks.push(new Chunk());
			}

			const chunk = this.#chunks[end >> chunkBits]!;
			chunk.prices[index] = trade.price;
			chunk.volumes[index] = trade.volume;
			chunk.times[index] = trade.timeMicros;
			chunk.ids[index] = trade.tradeId;
			chunk.flags[index] =
				(trade.side === 'sell' ? sellFlag : 0) | (trade.orderType === 'limit' ? limitFlag : 0);
			this.#appended++;
		}

		this.#dropOverCapacity();
	}

	/** The trade at `index`, 0 being the oldest kept. */
	at(index: number): ExchangeTrade | undefined {
		const past = this.#shownPast();
		if (index < 0 || index >= past.length + this.#appended) {
			return undefined;
		}

		if (index < past.length) {
			return past.trades[past.offset + index];
		}

		const place = this.#start + index - past.length;
		const chunk = this.#chunks[place >> chunkBits]!;
		const row = place & (chunkSize - 1);
		const flags = chunk.flags[row]!;
		return {
			side: flags & sellFlag ? 'sell' : 'buy',
			price: chunk.prices[row]!,
			volume: chunk.volumes[row]!,
			orderType: flags & limitFlag ? 'limit' : 'market',
			timeMicros: chunk.times[row]!,
			tradeId: chunk.ids[row]!,
		};
	}

	/** The index of the first trade at or after `micros`; `size` when there is none. */
	firstAtOrAfter(micros: number): number {
		let low = 0;
		let high = this.size;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.at(middle)!.timeMicros < micros) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		return low;
	}

	/** Up to `count` trades from `index` on, oldest first. */
	slice(index: number, count: number): ExchangeTrade[] {
		const trades: ExchangeTrade[] = [];
		const end = Math.min(this.size, index + count);
		for (let at = Math.max(0, index); at < end; at++) {
			trades.push(this.at(at)!);
		}

		return trades;
	}

	/** The last `count` trades, oldest first. */
	latest(count: number): ExchangeTrade[] {
		return this.slice(this.size - count, count);
	}

	/** The past's trades still kept: the newest of them, as many as the appended leave room for. */
	#shownPast(): Readonly<{trades: readonly ExchangeTrade[]; offset: number; length: number}> {
		const trades = this.#past();
		const length = Math.max(0, Math.min(trades.length, this.capacity - this.#appended));
		return {trades, offset: trades.length - length, length};
	}

	/** Forgets the oldest appended rows past `capacity`, and the chunks they emptied. */
	#dropOverCapacity(): void {
		const excess = this.#appended - this.capacity;
		if (excess <= 0) {
			return;
		}

		this.#start += excess;
		this.#appended -= excess;
		const emptied = this.#start >> chunkBits;
		if (emptied > 0) {
			this.#chunks.splice(0, emptied);
			this.#start &= chunkSize - 1;
		}
	}
}
