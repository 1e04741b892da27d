import * as z from 'zod';
import type {Trade} from '../../model/types.js';
import {describeIssues, type FeedMessage} from '../feed-message.js';

/*
 * The v1 `trade` channel (docs/kraken-protocol.md, 4.1): arrays, numbers as decimal strings,
 * single-letter side and order type, no trade id, and no way to tell a snapshot from an update.
 */

const decimalPattern = /^\d+(\.\d+)?$/;
const pairPattern = /^[A-Za-z\d.]{1,16}\/[A-Za-z\d.]{1,16}$/;

export const decimalString = z.string().regex(decimalPattern, 'not a decimal number');

export const pairNameSchema = z.string().regex(pairPattern, 'not a pair name');

/** `[price, volume, time, side, orderType, misc]`. */
const tradeEntrySchema = z.tuple(
	[decimalString, decimalString, decimalString, z.enum(['b', 's']), z.enum(['m', 'l']), z.string()],
	z.unknown(),
);

/**
 * `[channelID, [[...], ...], "trade", "XBT/USD"]`. channelName and pair are read from the end
 * of the array: the docs' field table has them the other way round, every real frame does not.
 */
export const tradeFrameSchema = z.tuple([
	z.number(),
	z.array(tradeEntrySchema).min(1),
	z.literal('trade'),
	pairNameSchema,
]);

type V1TradeFrame = z.infer<typeof tradeFrameSchema>;

/**
 * The same test as tradeFrameSchema, made on the parsed frame in place: zod builds a checked copy
 * of every frame, and trade frames are nearly all the traffic (npm run bench, ingest row, v1). It
 * only ever accepts what the schema accepts (test/kraken/v1-trade.test.ts holds the two to the
 * same answer over mutated frames); anything it refuses goes to the schema, which has the last
 * word and says what is wrong.
 */
export function isTradeFrame(value: readonly unknown[]): value is V1TradeFrame {
	const [channelId, entries, channelName, pair] = value;
	if (
		value.length !== 4 ||
		typeof channelId !== 'number' ||
		channelName !== 'trade' ||
		typeof pair !== 'string' ||
		!pairPattern.test(pair) ||
		!Array.isArray(entries) ||
		entries.length === 0
	) {
		return false;
	}

	// Indexed rather than destructured: destructuring walks an iterator per entry.
	for (const entry of entries as unknown[]) {
		if (!Array.isArray(entry) || entry.length < 6) {
			return false;
		}

		const price: unknown = entry[0];
		const volume: unknown = entry[1];
		const time: unknown = entry[2];
		const side: unknown = entry[3];
		const orderType: unknown = entry[4];
		const misc: unknown = entry[5];
		if (
			typeof price !== 'string' ||
			!decimalPattern.test(price) ||
			typeof volume !== 'string' ||
			!decimalPattern.test(volume) ||
			typeof time !== 'string' ||
			!decimalPattern.test(time) ||
			(side !== 'b' && side !== 's') ||
			(orderType !== 'm' && orderType !== 'l') ||
			typeof misc !== 'string'
		) {
			return false;
		}
	}

	return true;
}

/** The one place v1 trade entries become domain trades. */
function toTrades(frame: V1TradeFrame): Trade[] {
	const entries = frame[1];
	const pair = frame[3];
	return entries.map((entry) => ({
		pair,
		side: entry[3] === 'b' ? 'buy' : 'sell',
		price: Number(entry[0]),
		volume: Number(entry[1]),
		// "1534614057.321597": seconds with microseconds.
		time: Math.floor(Number(entry[2]) * 1000),
		orderType: entry[4] === 'm' ? 'market' : 'limit',
	}));
}

// The decimal pattern admits "0.0" and 400-digit numbers that Number() makes Infinity.
const isUsable = (value: number) => Number.isFinite(value) && value > 0;

export function decodeTradeFrame(value: unknown[]): FeedMessage {
	let frame: V1TradeFrame;
	if (isTradeFrame(value)) {
		frame = value;
	} else {
		const parsed = tradeFrameSchema.safeParse(value);
		if (!parsed.success) {
			return {kind: 'unrecognised', reason: `trade frame ${describeIssues(parsed.error.issues)}`};
		}

		frame = parsed.data;
	}

	const trades = toTrades(frame);
	if (
		trades.some(
			(trade) => !(isUsable(trade.price) && isUsable(trade.volume) && isUsable(trade.time)),
		)
	) {
		return {kind: 'unrecognised', reason: 'trade frame with a zero or out-of-range number'};
	}

	return {kind: 'trades', trades, isSnapshot: false};
}
