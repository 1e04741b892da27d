import {bookShapeOf, keepDeep, orderSize, seedBook, type BookShape} from './book-shape.js';
import {lotsOf, ticksOf} from './book-text.js';
import type {ListedPair} from './pair-catalog.js';
import {seededRandom} from './random.js';
import {SimulatedBook, type BookSideName} from './simulated-book.js';
import type {ExchangeTrade} from './market-types.js';

/** A seed from the pair's name, so the same recording gets the same book every time. */
function seedOf(symbol: string): number {
	let hash = 2_166_136_261;
	for (const character of symbol) {
		hash = Math.imul(hash ^ character.charCodeAt(0), 16_777_619);
	}

	return hash >>> 0;
}

/**
 * A book for trades made elsewhere: a replayed recording, or a test's scripted trades, whose
 * source keeps no book. It is laid out around the pair's last price and bent to each trade as
 * the trade arrives, so that the trade could have happened on it: the levels the price passed
 * are gone, the traded level keeps a remainder (a buy leaves the ask at its price), and the other
 * side's best is a tick away. It does not move between trades, and unlike the simulated market's
 * book it only has the traded price once the trade is in.
 */
export class FollowingBook {
	readonly book: SimulatedBook;
	readonly #shape: BookShape;
	readonly #random: () => number;

	constructor(pair: ListedPair, price: number, timeMicros: number) {
		this.book = new SimulatedBook(pair);
		this.#shape = bookShapeOf(pair, price);
		this.#random = seededRandom(seedOf(pair.symbol));
		seedBook(this.book, this.#shape, price, this.#random, timeMicros);
	}

	follow(trades: readonly ExchangeTrade[]): void {
		for (const trade of trades) {
			this.#follow(trade);
		}

		const last = trades.at(-1);
		if (last) {
			keepDeep(this.book, this.#shape, this.#random, last.timeMicros);
		}
	}

	#follow({side, price, volume, timeMicros}: ExchangeTrade): void {
		const {book} = this;
		const ticks = ticksOf(book.pair, price);
		const lots = Math.max(1, lotsOf(book.pair, volume));
		const taken: BookSideName = side === 'buy' ? 'ask' : 'bid';
		const other: BookSideName = side === 'buy' ? 'bid' : 'ask';
		// Levels better than the price on the taker's side went first; none may cross it on the other.
		for (let best = book.best(taken); best && book.isBetter(taken, best.ticks, ticks);) {
			book.set(taken, best.ticks, 0, timeMicros);
			best = book.best(taken);
		}

		for (let best = book.best(other); best && !book.isBetter(taken, best.ticks, ticks);) {
			book.set(other, best.ticks, 0, timeMicros);
			best = book.best(other);
		}

		if ((book.at(taken, ticks)?.lots ?? 0) <= lots) {
			book.set(taken, ticks, lots + orderSize(this.#shape, this.#random), timeMicros);
		}

		book.take(taken, ticks, lots, timeMicros);
		const beside = side === 'buy' ? ticks - 1 : ticks + 1;
		const best = book.best(other);
		if (beside >= 1 && (!best || book.isBetter(other, beside, best.ticks))) {
			book.set(other, beside, orderSize(this.#shape, this.#random), timeMicros);
		}
	}
}
