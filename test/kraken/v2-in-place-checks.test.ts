import {describe, expect, test} from 'vitest';
import type {ZodType} from 'zod';
import {isOhlcMessage, ohlcMessageSchema} from '../../source/kraken/v2/ohlc.js';
import {isTickerMessage, tickerMessageSchema} from '../../source/kraken/v2/ticker.js';
import {readTradeMessage, tradeMessageSchema} from '../../source/kraken/v2/trade.js';
import {v2Frames} from '../fixtures/frames.js';
import {expectSameAnswers} from '../helpers/same-answers.js';

const parse = (text: string) => JSON.parse(text) as Record<string, unknown>;

/** Values a field can be broken into: wrong types, edges of each rule, and near misses. */
const brokenValues: unknown[] = [
	undefined,
	null,
	true,
	0,
	-0,
	-1,
	1.5,
	-1.5,
	Number.MAX_SAFE_INTEGER + 1,
	2 ** 60,
	Number.MIN_VALUE,
	'',
	'1',
	'buy ',
	'Buy',
	'sell',
	'market',
	'limit',
	'snapshot',
	'update',
	'trade',
	'ticker',
	'ohlc',
	'BTC/USD',
	'BTC-USD',
	'BTC/',
	'AVERYLONGASSETNAME/USD',
	'2024-05-27T12:33:10.826003Z',
	'2024-05-27T12:33:10Z',
	'2024-05-27T12:33:10.826+02:00',
	'2024-05-27T12:33:10.826003',
	'2024-02-30T12:33:10Z',
	'2024-02-29T12:33:10Z',
	'2023-02-29T12:33:10Z',
	'2024-13-01T00:00:00Z',
	'2024-05-27 12:33:10Z',
	[],
	{},
	[{}],
];

type Channel = Readonly<{
	name: string;
	isAccepted(value: Record<string, unknown>): boolean;
	schema: ZodType;
	frames: readonly string[];
	/** The fields of one entry of `data`. */
	fields: readonly string[];
	others: readonly string[];
}>;

const channels: Channel[] = [
	{
		name: 'trade',
		isAccepted: (frame) => readTradeMessage(frame) !== undefined,
		schema: tradeMessageSchema,
		frames: [v2Frames.tradeSnapshot, v2Frames.tradeUpdate, v2Frames.tradeSnapshotDoc],
		fields: ['symbol', 'side', 'price', 'qty', 'ord_type', 'trade_id', 'timestamp'],
		others: [v2Frames.heartbeat, v2Frames.tickerReal2026, v2Frames.ohlcUpdate],
	},
	{
		name: 'ticker',
		isAccepted: isTickerMessage,
		schema: tickerMessageSchema,
		frames: [
			v2Frames.tickerDoc,
			v2Frames.tickerReal2024,
			v2Frames.tickerUpdate2024,
			v2Frames.tickerReal2026,
		],
		fields: [
			'symbol',
			'bid',
			'bid_qty',
			'ask',
			'ask_qty',
			'last',
			'volume',
			'vwap',
			'low',
			'high',
			'change',
			'change_pct',
			'timestamp',
		],
		others: [v2Frames.heartbeat, v2Frames.tradeUpdate, v2Frames.ohlcUpdate],
	},
	{
		name: 'ohlc',
		isAccepted: isOhlcMessage,
		schema: ohlcMessageSchema,
		frames: [v2Frames.ohlcSnapshot, v2Frames.ohlcUpdate, v2Frames.ohlcUpdateLater],
		fields: [
			'symbol',
			'open',
			'high',
			'low',
			'close',
			'vwap',
			'volume',
			'trades',
			'interval_begin',
			'interval',
		],
		others: [v2Frames.heartbeat, v2Frames.tradeUpdate, v2Frames.tickerReal2026],
	},
];

/** A real frame with one thing changed: a field of the message or of one entry. */
function mutate(
	random: () => number,
	frame: Record<string, unknown>,
	fields: readonly string[],
): Record<string, unknown> {
	const copy = structuredClone(frame);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
	const data = copy['data'] as Array<Record<string, unknown>>;
	const where = random();
	if (where < 0.15) {
		copy[pick(['channel', 'type', 'data'])] = pick(brokenValues);
	} else if (where < 0.2) {
		data.push(pick(brokenValues) as Record<string, unknown>);
	} else if (where < 0.22) {
		data.length = 0;
	} else {
		const entry = pick(data);
		const field = pick(fields);
		if (random() < 0.15) {
			delete entry[field];
		} else {
			entry[field] = pick(brokenValues);
		}
	}

	return copy;
}

describe.each(channels)('the in-place check of v2 $name frames', (channel) => {
	test('accepts the real and documented frames', () => {
		for (const text of channel.frames) {
			expect(channel.isAccepted(parse(text))).toBe(true);
		}
	});

	test('refuses frames of other channels', () => {
		for (const text of channel.others) {
			expect(channel.isAccepted(parse(text))).toBe(false);
		}
	});

	test('gives the schema’s answer, over 20,000 broken frames', () => {
		expectSameAnswers({
			frames: channel.frames.map(parse),
			count: 20_000,
			seed: 11,
			mutate: (random, frame) => mutate(random, frame, channel.fields),
			isAccepted: channel.isAccepted,
			isValid: (frame) => channel.schema.safeParse(frame).success,
			atLeast: {accepted: 1000, refused: 10_000},
		});
	});
});
