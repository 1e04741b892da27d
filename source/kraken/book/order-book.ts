import {crc32} from 'node:zlib';
import type {BookLevel} from '../../model/types.js';
import {BookSide} from './book-side.js';
import {checksumLevels, type WireLevel} from './checksum.js';

/**
 * One pair's book as the exchange wrote it, kept to the subscribed depth: a snapshot replaces it,
 * an update writes its levels in the order sent (the same price may come twice in one message),
 * then each side is cut to the depth, as Kraken's own book is, before the checksum is taken.
 */
export class OrderBook {
	readonly depth: number;
	readonly asks = new BookSide('ask');
	readonly bids = new BookSide('bid');
	/** The last checksum taken, and the sides' top versions it was taken at. */
	#lastChecksum: Readonly<{value: number; asks: number; bids: number}> | undefined;

	constructor(depth: number) {
		this.depth = depth;
	}

	/** Replaces the whole book. */
	replace(asks: readonly WireLevel[], bids: readonly WireLevel[]): void {
		this.asks.clear();
		this.bids.clear();
		this.update(asks, bids);
	}

	/**
	 * Writes each side's levels in order and cuts both to the depth. Returns how many deletions
	 * named a price the book did not hold.
	 */
	update(asks: readonly WireLevel[], bids: readonly WireLevel[]): number {
		let unknown = 0;
		for (const level of asks) {
			unknown += this.asks.apply(level) ? 0 : 1;
		}

		for (const level of bids) {
			unknown += this.bids.apply(level) ? 0 : 1;
		}

		this.asks.truncate(this.depth);
		this.bids.truncate(this.depth);
		return unknown;
	}

	/**
	 * Kraken's checksum of the book as it stands (docs/kraken-protocol.md, 9). It reads only the
	 * best levels of each side, so while neither side's best levels changed it is the last one.
	 */
	checksum(): number {
		const asks = this.asks.topVersion;
		const bids = this.bids.topVersion;
		const last = this.#lastChecksum;
		if (last?.asks === asks && last.bids === bids) {
			return last.value;
		}

		const text = this.asks.tokens(checksumLevels) + this.bids.tokens(checksumLevels);
		const value = crc32(text) >>> 0;
		this.#lastChecksum = {value, asks, bids};
		return value;
	}

	/** The best `count` levels of each side, as numbers. */
	top(count: number): {asks: BookLevel[]; bids: BookLevel[]} {
		return {asks: this.asks.top(count), bids: this.bids.top(count)};
	}
}
