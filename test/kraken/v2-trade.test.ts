import {describe, expect, test} from 'vitest';
import {isTradeMessage, tradeMessageSchema} from '../../source/kraken/v2/trade.js';
import {seededRandom} from '../../source/simulator/random.js';
import {v2Frames} from '../fixtures/frames.js';

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

const fields = ['symbol', 'side', 'price', 'qty', 'ord_type', 'trade_id', 'timestamp'];

/** A real frame with one thing changed: a field of the message or of one trade. */
function mutate(random: () => number, frame: Record<string, unknown>): Record<string, unknown> {
	const copy = structuredClone(frame);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
	const data = copy['data'] as Array<Record<string, unknown>>;
	const where = random();
	if (where < 0.15) {
		copy[pick(['channel', 'type', 'data'])] = pick(brokenValues);
	} else if (where < 0.2) {
		data.push(pick(brokenValues) as Record<string, unknown>);
	} else {
		const trade = pick(data);
		const field = pick(fields);
		if (random() < 0.15) {
			delete trade[field];
		} else {
			trade[field] = pick(brokenValues);
		}
	}

	return copy;
}

describe('isTradeMessage, the in-place check of v2 trade frames', () => {
	test('accepts the real and documented trade frames', () => {
		for (const text of [v2Frames.tradeSnapshot, v2Frames.tradeUpdate, v2Frames.tradeSnapshotDoc]) {
			expect(isTradeMessage(parse(text))).toBe(true);
		}
	});

	test('refuses frames of other channels', () => {
		for (const text of [v2Frames.heartbeat, v2Frames.tickerReal2026, v2Frames.statusReal2026]) {
			expect(isTradeMessage(parse(text))).toBe(false);
		}
	});

	test('never accepts a frame the schema refuses, over 20,000 broken frames', () => {
		const random = seededRandom(11);
		const frames = [v2Frames.tradeSnapshot, v2Frames.tradeUpdate, v2Frames.tradeSnapshotDoc].map(
			parse,
		);
		let refusedByBoth = 0;
		let acceptedByBoth = 0;
		for (let index = 0; index < 20_000; index++) {
			const frame = mutate(random, frames[index % frames.length]!);
			const isAccepted = isTradeMessage(frame);
			const isValid = tradeMessageSchema.safeParse(frame).success;
			expect({frame, isAccepted}).toEqual({frame, isAccepted: isValid});
			if (isValid) {
				acceptedByBoth++;
			} else {
				refusedByBoth++;
			}
		}

		// Both kinds were tried: changes that keep a frame valid, and ones that break it.
		expect(acceptedByBoth).toBeGreaterThan(1000);
		expect(refusedByBoth).toBeGreaterThan(10_000);
	});
});
