import {describe, expect, test} from 'vitest';
import {listedPairs} from '../../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import type {WrittenTrade} from './client-output.js';
import {compareByContent, compareByTradeId} from './trade-comparison.js';

const pair = listedPairs[0]!;
const made: ExchangeTrade[] = [1, 2, 3, 4, 5, 6].map((id) => ({
	side: id % 2 === 0 ? 'buy' : 'sell',
	price: 68_000 + id / 10,
	volume: id / 100,
	orderType: 'market',
	timeMicros: 1_700_000_000_000_000 + id * 1500,
	tradeId: 100 + id,
}));

/** The client's line for made trade `index`, as --json writes it. */
const written = (index: number, changes: Partial<WrittenTrade> = {}): WrittenTrade => {
	const trade = made[index]!;
	return {
		pair: pair.symbol,
		tradeId: trade.tradeId,
		side: trade.side,
		price: trade.price,
		volume: trade.volume,
		time: Math.floor(trade.timeMicros / 1000),
		isBackfilled: false,
		...changes,
	};
};

const figures = (
	compare: typeof compareByTradeId,
	lines: readonly WrittenTrade[],
): Record<string, unknown> => {
	const {
		made: count,
		written: writtenCount,
		backfilled,
		doubled,
		lost,
		outOfOrder,
		unknown,
		beforeRecord,
		hasLast,
	} = compare(pair, made, lines);
	return {
		count,
		writtenCount,
		backfilled,
		doubled,
		lost,
		outOfOrder,
		unknown,
		beforeRecord,
		hasLast,
	};
};

describe('trade-comparison', () => {
	test.each([
		['all once, in order, from the second on', [1, 2, 3, 4, 5], {count: 5, lost: 0, hasLast: true}],
		['one missing', [0, 1, 3, 4, 5], {count: 6, lost: 1}],
		['the last missing', [0, 1, 2, 3, 4], {count: 6, lost: 1, hasLast: false}],
		['one twice', [0, 1, 2, 2, 3, 4, 5], {count: 6, doubled: 1}],
		['two swapped', [0, 2, 1, 3, 4, 5], {count: 6, outOfOrder: 1}],
	])('by trade id: %s', (_name, indexes, expected) => {
		const result = figures(
			compareByTradeId,
			indexes.map((index) => written(index)),
		);
		expect(result).toMatchObject({
			doubled: 0,
			lost: 0,
			outOfOrder: 0,
			unknown: 0,
			hasLast: true,
			...expected,
		});
	});

	test('by trade id: a changed price, an unknown id, one from before the record, backfilled lines', () => {
		const lines = [
			written(0, {tradeId: 99}),
			written(0, {isBackfilled: true}),
			written(1, {price: 1}),
			written(2, {tradeId: 1000}),
			written(3),
			written(4),
			written(5),
		];
		expect(figures(compareByTradeId, lines)).toMatchObject({
			beforeRecord: 1,
			backfilled: 1,
			unknown: 2,
			// The line with id 1000 stood in for the third trade, which is lost.
			lost: 1,
			outOfOrder: 1,
		});
	});

	test.each([
		['all once, in order', [0, 1, 2, 3, 4, 5], {}],
		['a gap', [0, 1, 4, 5], {lost: 2}],
		['one twice', [0, 1, 1, 2, 3, 4, 5], {doubled: 1}],
		['two swapped', [0, 2, 1, 3, 4, 5], {outOfOrder: 1}],
	])('by content (v1): %s', (_name, indexes, expected) => {
		const lines = indexes.map((index) => written(index, {tradeId: undefined}));
		expect(figures(compareByContent, lines)).toMatchObject({
			doubled: 0,
			lost: 0,
			outOfOrder: 0,
			unknown: 0,
			hasLast: true,
			...expected,
		});
	});

	test('by content (v1): a trade never made, and the time read through a float', () => {
		const lines = [
			written(0, {tradeId: undefined, time: Math.floor(made[0]!.timeMicros / 1000) - 1}),
			written(1, {tradeId: undefined, volume: 7}),
		];
		expect(figures(compareByContent, lines)).toMatchObject({unknown: 1, lost: 5, hasLast: false});
	});
});

describe('trade-comparison examples', () => {
	test('name the lines and trades of each failure, a run of lost trades once', () => {
		const lines = [written(0), written(1), written(1), written(4), written(5)];
		const {examples} = compareByTradeId(pair, made, lines);
		expect(examples).toEqual([
			'doubled: line 3 buy 68000.2 x 0.02 at 2023-11-14T22:13:20.003Z id 102, first on line 2',
			'lost: 2 from sell 68000.3 x 0.03 at 2023-11-14T22:13:20.004Z id 103 to buy 68000.4 x 0.04 at 2023-11-14T22:13:20.006Z id 104',
		]);
	});
});

describe('trade-comparison holes', () => {
	test.each([
		['the hole the client reported', 102, 1, 1],
		['a hole reported elsewhere', 104, 1, 0],
		['a hole reported larger than the loss', 101, 3, 1],
	])(
		'by trade id, a lost trade counts as reported when inside %s',
		(_name, after, missing, reported) => {
			const lines = [0, 1, 3, 4, 5].map((index) => written(index));
			const result = compareByTradeId(pair, made, lines, [
				{pair: pair.symbol, afterTradeId: after, missing},
			]);
			expect({lost: result.lost, lostReported: result.lostReported}).toEqual({
				lost: 1,
				lostReported: reported,
			});
		},
	);
});
