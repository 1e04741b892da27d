import {orderSize, type BookShape} from './book-shape.js';
import type {BookSideName, SimulatedBook} from './simulated-book.js';

/*
 * How the simulated book moves between trades: makers place, join and cancel orders near the
 * top, drawn towards the market's fair price (takers are book-taker.ts). Every draw comes from
 * the market's seeded random source, so a seed replays the same book.
 */

/** An exponential draw with the given mean: small distances often, large ones now and then. */
const exponential = (random: () => number, mean: number) => -Math.log(1 - random()) * mean;

/**
 * `events` maker actions, each on a side chosen at random: half place a new order near the
 * fair price (inside the spread when there is room, behind the best levels otherwise, which
 * refills the levels takers consumed), a third cancel all or part of a level near the top (the
 * best level at once when the fair price has left it behind), the rest join one of the best
 * ten levels.
 */
export function moveBook(
	book: SimulatedBook,
	shape: BookShape,
	fairTicks: number,
	events: number,
	random: () => number,
	timeMicros: number,
): void {
	for (let event = 0; event < events; event++) {
		const side: BookSideName = random() < 0.5 ? 'ask' : 'bid';
		const roll = random();
		if (roll < 0.5) {
			placeOrder(book, shape, side, fairTicks, random, timeMicros);
		} else if (roll < 0.85) {
			cancelOrder(book, shape, side, fairTicks, random, timeMicros);
		} else {
			const index = Math.floor(random() * Math.min(10, book.size(side)));
			const level = book.levels(side)[index];
			if (level) {
				book.add(side, level.ticks, orderSize(shape, random), timeMicros);
			}
		}
	}
}

function placeOrder(
	book: SimulatedBook,
	shape: BookShape,
	side: BookSideName,
	fairTicks: number,
	random: () => number,
	timeMicros: number,
): void {
	const halfSpread = Math.max(1, Math.round(shape.gapTicks / 2));
	const fair = Math.round(fairTicks);
	// Never across the other side: an order that would cross is a taker's, not a maker's.
	const distance = Math.floor(exponential(random, 2 * shape.gapTicks));
	const bestBid = book.best('bid')?.ticks;
	const bestAsk = book.best('ask')?.ticks;
	const ticks =
		side === 'ask'
			? Math.max((bestBid ?? 0) + 1, fair + halfSpread) + distance
			: Math.min((bestAsk ?? Number.MAX_SAFE_INTEGER) - 1, fair - halfSpread) - distance;
	if (ticks >= 1) {
		book.add(side, ticks, orderSize(shape, random), timeMicros);
	}
}

function cancelOrder(
	book: SimulatedBook,
	shape: BookShape,
	side: BookSideName,
	fairTicks: number,
	random: () => number,
	timeMicros: number,
): void {
	const levels = book.levels(side);
	const best = levels[0];
	if (!best || levels.length < 2) {
		return;
	}

	// A best level the fair price has moved two gaps past is a stale quote its maker pulls.
	const staleBy = side === 'ask' ? fairTicks - best.ticks : best.ticks - fairTicks;
	const isStale = staleBy > 2 * shape.gapTicks;
	const index = isStale ? 0 : Math.min(levels.length - 1, Math.floor(exponential(random, 3)));
	const level = levels[index]!;
	const left = isStale || random() < 0.5 ? 0 : Math.floor(level.lots * (0.2 + random() * 0.6));
	book.set(side, level.ticks, left, timeMicros);
}
