import {candleIntervals} from '../../model/types.js';
import type {Summary} from '../market-types.js';
import type {PairHistory} from '../pair-history.js';
import {ohlcResult, restError} from '../wire-rest.js';
import {
	integerArgument,
	invalidArguments,
	isRefusal,
	pairArgument,
	sinceSeconds,
} from './rest-arguments.js';
import type {RestMarket} from './rest-market.js';

/** "Returns up to 720 of the most recent entries" (docs: Get OHLC Data). */
const maxCandles = 720;

/**
 * The last `maxCandles` intervals up to the one in progress, every one of them: an interval
 * without trades is a flat candle at the close before it (vwap, volume and count zero), as Kraken
 * answers; the series starts at the first candle with trades in that window.
 */
export function candleSeries(history: PairHistory, interval: number, now: number): Summary[] {
	const intervalMs = interval * 60_000;
	const traded = history.candles(interval, maxCandles);
	const newest = traded.at(-1);
	// A trade stamped a moment ahead of the clock opens the next candle early; it is the current one.
	const end = Math.max(Math.floor(now / intervalMs) * intervalMs, newest?.start ?? 0);
	const windowStart = end - (maxCandles - 1) * intervalMs;
	const firstIndex = traded.findIndex((candle) => candle.start >= windowStart);
	if (firstIndex === -1) {
		return [];
	}

	const series: Summary[] = [];
	let index = firstIndex;
	let close = traded[firstIndex]!.open;
	for (let start = traded[firstIndex]!.start; start <= end; start += intervalMs) {
		const candle = traded[index];
		if (candle?.start === start) {
			series.push(candle);
			close = candle.close;
			index++;
		} else {
			series.push({
				start,
				open: close,
				high: close,
				low: close,
				close,
				volume: 0,
				vwap: 0,
				trades: 0,
				lastMicros: start * 1000,
			});
		}
	}

	return series;
}

/**
 * GET /0/public/OHLC?pair=P&interval=I&since=S (docs/kraken-channels.md, 3.3): rows of
 * `[start, open, high, low, close, vwap, volume, count]`, the last the candle in progress, each
 * one with trades the same figures the ohlc channel sends for it. `since` (seconds) keeps the
 * candles that start after it; `last` is the start of the last committed candle, the `since`
 * that polls for the candles that follow.
 */
export function answerOhlc(query: URLSearchParams, market: RestMarket): string {
	const names = pairArgument(query, market.pairs);
	if (isRefusal(names)) {
		return restError(names.error);
	}

	const interval = integerArgument(query.get('interval'), 1, 1, Number.MAX_SAFE_INTEGER);
	const since = sinceSeconds(query.get('since'));
	if (interval === undefined || !(candleIntervals as readonly number[]).includes(interval)) {
		return restError(invalidArguments);
	}

	if (isRefusal(since)) {
		return restError(since.error);
	}

	const now = market.now();
	const intervalMs = interval * 60_000;
	const series = candleSeries(market.history(names.pair), interval, now);
	const current = series.at(-1)?.start ?? Math.floor(now / intervalMs) * intervalMs;
	const shown =
		since === undefined ? series : series.filter((candle) => candle.start > since * 1000);
	return ohlcResult(names, shown, (current - intervalMs) / 1000);
}
