import type {Side} from '../model/types.js';
import type {BookSideName, SimulatedBook} from './simulated-book.js';

/** What one taker order filled: the price level and the quantity, best level first. */
export type Fill = Readonly<{ticks: number; lots: number}>;

/**
 * A taker order of `lots` against the book: a buy takes asks from the best up, a sell bids
 * from the best down, until it is filled or has taken `maxLevels` levels; the rest is not
 * filled (immediate or cancel). Each level it takes from is one fill, at that level's price.
 */
export function takeLiquidity(
	book: SimulatedBook,
	side: Side,
	lots: number,
	timeMicros: number,
	maxLevels = 8,
): Fill[] {
	const bookSide: BookSideName = side === 'buy' ? 'ask' : 'bid';
	const fills: Fill[] = [];
	let wanted = lots;
	while (wanted > 0 && fills.length < maxLevels) {
		const best = book.best(bookSide);
		if (!best) {
			break;
		}

		const taken = book.take(bookSide, best.ticks, wanted, timeMicros);
		fills.push({ticks: best.ticks, lots: taken});
		wanted -= taken;
	}

	return fills;
}
