import * as z from 'zod';
import {describeIssues, type FeedMessage} from '../feed-message.js';
import {decimalString, pairNameSchema} from './trade.js';

/*
 * The v1 `ohlc` channel (docs/kraken-protocol.md, 8.2): `[channelID, [time, etime, open, high,
 * low, close, vwap, volume, count], "ohlc-<interval>", pair]`. `time` is the candle's last update,
 * not its start: the start is `etime` less the interval. On subscribing, the last candle there
 * was is sent, however old.
 */

const ohlcFrameSchema = z.tuple([
	z.number(),
	z.tuple([
		decimalString,
		decimalString,
		decimalString,
		decimalString,
		decimalString,
		decimalString,
		decimalString,
		decimalString,
		z.number().int().nonnegative(),
	]),
	z.string().regex(/^ohlc-\d+$/, 'not an ohlc channel name'),
	pairNameSchema,
]);

export function decodeOhlcFrame(value: unknown[]): FeedMessage {
	const parsed = ohlcFrameSchema.safeParse(value);
	if (!parsed.success) {
		return {kind: 'unrecognised', reason: `ohlc frame ${describeIssues(parsed.error.issues)}`};
	}

	const [, [, end, open, high, low, close, vwap, volume, trades], channelName, pair] = parsed.data;
	const interval = Number(channelName.slice('ohlc-'.length));
	const endMs = Math.round(Number(end) * 1000);
	if (!Number.isFinite(endMs) || interval <= 0) {
		return {kind: 'unrecognised', reason: 'ohlc frame with an out-of-range time'};
	}

	return {
		kind: 'candles',
		candles: [
			{
				pair,
				interval,
				start: endMs - interval * 60_000,
				open: Number(open),
				high: Number(high),
				low: Number(low),
				close: Number(close),
				vwap: Number(vwap),
				volume: Number(volume),
				trades,
			},
		],
		isSnapshot: false,
	};
}
