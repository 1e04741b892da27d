import {inventPastDay} from './invented-history.js';
import {inventTradesBefore, type TradesBefore} from './invented-trades.js';
import type {MinuteCandle} from './market-types.js';
import {seededRandom} from './random.js';
import type {ExchangeTrade} from './market-types.js';

/** Trades invented before the warm-up, so REST's Trades has a full page (1000) at once. */
export const inventedTradeCount = 1000;

/**
 * A pair's market before it opened: a day of invented minutes, then a thousand invented trades
 * (minutes to an hour of them, by the pair's rate), then the warm-up's trades against the book.
 * The day and the thousand trades are made when first asked for, from a seed of their own: a
 * market of many pairs starts without making any, a pair no one asks about costs nothing, and
 * what is made does not depend on when.
 */
export class InventedPast {
	readonly #before: TradesBefore;
	readonly #seed: number;
	readonly #warmUp: ExchangeTrade[] = [];
	#made: Readonly<{trades: readonly ExchangeTrade[]; minutes: readonly MinuteCandle[]}> | undefined;

	/** `before.firstTradeId` is the first invented trade's; the warm-up's come after all of them. */
	constructor(before: TradesBefore, seed: number) {
		this.#before = before;
		this.#seed = seed;
	}

	/** The warm-up's trades, as the market makes them against its book. */
	addWarmUp(trade: ExchangeTrade): void {
		this.#warmUp.push(trade);
	}

	/** Every trade before the market opened, oldest first, ids and times without a break. */
	get trades(): readonly ExchangeTrade[] {
		return this.#make().trades;
	}

	/** The day's minutes, ending where the invented trades begin. */
	get minutes(): readonly MinuteCandle[] {
		return this.#make().minutes;
	}

	#make() {
		if (!this.#made) {
			const random = seededRandom(this.#seed);
			const invented = inventTradesBefore(this.#before, inventedTradeCount, random);
			const first = invented[0];
			const minutes = inventPastDay(
				this.#before.pair,
				first?.price ?? this.#before.fairPrice,
				(first?.timeMicros ?? this.#before.endMicros) / 1000,
				random,
			);
			this.#made = {trades: [...invented, ...this.#warmUp], minutes};
		}

		return this.#made;
	}
}
