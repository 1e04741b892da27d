import {lotsOf, ticksOf} from './book-text.js';
import type {ListedPair} from './pair-catalog.js';
import {normal} from './random.js';
import type {BookSideName, SimulatedBook} from './simulated-book.js';

/**
 * How a pair's simulated book is laid out: how far apart its levels usually are, how much rests
 * on one, and how many levels a side keeps. Made once per book from the pair and its price.
 */
export type BookShape = Readonly<{
	/** The usual distance between neighbouring levels near the top, in ticks (1 at least). */
	gapTicks: number;
	/** The usual quantity of one order, in lots. */
	orderLots: number;
	/** Levels a side never falls below: more than the deepest subscription (1000) sees. */
	minLevels: number;
	/** Levels a side is cut back to: the worst go, out of every subscriber's sight. */
	maxLevels: number;
}>;

/** A side always holds more than the deepest subscription's 1000 levels, so its window is full. */
export const deepestWindow = 1000;

/**
 * Levels sit about a thousandth of a percent of the price apart, a tick at least (BTC/USD near
 * 68,000: seven ticks of 0.1; Kraken's own BTC/USD top ten spans about ten dollars), and an
 * order is a little under a typical taker's, so a taker order often fills two levels or more.
 */
export function bookShapeOf(pair: ListedPair, price: number): BookShape {
	const gapTicks = Math.max(1, Math.round(ticksOf(pair, price) / 100_000));
	return {
		gapTicks,
		orderLots: Math.max(1, lotsOf(pair, pair.typicalVolume * 0.6)),
		minLevels: deepestWindow + 100,
		maxLevels: deepestWindow + 400,
	};
}

/** An order's size: lognormal around the shape's usual size, a lot at least. */
export function orderSize(shape: BookShape, random: () => number, scale = 1): number {
	return Math.max(1, Math.round(shape.orderLots * scale * Math.exp(normal(random) * 0.8)));
}

/** The distance to the next level out, in ticks: the usual gap on average, a tick at least. */
const nextGap = (shape: BookShape, random: () => number) =>
	1 + Math.floor(random() * (2 * shape.gapTicks - 1));

/**
 * Lays out a book around `price`: the best ask at it, the best bid a tick below, then levels
 * further out on both sides until each holds `maxLevels` (bids stop at one tick).
 */
export function seedBook(
	book: SimulatedBook,
	shape: BookShape,
	price: number,
	random: () => number,
	timeMicros: number,
): void {
	const ask = Math.max(2, ticksOf(book.pair, price));
	book.set('ask', ask, orderSize(shape, random), timeMicros);
	book.set('bid', ask - 1, orderSize(shape, random), timeMicros);
	deepen(book, shape, 'ask', random, timeMicros, shape.maxLevels);
	deepen(book, shape, 'bid', random, timeMicros, shape.maxLevels);
}

/**
 * Keeps both sides between `minLevels` and `maxLevels`: orders placed far out behind the worst
 * level when a side runs short, the worst levels cancelled when it runs long. Either happens a
 * thousand levels out, where no subscriber looks.
 */
export function keepDeep(
	book: SimulatedBook,
	shape: BookShape,
	random: () => number,
	timeMicros: number,
): void {
	for (const side of ['ask', 'bid'] as const) {
		if (book.size(side) < shape.minLevels) {
			deepen(book, shape, side, random, timeMicros, shape.minLevels + 50);
		} else if (book.size(side) > shape.maxLevels) {
			book.trim(side, shape.maxLevels, timeMicros);
		}
	}
}

function deepen(
	book: SimulatedBook,
	shape: BookShape,
	side: BookSideName,
	random: () => number,
	timeMicros: number,
	count: number,
): void {
	const outward = side === 'ask' ? 1 : -1;
	const other = side === 'ask' ? 'bid' : 'ask';
	// An empty side starts beyond the other side's best.
	let ticks = book.levels(side).at(-1)?.ticks ?? book.best(other)?.ticks;
	if (ticks === undefined) {
		return;
	}

	while (book.size(side) < count) {
		ticks += outward * nextGap(shape, random);
		if (ticks < 1) {
			return;
		}

		// Further out, bigger orders: the deep book holds more than its top.
		const depthScale = 1 + book.size(side) / 200;
		book.set(side, ticks, orderSize(shape, random, depthScale), timeMicros);
	}
}
