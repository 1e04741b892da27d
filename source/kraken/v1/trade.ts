import * as z from 'zod';
import type {Trade} from '../../model/types.js';
import {describeIssues, type FeedMessage} from '../feed-message.js';
import {decimalValue} from './decimal-text.js';

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

/**
 * The trades of a frame tradeFrameSchema accepts, read in place; undefined for any frame it
 * refuses. zod builds a checked copy of every frame, and trade frames are nearly all the traffic
 * (npm run bench, ingest row, v1), so the frame is checked and converted in one pass instead. It
 * only ever accepts what the schema accepts (test/kraken/v1-trade.test.ts holds the two to the same
 * answer over mutated frames); anything it refuses goes to the schema, which says what is wrong.
 * Numbers are not yet checked for use: "0.0" is a decimal.
 */
export function readTradeFrame(value: readonly unknown[]): Trade[] | undefined {
	if (value.length !== 4) {
		return undefined;
	}

	const channelId: unknown = value[0];
	const entries: unknown = value[1];
	const channelName: unknown = value[2];
	const pair: unknown = value[3];
	if (
		typeof channelId !== 'number' ||
		channelName !== 'trade' ||
		typeof pair !== 'string' ||
		!pairPattern.test(pair) ||
		!Array.isArray(entries) ||
		entries.length === 0
	) {
		return undefined;
	}

	const trades: Trade[] = [];
	// Indexed rather than destructured: destructuring walks an iterator per entry.
	for (const entry of entries as unknown[]) {
		if (!Array.isArray(entry) || entry.length < 6) {
			return undefined;
		}

		const price = decimalOf(entry[0]);
		const volume = decimalOf(entry[1]);
		// "1534614057.321597": seconds with microseconds.
		const seconds = decimalOf(entry[2]);
		const side: unknown = entry[3];
		const orderType: unknown = entry[4];
		if (
			Number.isNaN(price) ||
			Number.isNaN(volume) ||
			Number.isNaN(seconds) ||
			(side !== 'b' && side !== 's') ||
			(orderType !== 'm' && orderType !== 'l') ||
			typeof entry[5] !== 'string'
		) {
			return undefined;
		}

		trades.push({
			pair,
			side: side === 'b' ? 'buy' : 'sell',
			price,
			volume,
			time: Math.floor(seconds * 1000),
			orderType: orderType === 'm' ? 'market' : 'limit',
		});
	}

	return trades;
}

/** A decimal text's value; NaN for anything else, text or not. */
const decimalOf = (value: unknown) =>
	typeof value === 'string' ? decimalValue(value) : Number.NaN;

// A decimal text can be "0.0", or 400 digits that make Infinity.
const isUsable = (value: number) => Number.isFinite(value) && value > 0;

export function decodeTradeFrame(value: unknown[]): FeedMessage {
	const trades = readTradeFrame(value);
	if (trades === undefined) {
		const parsed = tradeFrameSchema.safeParse(value);
		return {
			kind: 'unrecognised',
			reason: parsed.success
				? 'trade frame the in-place reader refused'
				: `trade frame ${describeIssues(parsed.error.issues)}`,
		};
	}

	for (const trade of trades) {
		if (!(isUsable(trade.price) && isUsable(trade.volume) && isUsable(trade.time))) {
			return {kind: 'unrecognised', reason: 'trade frame with a zero or out-of-range number'};
		}
	}

	return {kind: 'trades', trades, isSnapshot: false};
}
