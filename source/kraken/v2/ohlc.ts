import * as z from 'zod';
import type {Candle} from '../../model/types.js';
import type {FeedMessage} from '../feed-message.js';
import {
	decodeChecked,
	isCount,
	isChannelMessage,
	isNonNegative,
	isPairName,
	isTimestamp,
	pairName,
	timestamp,
} from './in-place-checks.js';
import {timeOf} from './utc-time.js';

/*
 * The v2 `ohlc` channel (docs/kraken-protocol.md, 8.2): `interval_begin` is a candle's start
 * (`timestamp`, its end, is deprecated), an update re-sends the candle in progress, and minutes
 * without trades have no candle, in a snapshot too.
 */

const number = z.number().finite().nonnegative();

const candleSchema = z.object({
	symbol: z.string().regex(pairName, 'not a pair name'),
	open: number,
	high: number,
	low: number,
	close: number,
	vwap: number,
	volume: number,
	trades: z.number().int().nonnegative(),
	interval_begin: timestamp,
	interval: z.number().int().positive(),
});

export const ohlcMessageSchema = z.object({
	channel: z.literal('ohlc'),
	type: z.enum(['snapshot', 'update']),
	data: z.array(candleSchema),
});

type V2OhlcMessage = z.infer<typeof ohlcMessageSchema>;

const figures = ['open', 'high', 'low', 'close', 'vwap', 'volume'];

/** One candle row, by the schema's rules. */
function isCandleRow(row: Record<string, unknown>): boolean {
	return (
		isPairName(row['symbol']) &&
		figures.every((figure) => isNonNegative(row[figure])) &&
		isCount(row['trades']) &&
		isTimestamp(row['interval_begin']) &&
		Number.isSafeInteger(row['interval']) &&
		(row['interval'] as number) > 0
	);
}

/** The same test as ohlcMessageSchema, made on the parsed frame in place (in-place-checks.ts). */
export function isOhlcMessage(value: Record<string, unknown>): value is V2OhlcMessage {
	return isChannelMessage(value, 'ohlc', isCandleRow);
}

/** How decodeChecked reads these frames: made once, not a message. */
const ohlcChannel = {
	name: 'ohlc message',
	isChecked: isOhlcMessage,
	schema: ohlcMessageSchema,
	convert: toCandles,
};

export function decodeOhlcMessage(value: Record<string, unknown>): FeedMessage {
	return decodeChecked(value, ohlcChannel);
}

/** The one place v2 candle rows become the domain's candles. */
function toCandles(message: V2OhlcMessage): FeedMessage {
	const candles = message.data.map((row): Candle => ({
		pair: row.symbol,
		interval: row.interval,
		start: timeOf(row.interval_begin),
		open: row.open,
		high: row.high,
		low: row.low,
		close: row.close,
		vwap: row.vwap,
		volume: row.volume,
		trades: row.trades,
	}));
	return {kind: 'candles', candles, isSnapshot: message.type === 'snapshot'};
}
