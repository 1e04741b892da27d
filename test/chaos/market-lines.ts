import {z} from 'zod';
import type {ListedPair} from '../../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';

// The ticker and candle lines of --json (json-lines.ts): what makes one well formed, and what
// each pair's last one must say once the market has halted.

const price = z.number().positive().finite();
const quantity = z.number().nonnegative().finite();
const isoTime = z.string().refine((text) => Number.isFinite(Date.parse(text)), 'not a time');

const tickerLine = z
	.object({
		type: z.literal('ticker'),
		pair: z.string(),
		last: price,
		bid: price,
		bidQty: quantity,
		ask: price,
		askQty: quantity,
		high: price,
		low: price,
		volume: quantity,
		vwap: price,
		change: z.number().finite(),
		changePct: z.number().finite(),
		time: isoTime,
	})
	.refine((ticker) => ticker.low <= ticker.high, 'low above high')
	.refine(
		(ticker) => ticker.low <= ticker.last && ticker.last <= ticker.high,
		'last outside the day',
	)
	.refine((ticker) => ticker.bid <= ticker.ask, 'bid above ask');

const candleLine = z
	.object({
		type: z.literal('candle'),
		pair: z.string(),
		interval: z.number().int().positive(),
		start: isoTime,
		open: price,
		high: price,
		low: price,
		close: price,
		vwap: z.number().nonnegative().finite(),
		volume: quantity,
		trades: z.number().int().nonnegative(),
	})
	.refine(
		(candle) => Date.parse(candle.start) % (candle.interval * 60_000) === 0,
		'start not on the interval',
	)
	.refine(
		(candle) =>
			candle.low <= Math.min(candle.open, candle.close) &&
			Math.max(candle.open, candle.close) <= candle.high,
		'open or close outside low and high',
	)
	.refine(
		(candle) => candle.trades === 0 || (candle.low <= candle.vwap && candle.vwap <= candle.high),
		'vwap outside low and high',
	);

export type WrittenTicker = z.infer<typeof tickerLine>;
export type WrittenCandle = z.infer<typeof candleLine>;

/** A line of the kind, or why it is not well formed. */
export function readTicker(value: unknown): WrittenTicker | string {
	const result = tickerLine.safeParse(value);
	return result.success ? result.data : problemOf(result.error);
}

export function readCandle(value: unknown): WrittenCandle | string {
	const result = candleLine.safeParse(value);
	return result.success ? result.data : problemOf(result.error);
}

const problemOf = (error: z.ZodError) =>
	error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ');

/** A row of Kraken's OHLC answer: `[time, open, high, low, close, vwap, volume, count]`. */
export type OhlcRow = [number, string, string, string, string, string, string, number];

/**
 * Each pair's candles as the exchange has them, from its REST OHLC asked straight (no proxy):
 * the same figures its ohlc channel sends (rest-ohlc.ts), as Kraken's rows, keyed by v2 symbol.
 */
export async function exchangeCandles(
	httpUrl: string,
	pairs: readonly ListedPair[],
	interval: number,
): Promise<Map<string, readonly OhlcRow[]>> {
	const candles = new Map<string, readonly OhlcRow[]>();
	for (const pair of pairs) {
		const url = `${httpUrl}/0/public/OHLC?pair=${encodeURIComponent(pair.symbol)}&interval=${interval}`;
		const body = (await (await fetch(url)).json()) as {
			error: string[];
			result?: Record<string, unknown>;
		};
		const key = Object.keys(body.result ?? {}).find((name) => name !== 'last');
		if (body.error.length > 0 || key === undefined) {
			throw new Error(`the exchange's OHLC of ${pair.symbol}: ${body.error.join(', ')}`);
		}

		candles.set(pair.symbol, body.result![key] as OhlcRow[]);
	}

	return candles;
}

/**
 * Why a pair's last candle line differs from the exchange's candle of the same start, or
 * `undefined` when it is the same: prices at the pair's decimals, volume at its lot decimals.
 */
export function candleDifference(
	pair: ListedPair,
	written: WrittenCandle | undefined,
	exchange: readonly OhlcRow[] | undefined,
): string | undefined {
	if (written === undefined) {
		return 'no candle line written';
	}

	const start = Date.parse(written.start) / 1000;
	const row = exchange?.find(([time]) => time === start);
	if (row === undefined) {
		return `the exchange has no candle at ${written.start}`;
	}

	const prices = (values: readonly (string | number)[]) =>
		values.map((value) => Number(value).toFixed(pair.priceDecimals)).join(' ');
	const [, open, high, low, close, vwap, volume, count] = row;
	const expected = `${prices([open, high, low, close, vwap])} ${Number(volume).toFixed(pair.volumeDecimals)} ${count}`;
	const got = `${prices([written.open, written.high, written.low, written.close, written.vwap])} ${written.volume.toFixed(pair.volumeDecimals)} ${written.trades}`;
	return got === expected
		? undefined
		: `candle at ${written.start}: ${got} against the exchange's ${expected}`;
}

/** Why a pair's last ticker line does not show the last trade made, or `undefined`. */
export function tickerDifference(
	pair: ListedPair,
	written: WrittenTicker | undefined,
	lastMade: ExchangeTrade | undefined,
): string | undefined {
	if (written === undefined || lastMade === undefined) {
		return written === undefined ? 'no ticker line written' : 'the exchange made no trade';
	}

	const text = (value: number) => value.toFixed(pair.priceDecimals);
	return text(written.last) === text(lastMade.price)
		? undefined
		: `last ${text(written.last)} against the last trade made at ${text(lastMade.price)}`;
}
