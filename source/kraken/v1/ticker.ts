import * as z from 'zod';
import {describeIssues, type FeedMessage} from '../feed-message.js';
import {decimalString, pairNameSchema} from './trade.js';

/*
 * The v1 `ticker` channel (docs/kraken-protocol.md, 8.1): `[channelID, {a, b, c, v, p, t, l, h,
 * o}, "ticker", pair]`, every figure but the trade counts a decimal string, each daily figure a
 * `[today, last 24 hours]` pair. There is no change field: it is last minus `o[1]`, the price 24
 * hours ago.
 */

const quote = z.tuple([decimalString, z.union([z.number(), decimalString]), decimalString]);
const daily = z.tuple([decimalString, decimalString]);

const tickerFrameSchema = z.tuple([
	z.number(),
	z.object({
		a: quote,
		b: quote,
		c: z.tuple([decimalString, decimalString]),
		v: daily,
		p: daily,
		l: daily,
		h: daily,
		o: daily,
	}),
	z.literal('ticker'),
	pairNameSchema,
]);

const decimalsIn = (text: string) => text.split('.')[1]?.length ?? 0;

export function decodeTickerFrame(value: unknown[]): FeedMessage {
	const parsed = tickerFrameSchema.safeParse(value);
	if (!parsed.success) {
		return {kind: 'unrecognised', reason: `ticker frame ${describeIssues(parsed.error.issues)}`};
	}

	const [, {a, b, c, v, p, l, h, o}, , pair] = parsed.data;
	const last = Number(c[0]);
	const open = Number(o[1]);
	// Exact to the digits the two prices came with: a double's difference is not (80.0000000001).
	const decimals = Math.max(decimalsIn(c[0]), decimalsIn(o[1]));
	const change = Number((last - open).toFixed(decimals));
	const figures = [last, Number(a[0]), Number(b[0]), Number(h[1]), Number(l[1]), Number(v[1])];
	if (!figures.every((figure) => Number.isFinite(figure))) {
		return {kind: 'unrecognised', reason: 'ticker frame with an out-of-range number'};
	}

	return {
		kind: 'ticker',
		ticker: {
			pair,
			last,
			// `[price, whole lot volume, lot volume]`: the lot volume is the quantity.
			bid: Number(b[0]),
			bidQty: Number(b[2]),
			ask: Number(a[0]),
			askQty: Number(a[2]),
			high: Number(h[1]),
			low: Number(l[1]),
			volume: Number(v[1]),
			vwap: Number(p[1]),
			change,
			changePct: open > 0 ? (change / open) * 100 : 0,
		},
		// v1 does not tell its first ticker frame from the next.
		isSnapshot: false,
	};
}
