import type {ListedPair} from './pair-catalog.js';
import type {MinuteCandle} from './market-types.js';
import {normal, poisson} from './random.js';

const minuteMs = 60_000;

/**
 * A plausible day of one-minute candles before `end`, invented so the simulated ticker has 24-hour
 * figures and the chart a history from the first frame: a random walk from a price a few percent
 * away to `endPrice`, with quiet minutes left empty on quiet pairs. Simulated, like everything the
 * exchange serves, and its status says so.
 */
export function inventPastDay(
	pair: ListedPair,
	endPrice: number,
	end: number,
	random: () => number,
): MinuteCandle[] {
	const minutes = 24 * 60;
	const first = Math.floor(end / minuteMs) * minuteMs - minutes * minuteMs;
	// A walk of the day's minutes, then tilted so it ends where the market stands now.
	const steps = Array.from({length: minutes}, () => normal(random) * 0.0009);
	const drift = steps.reduce((sum, step) => sum + step, 0) / minutes;
	// Whole ticks, divided: the nearest double to the decimal, as book-text.ts's priceOf, and a
	// tenth of the cost of a trip through toFixed (1440 minutes a pair, when the day is made).
	const scale = 10 ** pair.priceDecimals;
	const round = (price: number) => Math.round(price * scale) / scale;
	const candles: MinuteCandle[] = [];
	let logPrice = Math.log(endPrice) - steps.reduce((sum, step) => sum + step - drift, 0);
	// Quiet pairs go minutes without a trade; busy ones hardly ever.
	const tradesPerMinute = pair.ordersPerSecond * 60 * 0.4;
	for (let minute = 0; minute < minutes; minute++) {
		const open = Math.exp(logPrice);
		logPrice += steps[minute]! - drift;
		const close = Math.exp(logPrice);
		const trades = poisson(random, tradesPerMinute);
		if (trades === 0) {
			continue;
		}

		const wiggle = 1 + Math.abs(normal(random)) * 0.0004;
		const high = round(Math.max(open, close) * wiggle);
		const low = round(Math.min(open, close) / wiggle);
		const volume = Number(
			(pair.typicalVolume * trades * Math.exp(normal(random) * 0.5)).toFixed(pair.volumeDecimals),
		);
		const start = first + minute * minuteMs;
		candles.push({
			start,
			open: round(open),
			high,
			low,
			close: round(close),
			volume,
			notional: volume * ((high + low) / 2),
			trades,
			lastMicros: (start + 59_000) * 1000,
		});
	}

	return candles;
}
