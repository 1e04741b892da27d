import * as z from 'zod';
import type {Candle} from '../../model/types.js';
import {describeIssues, type FeedMessage} from '../feed-message.js';
import {pairName} from './trade.js';

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
	interval_begin: z.iso.datetime({offset: true}),
	interval: z.number().int().positive(),
});

const ohlcMessageSchema = z.object({
	channel: z.literal('ohlc'),
	type: z.enum(['snapshot', 'update']),
	data: z.array(candleSchema),
});

export function decodeOhlcMessage(value: Record<string, unknown>): FeedMessage {
	const parsed = ohlcMessageSchema.safeParse(value);
	if (!parsed.success) {
		return {kind: 'unrecognised', reason: `ohlc message ${describeIssues(parsed.error.issues)}`};
	}

	const candles = parsed.data.data.map((row): Candle => ({
		pair: row.symbol,
		interval: row.interval,
		start: Date.parse(row.interval_begin),
		open: row.open,
		high: row.high,
		low: row.low,
		close: row.close,
		vwap: row.vwap,
		volume: row.volume,
		trades: row.trades,
	}));
	return {kind: 'candles', candles, isSnapshot: parsed.data.type === 'snapshot'};
}
