import * as z from 'zod';
import type {Trade} from '../../model/types.js';
import {isJsonObject, type FeedMessage} from '../feed-message.js';
import {
	channelData,
	isCount,
	isPairName,
	isPositive,
	pairName,
	refusal,
	timeIfTimestamp,
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

/**
 * The message of a frame tradeMessageSchema accepts, read in place; undefined for any frame it
 * refuses. Each entry is checked and converted in one pass, its time read once: trade frames are
 * nearly all of a burst (npm run bench, ingest row). It only ever accepts what the schema accepts
 * (test/kraken/v2-in-place-checks.test.ts holds the two to the same answer over broken frames).
 */
export function readTradeMessage(value: Record<string, unknown>): FeedMessage | undefined {
	const data = channelData(value, 'trade');
	if (data === undefined) {
		return undefined;
	}

	const trades: Trade[] = [];
	for (const entry of data) {
		if (!isJsonObject(entry)) {
			return undefined;
		}

		const symbol = entry['symbol'];
		const side = entry['side'];
		const price = entry['price'];
		const qty = entry['qty'];
		const orderType = entry['ord_type'];
		const tradeId = entry['trade_id'];
		const time = timeIfTimestamp(entry['timestamp']);
		if (
			!isPairName(symbol) ||
			(side !== 'buy' && side !== 'sell') ||
			!isPositive(price) ||
			!isPositive(qty) ||
			(orderType !== 'market' && orderType !== 'limit') ||
			!isCount(tradeId) ||
			time === undefined
		) {
			return undefined;
		}

		trades.push({pair: symbol, side, price, volume: qty, time, orderType, tradeId});
	}

	return {kind: 'trades', trades, isSnapshot: value['type'] === 'snapshot'};
}

export function decodeTradeMessage(value: Record<string, unknown>): FeedMessage {
	return readTradeMessage(value) ?? refusal(value, tradeMessageSchema, 'trade message');
}
