import * as z from 'zod';
import type {FeedMessage} from '../feed-message.js';
import {
	decodeChecked,
	isChannelMessage,
	isNonNegative,
	isNumber,
	isPairName,
	isTimestamp,
	pairName,
	timestamp,
} from './in-place-checks.js';
import {timeOf} from './utc-time.js';

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
	timestamp: timestamp.optional(),
});

export const tickerMessageSchema = z.object({
	channel: z.literal('ticker'),
	type: z.enum(['snapshot', 'update']),
	data: z.array(tickerSchema).min(1),
});

type V2TickerMessage = z.infer<typeof tickerMessageSchema>;

const figures = ['bid', 'bid_qty', 'ask', 'ask_qty', 'last', 'volume', 'vwap', 'low', 'high'];

/** One ticker entry, by the schema's rules. */
function isTickerEntry(entry: Record<string, unknown>): boolean {
	return (
		isPairName(entry['symbol']) &&
		figures.every((figure) => isNonNegative(entry[figure])) &&
		isNumber(entry['change']) &&
		isNumber(entry['change_pct']) &&
		(entry['timestamp'] === undefined || isTimestamp(entry['timestamp']))
	);
}

/** The same test as tickerMessageSchema, made on the parsed frame in place (in-place-checks.ts). */
export function isTickerMessage(value: Record<string, unknown>): value is V2TickerMessage {
	// "The ticker element is always the first and only item in the data payload" (docs).
	return (
		isChannelMessage(value, 'ticker', isTickerEntry) && (value['data'] as unknown[]).length > 0
	);
}

/** How decodeChecked reads these frames: made once, not a message. */
const tickerChannel = {
	name: 'ticker message',
	isChecked: isTickerMessage,
	schema: tickerMessageSchema,
	convert: toTicker,
};

export function decodeTickerMessage(value: Record<string, unknown>): FeedMessage {
	return decodeChecked(value, tickerChannel);
}

/** The one place a v2 ticker entry becomes the domain's ticker. */
function toTicker(message: V2TickerMessage): FeedMessage {
	// "The ticker element is always the first and only item in the data payload" (docs).
	const [entry] = message.data;
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
			...(timestamp === undefined ? {} : {time: timeOf(timestamp)}),
		},
		isSnapshot: message.type === 'snapshot',
	};
}
