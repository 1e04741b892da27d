import {orderSize, type BookShape} from './book-shape.js';
import {lotsOf, priceOf, quantityOf, ticksOf} from './book-text.js';
import type {ListedPair} from './pair-catalog.js';
import {normal} from './random.js';
import type {ExchangeTrade} from './market-types.js';

/** What the invented trades lead up to: the market as it opens, and how it moves. */
export type TradesBefore = Readonly<{
	pair: ListedPair;
	shape: BookShape;
	/** The fair price when the market opens, where the last invented trades are. */
	fairPrice: number;
	/** When the market opens, in microseconds: every invented trade is before it. */
	endMicros: number;
	/** The fair price's volatility per square root of a second. */
	volatility: number;
	/** The id the first (oldest) trade gets; the rest follow one by one. */
	firstTradeId: number;
}>;

/** A taker order fills at most this many levels, as book-taker.ts's do. */
const maxFills = 8;

/**
 * `count` trades before the market opens, oldest first, for REST's Trades to page through: taker
 * orders arriving at the pair's calm rate, each filling a level or several out from the spread
 * around a fair price that walks back from where the market opens, every fill of an order at
 * one time (the oldest order may be cut short). No book is walked, as the warm-up's minute walks
 * one, so a thousand trades cost a few milliseconds; ids and times run on without a break into
 * the market's own trades. Simulated, like everything the exchange serves.
 */
export function inventTradesBefore(
	before: TradesBefore,
	count: number,
	random: () => number,
): ExchangeTrade[] {
	const {pair, shape, volatility, firstTradeId} = before;
	const ordersPerSecond = Math.max(pair.ordersPerSecond, 0.1);
	const halfSpread = Math.max(1, Math.round(shape.gapTicks / 2));
	const trades = Array.from<ExchangeTrade>({length: count});
	// An order's fills, best first: ticks and lots, one after the other.
	const fills: number[] = [];
	let next = count;
	let time = before.endMicros;
	let logFair = Math.log(before.fairPrice);
	while (next > 0) {
		// Walking back: the gap to the order before, and where the fair price stood then.
		const seconds = -Math.log(1 - random()) / ordersPerSecond;
		time -= Math.max(1, Math.round(seconds * 1_000_000));
		logFair -= normal(random) * volatility * Math.sqrt(seconds);
		const side = random() < 0.5 ? 'buy' : 'sell';
		const outward = side === 'buy' ? 1 : -1;
		const orderType = random() < 0.65 ? 'market' : 'limit';
		let ticks = ticksOf(pair, Math.exp(logFair)) + outward * halfSpread;
		let lots = Math.max(1, lotsOf(pair, pair.typicalVolume * Math.exp(normal(random) * 0.9)));
		fills.length = 0;
		while (lots > 0 && fills.length < 2 * maxFills && ticks >= 1) {
			const filled = Math.min(lots, orderSize(shape, random));
			fills.push(ticks, filled);
			lots -= filled;
			ticks += outward * (1 + Math.floor(random() * 2 * shape.gapTicks));
		}

		const placed = Math.min(fills.length / 2, next);
		next -= placed;
		for (let fill = 0; fill < placed; fill++) {
			trades[next + fill] = {
				side,
				price: priceOf(pair, fills[2 * fill]!),
				volume: quantityOf(pair, fills[2 * fill + 1]!),
				orderType,
				timeMicros: time,
				tradeId: firstTradeId + next + fill,
			};
		}
	}

	return trades;
}
