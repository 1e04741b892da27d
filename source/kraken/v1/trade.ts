import * as z from 'zod';
import type {Trade} from '../../model/types.js';
import {describeIssues, type FeedMessage} from '../feed-message.js';

/*
 * The v1 `trade` channel (docs/kraken-protocol.md, 4.1): arrays, numbers as decimal strings,
 * single-letter side and order type, no trade id, and no way to tell a snapshot from an update.
 */

export const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'not a decimal number');

export const pairNameSchema = z
	.string()
	.regex(/^[A-Za-z\d.]{1,16}\/[A-Za-z\d.]{1,16}$/, 'not a pair name');

/** `[price, volume, time, side, orderType, misc]`. */
const tradeEntrySchema = z.tuple(
	[decimalString, decimalString, decimalString, z.enum(['b', 's']), z.enum(['m', 'l']), z.string()],
	z.unknown(),
);

/**
 * `[channelID, [[...], ...], "trade", "XBT/USD"]`. channelName and pair are read from the end
 * of the array: the docs' field table has them the other way round, every real frame does not.
 */
const tradeFrameSchema = z.tuple([
	z.number(),
	z.array(tradeEntrySchema).min(1),
	z.literal('trade'),
	pairNameSchema,
]);

type V1TradeFrame = z.infer<typeof tradeFrameSchema>;

/** The one place v1 trade entries become domain trades. */
function toTrades(frame: V1TradeFrame): Trade[] {
	const [, entries, , pair] = frame;
	return entries.map(([price, volume, time, side, orderType]) => ({
		pair,
		side: side === 'b' ? 'buy' : 'sell',
		price: Number(price),
		volume: Number(volume),
		// "1534614057.321597": seconds with microseconds.
		time: Math.floor(Number(time) * 1000),
		orderType: orderType === 'm' ? 'market' : 'limit',
	}));
}

// The decimal pattern admits "0.0" and 400-digit numbers that Number() makes Infinity.
const isUsable = (value: number) => Number.isFinite(value) && value > 0;

export function decodeTradeFrame(value: unknown[]): FeedMessage {
	const parsed = tradeFrameSchema.safeParse(value);
	if (!parsed.success) {
		return {kind: 'unrecognised', reason: `trade frame ${describeIssues(parsed.error.issues)}`};
	}

	const trades = toTrades(parsed.data);
	if (
		trades.some(
			(trade) => !(isUsable(trade.price) && isUsable(trade.volume) && isUsable(trade.time)),
		)
	) {
		return {kind: 'unrecognised', reason: 'trade frame with a zero or out-of-range number'};
	}

	return {kind: 'trades', trades, isSnapshot: false};
}
