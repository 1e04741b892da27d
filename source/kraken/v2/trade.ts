import * as z from 'zod';
import type {Trade} from '../../model/types.js';
import type {FeedMessage} from '../feed-message.js';
import {
	decodeChecked,
	isCount,
	isChannelMessage,
	isPairName,
	isPositive,
	isTimestamp,
	pairName,
	timestamp,
} from './in-place-checks.js';
import {timeOf} from './utc-time.js';

/*
 * The v2 `trade` channel (docs/kraken-protocol.md, 4.2): snapshot and update frames share
 * one shape, numbers are JSON numbers, and `trade_id` is a sequence number per book.
 */

const positive = z.number().positive().finite();

const tradeSchema = z.object({
	symbol: z.string().regex(pairName, 'not a pair name'),
	side: z.enum(['buy', 'sell']),
	price: positive,
	qty: positive,
	ord_type: z.enum(['market', 'limit']),
	trade_id: z.number().int().nonnegative(),
	timestamp,
});

export const tradeMessageSchema = z.object({
	channel: z.literal('trade'),
	type: z.enum(['snapshot', 'update']),
	data: z.array(tradeSchema),
});

export type V2TradeMessage = z.infer<typeof tradeMessageSchema>;

/** One trade entry, by the schema's rules. */
function isTradeEntry(trade: Record<string, unknown>): boolean {
	return (
		isPairName(trade['symbol']) &&
		(trade['side'] === 'buy' || trade['side'] === 'sell') &&
		isPositive(trade['price']) &&
		isPositive(trade['qty']) &&
		(trade['ord_type'] === 'market' || trade['ord_type'] === 'limit') &&
		isCount(trade['trade_id']) &&
		isTimestamp(trade['timestamp'])
	);
}

/** The same test as tradeMessageSchema, made on the parsed frame in place (in-place-checks.ts). */
export function isTradeMessage(value: Record<string, unknown>): value is V2TradeMessage {
	return isChannelMessage(value, 'trade', isTradeEntry);
}

/** The one place v2 trade entries become domain trades. */
function toTradesMessage(message: V2TradeMessage): FeedMessage {
	const trades = message.data.map((entry): Trade => ({
		pair: entry.symbol,
		side: entry.side,
		price: entry.price,
		volume: entry.qty,
		time: timeOf(entry.timestamp),
		orderType: entry.ord_type,
		tradeId: entry.trade_id,
	}));
	return {kind: 'trades', trades, isSnapshot: message.type === 'snapshot'};
}

/** How decodeChecked reads these frames: made once, not a message. */
const tradeChannel = {
	name: 'trade message',
	isChecked: isTradeMessage,
	schema: tradeMessageSchema,
	convert: toTradesMessage,
};

export function decodeTradeMessage(value: Record<string, unknown>): FeedMessage {
	return decodeChecked(value, tradeChannel);
}
