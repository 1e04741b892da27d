import * as z from 'zod';
import type {Trade} from '../../model/types.js';
import {describeIssues, type FeedMessage} from '../feed-message.js';
import {
	isCount,
	isEnvelope,
	isObject,
	isPairName,
	isPositive,
	isTimestamp,
	pairName,
	timestamp,
} from './in-place-checks.js';

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

/** The same test as tradeMessageSchema, made on the parsed frame in place (in-place-checks.ts). */
export function isTradeMessage(value: Record<string, unknown>): value is V2TradeMessage {
	if (!isEnvelope(value, 'trade')) {
		return false;
	}

	for (const trade of value.data) {
		if (
			!isObject(trade) ||
			!isPairName(trade['symbol']) ||
			(trade['side'] !== 'buy' && trade['side'] !== 'sell') ||
			!isPositive(trade['price']) ||
			!isPositive(trade['qty']) ||
			(trade['ord_type'] !== 'market' && trade['ord_type'] !== 'limit') ||
			!isCount(trade['trade_id']) ||
			!isTimestamp(trade['timestamp'])
		) {
			return false;
		}
	}

	return true;
}

/** The one place v2 trade entries become domain trades. */
function toTrades(message: V2TradeMessage): Trade[] {
	return message.data.map((entry) => ({
		pair: entry.symbol,
		side: entry.side,
		price: entry.price,
		volume: entry.qty,
		time: Date.parse(entry.timestamp),
		orderType: entry.ord_type,
		tradeId: entry.trade_id,
	}));
}

export function decodeTradeMessage(value: Record<string, unknown>): FeedMessage {
	if (isTradeMessage(value)) {
		return {kind: 'trades', trades: toTrades(value), isSnapshot: value.type === 'snapshot'};
	}

	const parsed = tradeMessageSchema.safeParse(value);
	return parsed.success
		? {kind: 'trades', trades: toTrades(parsed.data), isSnapshot: parsed.data.type === 'snapshot'}
		: {kind: 'unrecognised', reason: `trade message ${describeIssues(parsed.error.issues)}`};
}
