import * as z from 'zod';
import {describeIssues, type FeedMessage} from '../feed-message.js';
import {pairName} from './trade.js';

/*
 * The v2 `ticker` channel (docs/kraken-protocol.md, 8.1): one entry per message, every figure
 * over the last 24 hours, `change` in the quote currency and `change_pct` in percent. Frames
 * before 2026 have no `timestamp` or `trades`.
 */

const price = z.number().finite().nonnegative();

const tickerSchema = z.object({
	symbol: z.string().regex(pairName, 'not a pair name'),
	bid: price,
	bid_qty: price,
	ask: price,
	ask_qty: price,
	last: price,
	volume: price,
	vwap: price,
	low: price,
	high: price,
	change: z.number().finite(),
	change_pct: z.number().finite(),
	timestamp: z.iso.datetime({offset: true}).optional(),
});

const tickerMessageSchema = z.object({
	channel: z.literal('ticker'),
	type: z.enum(['snapshot', 'update']),
	data: z.array(tickerSchema).min(1),
});

export function decodeTickerMessage(value: Record<string, unknown>): FeedMessage {
	const parsed = tickerMessageSchema.safeParse(value);
	if (!parsed.success) {
		return {kind: 'unrecognised', reason: `ticker message ${describeIssues(parsed.error.issues)}`};
	}

	// "The ticker element is always the first and only item in the data payload" (docs).
	const [entry] = parsed.data.data;
	const {symbol, bid_qty: bidQty, ask_qty: askQty, change_pct: changePct, timestamp} = entry!;
	return {
		kind: 'ticker',
		ticker: {
			pair: symbol,
			last: entry!.last,
			bid: entry!.bid,
			bidQty,
			ask: entry!.ask,
			askQty,
			high: entry!.high,
			low: entry!.low,
			volume: entry!.volume,
			vwap: entry!.vwap,
			change: entry!.change,
			changePct,
			...(timestamp === undefined ? {} : {time: Date.parse(timestamp)}),
		},
		isSnapshot: parsed.data.type === 'snapshot',
	};
}
