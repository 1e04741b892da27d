import {OrderBook} from '../../source/kraken/book/order-book.js';
import type {WireLevel} from '../../source/kraken/book/checksum.js';
import {decimalText, ticksOf} from '../../source/simulator/book-text.js';
import type {ListedPair} from '../../source/simulator/pair-catalog.js';
import {seededRandom} from '../../source/simulator/random.js';
import {bookMessageV2} from '../../source/simulator/wire-v2.js';

type Side = 'asks' | 'bids';
type Change = {asks: WireLevel[]; bids: WireLevel[]};

/** Levels counted as "near the top", where most of a real book's traffic is. */
const nearTop = 25;
const epochMicros = () => Math.floor((performance.timeOrigin + performance.now()) * 1000);

/**
 * One pair's book on the firehose, at the depth a client subscribed: a snapshot of full depth,
 * then updates as Kraken's v2 book sends them (docs/kraken-protocol.md, 9). The book is kept by
 * the client's own OrderBook and each message applied to it exactly as a client applies it, so
 * every checksum sent is right by construction; the prices and quantities are written as text
 * from whole ticks and lots (never a double's toFixed), quantities at the pair's lot decimals
 * with their trailing zeros. Seeded, so every client of a run gets the same frames.
 */
export class BookFlow {
	readonly #pair: ListedPair;
	readonly #book: OrderBook;
	readonly #random: () => number;
	/** The tick between the bids and the asks. */
	readonly #middle: number;

	constructor(pair: ListedPair, depth: number, seed: number) {
		this.#pair = pair;
		this.#middle = ticksOf(pair, pair.startPrice);
		this.#book = new OrderBook(depth);
		this.#random = seededRandom(seed);
	}

	get checksum(): number {
		return this.#book.checksum();
	}

	/** The whole book at the subscribed depth, about its start price, a tick or few apart. */
	snapshot(): string {
		const side = (direction: 1 | -1) => {
			const levels: WireLevel[] = [];
			let tick = this.#middle + direction;
			for (let index = 0; index < this.#book.depth; index++) {
				levels.push(this.#level(tick));
				tick += direction * this.#gap();
			}

			return levels;
		};

		const asks = side(1);
		const bids = side(-1);
		this.#book.replace(asks, bids);
		return this.#frame('snapshot', {asks, bids});
	}

	/**
	 * The next update: mostly new quantities near the top; some a level taken out with the level
	 * that enters the window from beyond in the same message, as Kraken refills it; some a new
	 * level inside the book, which pushes its last one out (Kraken sends nothing for that: each
	 * side is cut to the depth). Now and then the other side changes in the same message. New
	 * levels come a little more often than removals because some land on a price already held:
	 * so balanced, the top stays as dense as the snapshot's over hundreds of thousands of updates.
	 */
	update(): string {
		const side: Side = this.#random() < 0.5 ? 'asks' : 'bids';
		const other: Side = side === 'asks' ? 'bids' : 'asks';
		const change: Change = {asks: [], bids: []};
		const kind = this.#random();
		if (kind < 0.12) {
			this.#removeAndRefill(side, change);
		} else if (kind < 0.3) {
			this.#insert(side, change);
		} else {
			const count = 1 + (this.#random() < 0.3 ? 1 : 0) + (this.#random() < 0.1 ? 1 : 0);
			for (let made = 0; made < count; made++) {
				this.#requantify(side, change);
			}
		}

		if (this.#random() < 0.1) {
			this.#requantify(other, change);
		}

		const unknown = this.#book.update(change.asks, change.bids);
		const {asks, bids, depth} = this.#book;
		if (unknown > 0 || asks.size !== depth || bids.size !== depth) {
			throw new Error(`the firehose's ${this.#pair.symbol} book lost its shape`);
		}

		return this.#frame('update', change);
	}

	#frame(type: 'snapshot' | 'update', change: Change): string {
		const checksum = this.#book.checksum();
		return bookMessageV2(type, this.#pair, {...change, checksum, timeMicros: epochMicros()});
	}

	#requantify(side: Side, change: Change): void {
		const [price] = this.#book[side].level(this.#nearTopIndex(side))!;
		change[side].push([price, this.#quantity()]);
	}

	/** Takes a level out and publishes the one beyond the last, so the side stays at depth. */
	#removeAndRefill(side: Side, change: Change): void {
		const levels = this.#book[side];
		const [price] = levels.level(this.#nearTopIndex(side))!;
		const last = ticksOf(this.#pair, Number(levels.level(levels.size - 1)![0]));
		const direction = side === 'asks' ? 1 : -1;
		change[side].push([price, decimalText(0, this.#pair.volumeDecimals)]);
		change[side].push(this.#level(last + direction * this.#gap()));
	}

	/**
	 * A level near the top, at a price drawn about the book's middle: anchored there, new levels
	 * pull the top back as deletions thin it, so the book never wanders over a long run. Asks stay
	 * above the middle and bids below, so the book never crosses. A price already held gets a new
	 * quantity instead, as an order joining a level would.
	 */
	#insert(side: Side, change: Change): void {
		const levels = this.#book[side];
		const direction = side === 'asks' ? 1 : -1;
		const edge = levels.level(Math.min(nearTop, levels.size) - 1)!;
		const span = Math.max(1, Math.abs(ticksOf(this.#pair, Number(edge[0])) - this.#middle));
		const distance = 1 + Math.floor(span * this.#random() ** 2);
		change[side].push(this.#level(this.#middle + direction * Math.min(distance, span)));
	}

	/** An index near the best, the best the likeliest. */
	#nearTopIndex(side: Side): number {
		const size = Math.min(nearTop, this.#book[side].size);
		return Math.floor(size * this.#random() ** 2);
	}

	#level(tick: number): WireLevel {
		return [decimalText(tick, this.#pair.priceDecimals), this.#quantity()];
	}

	#gap(): number {
		return 1 + Math.floor(this.#random() * 3);
	}

	/** From a tenth of a typical order to a hundred of them; a fifth are round (`0.05000000`). */
	#quantity(): string {
		const lotsPerUnit = 10 ** this.#pair.volumeDecimals;
		let lots = Math.round(this.#pair.typicalVolume * lotsPerUnit * 10 ** (this.#random() * 3 - 1));
		if (this.#random() < 0.2) {
			const round = lotsPerUnit / 100;
			lots = Math.max(round, Math.round(lots / round) * round);
		}

		return decimalText(Math.max(1, lots), this.#pair.volumeDecimals);
	}
}
