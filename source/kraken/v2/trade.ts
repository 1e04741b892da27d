import * as z from 'zod';
import type {Trade} from '../../model/types.js';
import {describeIssues, type FeedMessage} from '../feed-message.js';

/*
 * The v2 `trade` channel (docs/kraken-protocol.md, 4.2): snapshot and update frames share
 * one shape, numbers are JSON numbers, and `trade_id` is a sequence number per book.
 */

const positive = z.number().positive().finite();
export const pairName = /^[A-Za-z\d.]{1,16}\/[A-Za-z\d.]{1,16}$/;
const timestamp = z.iso.datetime({offset: true});

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

const timestampPattern = timestamp.def.pattern;

/**
 * The same test as tradeMessageSchema, made on the parsed frame in place. zod builds a checked
 * copy of every frame, which was a third of all the memory a firehose of trades allocated (npm
 * run bench); trade frames are nearly all the traffic. It only ever accepts what the schema
 * accepts (test/kraken/v2-trade.test.ts holds the two to the same answer over mutated frames);
 * anything it refuses goes to the schema, which has the last word and says what is wrong.
 */
export function isTradeMessage(value: Record<string, unknown>): value is V2TradeMessage {
	const {data} = value;
	if (
		value['channel'] !== 'trade' ||
		(value['type'] !== 'snapshot' && value['type'] !== 'update') ||
		!Array.isArray(data)
	) {
		return false;
	}

	for (const entry of data as unknown[]) {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			return false;
		}

		const trade = entry as Record<string, unknown>;
		if (
			typeof trade['symbol'] !== 'string' ||
			!pairName.test(trade['symbol']) ||
			(trade['side'] !== 'buy' && trade['side'] !== 'sell') ||
			!isPositive(trade['price']) ||
			!isPositive(trade['qty']) ||
			(trade['ord_type'] !== 'market' && trade['ord_type'] !== 'limit') ||
			!Number.isSafeInteger(trade['trade_id']) ||
			(trade['trade_id'] as number) < 0 ||
			typeof trade['timestamp'] !== 'string' ||
			!timestampPattern?.test(trade['timestamp'])
		) {
			return false;
		}
	}

	return true;
}

function isPositive(value: unknown): boolean {
	return typeof value === 'number' && Number.isFinite(value) && value > 0;
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
