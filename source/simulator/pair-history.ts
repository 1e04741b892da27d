import type {ExchangeTrade, MinuteCandle, Quote, Summary} from './market-types.js';
import type {ListedPair} from './pair-catalog.js';

// bench/ reads these two from here.

/** Where the best bid and ask come from: the pair's book (simulated-book.ts). */
export type QuoteSource = Readonly<{quote(): Quote | undefined}>;

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;
/** Three days of minutes: a day for the ticker's window, and room for longer candles. */
const keptMinutes = 3 * 24 * 60;

/** Sums minute candles, oldest first; undefined when there are none. */
export function summarise(minutes: readonly MinuteCandle[], start: number): Summary | undefined {
	const first = minutes[0];
	const last = minutes.at(-1);
	if (!first || !last) {
		return undefined;
	}

	let high = first.high;
	let low = first.low;
	let volume = 0;
	let notional = 0;
	let trades = 0;
	for (const minute of minutes) {
		high = Math.max(high, minute.high);
		low = Math.min(low, minute.low);
		volume += minute.volume;
		notional += minute.notional;
		trades += minute.trades;
	}

	const vwap = volume > 0 ? notional / volume : last.close;
	return {
		start,
		open: first.open,
		high,
		low,
		close: last.close,
		volume,
		vwap,
		trades,
		lastMicros: last.lastMicros,
	};
}

/**
 * A pair's recent history on the simulated exchange, minute by minute: what its ticker and its
 * candles of every interval are made from, so both follow the trades the exchange sends. The
 * ticker's best bid and ask are the pair's book's best levels.
 */
export class PairHistory {
	readonly pair: ListedPair;
	readonly #minutes: MinuteCandle[];
	readonly #quotes: QuoteSource | undefined;
	#lastVolume = 0;

	constructor(pair: ListedPair, past: readonly MinuteCandle[] = [], quotes?: QuoteSource) {
		this.pair = pair;
		this.#minutes = [...past];
		this.#quotes = quotes;
	}

	get last(): MinuteCandle | undefined {
		return this.#minutes.at(-1);
	}

	/** The last trade's volume, for v1's ticker. */
	get lastVolume(): number {
		return this.#lastVolume;
	}

	/** The best bid and ask: the book's best levels as they stand. */
	get quote(): Quote | undefined {
		return this.#quotes?.quote();
	}

	add(trades: readonly ExchangeTrade[]): void {
		for (const trade of trades) {
			this.#addTrade(trade);
		}

		const last = trades.at(-1);
		if (last) {
			this.#lastVolume = last.volume;
		}

		if (this.#minutes.length > keptMinutes) {
			this.#minutes.splice(0, this.#minutes.length - keptMinutes);
		}
	}

	/** The candle of `interval` minutes that holds `time`, if it has trades. */
	candleAt(interval: number, time: number): Summary | undefined {
		const start = Math.floor(time / (interval * minuteMs)) * interval * minuteMs;
		return summarise(this.#between(start, start + interval * minuteMs), start);
	}

	/** Up to `count` candles of `interval` minutes, oldest first; intervals without trades have none. */
	candles(interval: number, count: number): Summary[] {
		const intervalMs = interval * minuteMs;
		const candles: Summary[] = [];
		let group: MinuteCandle[] = [];
		let groupStart = Number.NaN;
		for (const minute of this.#minutes) {
			const start = Math.floor(minute.start / intervalMs) * intervalMs;
			if (start !== groupStart && group.length > 0) {
				candles.push(summarise(group, groupStart)!);
				group = [];
			}

			groupStart = start;
			group.push(minute);
		}

		if (group.length > 0) {
			candles.push(summarise(group, groupStart)!);
		}

		return candles.slice(-count);
	}

	/** The 24 hours up to `now`, and the day so far (from 00:00 UTC, for v1's "today"). */
	ticker(now: number): Readonly<{day: Summary; today: Summary | undefined}> | undefined {
		const day = summarise(this.#between(now - dayMs, now + minuteMs), now - dayMs);
		const midnight = Math.floor(now / dayMs) * dayMs;
		return day && {day, today: summarise(this.#between(midnight, now + minuteMs), midnight)};
	}

	#addTrade(trade: ExchangeTrade): void {
		const time = Math.floor(trade.timeMicros / 1000);
		const start = Math.floor(time / minuteMs) * minuteMs;
		const minutes = this.#minutes;
		const last = minutes.at(-1);
		const notional = trade.price * trade.volume;
		if (last && last.start === start) {
			// Written out, not spread: a spread copy costs several times as much, and a history takes
			// in its pair's thousand past trades at once.
			minutes[minutes.length - 1] = {
				start,
				open: last.open,
				high: Math.max(last.high, trade.price),
				low: Math.min(last.low, trade.price),
				close: trade.price,
				volume: last.volume + trade.volume,
				notional: last.notional + notional,
				trades: last.trades + 1,
				lastMicros: trade.timeMicros,
			};
		} else if (!last || start > last.start) {
			minutes.push({
				start,
				open: trade.price,
				high: trade.price,
				low: trade.price,
				close: trade.price,
				volume: trade.volume,
				notional,
				trades: 1,
				lastMicros: trade.timeMicros,
			});
		}
	}

	/** Minutes starting in [from, to). */
	#between(from: number, to: number): MinuteCandle[] {
		return this.#minutes.filter((minute) => minute.start >= from && minute.start < to);
	}
}
