import {decimalsToFit, formatPrice} from './format.js';
import type {BookLevel, BookTop} from './types.js';

/** How long a level that changed stays marked, in milliseconds. */
export const changeMarkMs = 1000;

/** One level of the ladder as drawn: texts already padded to their columns. */
export type LadderRow = Readonly<{
	side: 'ask' | 'bid';
	price: string;
	quantity: string;
	/** Quantity summed from the best level out to this one. */
	total: string;
	/** Cells of the depth bar: the cumulative quantity against the deepest shown. */
	barCells: number;
	isChanged: boolean;
	/** Worth at least the big-trade threshold, as the tape highlights trades. */
	isBig: boolean;
}>;

export type Ladder = Readonly<{
	/** Worst shown first, so the best ask sits just above the spread. */
	asks: readonly LadderRow[];
	/** Best first, just below the spread. */
	bids: readonly LadderRow[];
	spread: number;
	/** The mid price the spread's basis points are of. */
	mid: number;
	columns: Readonly<{price: number; quantity: number; total: number; bar: number}>;
}>;

export type LadderSize = Readonly<{
	/** Levels a side. */
	levels: number;
	/** Characters across, for the columns. */
	width: number;
}>;

/** Cumulative quantities from the best level out. */
function totals(levels: readonly BookLevel[]): number[] {
	let sum = 0;
	return levels.map(([, quantity]) => (sum += quantity));
}

/**
 * A book's best `levels` a side as ladder rows: prices at the pair's decimals, aligned on the
 * point; quantities and totals at one count of decimals each (as many of eight as fit ten
 * characters), so their points align too; a bar of cumulative depth, both sides on one scale.
 */
export function ladderOf(
	book: BookTop,
	size: LadderSize,
	options: Readonly<{
		priceDecimals: number;
		changedAt: ReadonlyMap<number, number>;
		now: number;
		bigNotional: number | undefined;
	}>,
): Ladder {
	const asks = book.asks.slice(0, size.levels);
	const bids = book.bids.slice(0, size.levels);
	const askTotals = totals(asks);
	const bidTotals = totals(bids);
	const deepest = Math.max(askTotals.at(-1) ?? 0, bidTotals.at(-1) ?? 0);
	const quantityDecimals = decimalsToFit(
		Math.max(0, ...[...asks, ...bids].map(([, quantity]) => quantity)),
		8,
		10,
	);
	const totalDecimals = decimalsToFit(deepest, 8, 10);
	const priceWidth = Math.max(
		0,
		...[...asks, ...bids].map(([price]) => formatPrice(price, options.priceDecimals).length),
	);
	const quantityWidth = Math.max(
		0,
		...[...asks, ...bids].map(([, quantity]) => formatPrice(quantity, quantityDecimals).length),
	);
	const totalWidth = formatPrice(deepest, totalDecimals).length;
	// The change mark and a space, the columns and a space after each, and room for a big level's
	// star at the end.
	const bar = Math.max(
		0,
		size.width - (2 + priceWidth + 1 + quantityWidth + 1 + totalWidth + 1 + 2),
	);
	const rowOf =
		(side: 'ask' | 'bid', sideTotals: readonly number[]) =>
		([price, quantity]: BookLevel, index: number): LadderRow => {
			const total = sideTotals[index] ?? 0;
			const changedAt = options.changedAt.get(price);
			return {
				side,
				price: formatPrice(price, options.priceDecimals).padStart(priceWidth),
				quantity: formatPrice(quantity, quantityDecimals).padStart(quantityWidth),
				total: formatPrice(total, totalDecimals).padStart(totalWidth),
				barCells: deepest > 0 ? Math.max(1, Math.round((total / deepest) * bar)) : 0,
				isChanged: changedAt !== undefined && options.now - changedAt < changeMarkMs,
				isBig: options.bigNotional !== undefined && price * quantity >= options.bigNotional,
			};
		};

	const bestAsk = asks[0]?.[0];
	const bestBid = bids[0]?.[0];
	return {
		asks: asks.map(rowOf('ask', askTotals)).reverse(),
		bids: bids.map(rowOf('bid', bidTotals)),
		spread: bestAsk !== undefined && bestBid !== undefined ? bestAsk - bestBid : 0,
		mid: bestAsk !== undefined && bestBid !== undefined ? (bestAsk + bestBid) / 2 : 0,
		columns: {price: priceWidth, quantity: quantityWidth, total: totalWidth, bar},
	};
}

/** Quantity bid against quantity asked over the levels given, as the bid's share (0 to 1). */
export function bookImbalance(book: BookTop, levels: number): number | undefined {
	const sum = (side: readonly BookLevel[]) =>
		side.slice(0, levels).reduce((total, [, quantity]) => total + quantity, 0);
	const bid = sum(book.bids);
	const ask = sum(book.asks);
	return bid + ask > 0 ? bid / (bid + ask) : undefined;
}
