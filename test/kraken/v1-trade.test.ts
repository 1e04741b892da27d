import {describe, expect, test} from 'vitest';
import {readTradeFrame, tradeFrameSchema} from '../../source/kraken/v1/trade.js';
import {v1Frames} from '../fixtures/frames.js';
import {expectSameAnswers} from '../helpers/same-answers.js';

const parse = (text: string) => JSON.parse(text) as unknown[];

/** Values a field can be broken into: wrong types, edges of each rule, and near misses. */
const brokenValues: unknown[] = [
	undefined,
	null,
	true,
	0,
	-1,
	1.5,
	'',
	'1',
	'0.0',
	'1.',
	'.5',
	'-1.0',
	'1e5',
	' 1.0',
	'b',
	's',
	'B',
	'm',
	'l',
	'x',
	'trade',
	'ticker',
	'XBT/USD',
	'XBT-USD',
	'XBT/',
	'AVERYLONGASSETNAME/USD',
	[],
	{},
	[[]],
];

/** A real frame with one thing changed: an element of the frame or of one trade. */
function mutate(random: () => number, frame: readonly unknown[]): unknown[] {
	const copy = structuredClone(frame) as unknown[];
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
	const entries = copy[1] as unknown[][];
	const where = random();
	if (where < 0.15) {
		copy[Math.floor(random() * 4)] = pick(brokenValues);
	} else if (where < 0.2) {
		if (random() < 0.5) {
			copy.push(pick(brokenValues));
		} else {
			entries.push(pick(brokenValues) as unknown[]);
		}
	} else {
		const entry = pick(entries);
		const field = Math.floor(random() * 7);
		if (random() < 0.15) {
			entry.length = Math.min(entry.length, field);
		} else {
			entry[field] = pick(brokenValues);
		}
	}

	return copy;
}

describe('readTradeFrame, the in-place reading of v1 trade frames', () => {
	test('accepts the real and documented trade frames', () => {
		for (const text of [v1Frames.tradeDoc, v1Frames.trade337, v1Frames.trade321]) {
			expect(readTradeFrame(parse(text))).toBeDefined();
		}
	});

	test('refuses frames of other channels', () => {
		expect(readTradeFrame(parse(v1Frames.ticker))).toBeUndefined();
	});

	test('never accepts a frame the schema refuses, nor refuses one it accepts, over 20,000 broken frames', () => {
		expectSameAnswers({
			frames: [v1Frames.tradeDoc, v1Frames.trade337, v1Frames.trade321].map(parse),
			count: 20_000,
			seed: 13,
			mutate,
			isAccepted: (frame) => readTradeFrame(frame) !== undefined,
			isValid: (frame) => tradeFrameSchema.safeParse(frame).success,
			atLeast: {accepted: 1000, refused: 10_000},
		});
	});
});
