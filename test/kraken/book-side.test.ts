import {describe, expect, test} from 'vitest';
import {BookSide} from '../../source/kraken/book/book-side.js';
import {levelToken, type WireLevel} from '../../source/kraken/book/checksum.js';
import {createRandom} from '../helpers/random-frames.js';

// One side of a book (docs/kraken-protocol.md, 9): kept best first by binary search and splice,
// each level's text as written and its checksum token made once. Its oracle below is the plainest
// side there is: a list sorted again after every change.

/** Every level of a side, best first, as written. */
function levelsOf(side: BookSide): WireLevel[] {
	const levels: WireLevel[] = [];
	for (let index = 0; index < side.size; index++) {
		levels.push(side.level(index)!);
	}

	return levels;
}

function sideOf(kind: 'ask' | 'bid', levels: readonly WireLevel[]): BookSide {
	const side = new BookSide(kind);
	for (const level of levels) {
		side.apply(level);
	}

	return side;
}

describe('BookSide', () => {
	test('asks rise from the best and bids fall, whatever order the levels come in', () => {
		const levels: WireLevel[] = [
			['100.5', '1.00000000'],
			['99.0', '2.00000000'],
			['101.25', '3.00000000'],
			['100.0', '4.00000000'],
		];
		expect(levelsOf(sideOf('ask', levels)).map(([price]) => price)).toEqual([
			'99.0',
			'100.0',
			'100.5',
			'101.25',
		]);
		expect(levelsOf(sideOf('bid', levels)).map(([price]) => price)).toEqual([
			'101.25',
			'100.5',
			'100.0',
			'99.0',
		]);
	});

	test('prices order by value, not by text', () => {
		// As text, "9.5" sorts after "10.0" and "0.00007406" after "0.0000741".
		const side = sideOf('ask', [
			['10.0', '1'],
			['9.5', '1'],
			['0.0000741', '1'],
			['0.00007406', '1'],
		]);
		expect(levelsOf(side).map(([price]) => price)).toEqual([
			'0.00007406',
			'0.0000741',
			'9.5',
			'10.0',
		]);
	});

	test('a level at a price already held replaces it, text, token and all', () => {
		const side = sideOf('bid', [
			['62802.5', '0.02987767'],
			['62800.7', '0.05598472'],
		]);
		// The same price written with another zero is the same level; its newest text is kept.
		expect(side.apply(['62802.50', '0.10000000'])).toBe(true);
		expect(levelsOf(side)).toEqual([
			['62802.50', '0.10000000'],
			['62800.7', '0.05598472'],
		]);
		expect(side.tokens(10)).toBe('6280250' + '10000000' + '628007' + '5598472');
	});

	test.each(['0', '0.0', '0.00000000'])(
		'a quantity of %s deletes the level, and says it was held',
		(zero) => {
			const side = sideOf('ask', [
				['1.5', '1.00000000'],
				['1.6', '2.00000000'],
				['1.7', '3.00000000'],
			]);
			expect(side.apply(['1.6', zero])).toBe(true);
			expect(levelsOf(side)).toEqual([
				['1.5', '1.00000000'],
				['1.7', '3.00000000'],
			]);
			expect(side.tokens(10)).toBe(
				levelToken(['1.5', '1.00000000']) + levelToken(['1.7', '3.00000000']),
			);
		},
	);

	test('deleting a price the side does not hold is reported, and changes nothing', () => {
		const side = sideOf('bid', [
			['1.5', '1.00000000'],
			['1.3', '2.00000000'],
		]);
		// Between two held prices, beyond the worst, beyond the best.
		for (const price of ['1.4', '1.0', '2.0']) {
			expect(side.apply([price, '0.00000000'])).toBe(false);
		}

		expect(levelsOf(side)).toEqual([
			['1.5', '1.00000000'],
			['1.3', '2.00000000'],
		]);
		expect(new BookSide('ask').apply(['1.0', '0'])).toBe(false);
	});

	test('truncate keeps the best levels up to the depth', () => {
		const prices = ['5', '1', '4', '2', '3'];
		const asks = sideOf(
			'ask',
			prices.map((price) => [price, '1']),
		);
		const bids = sideOf(
			'bid',
			prices.map((price) => [price, '1']),
		);
		asks.truncate(3);
		bids.truncate(3);
		expect(levelsOf(asks).map(([price]) => price)).toEqual(['1', '2', '3']);
		expect(levelsOf(bids).map(([price]) => price)).toEqual(['5', '4', '3']);
		expect(asks.tokens(10)).toBe('11' + '21' + '31');

		// A depth beyond the side leaves it whole; the level cut is gone for good.
		asks.truncate(10);
		expect(asks.size).toBe(3);
		expect(asks.apply(['4', '0'])).toBe(false);
	});

	test('top gives the best levels as numbers, as many as there are', () => {
		const side = sideOf('bid', [
			['0.074597400', '53591.43163675'],
			['0.074596700', '33594.18269213'],
			['0.074596600', '53598.60351469'],
		]);
		expect(side.top(2)).toEqual([
			[0.074_597_4, 53_591.431_636_75],
			[0.074_596_7, 33_594.182_692_13],
		]);
		expect(side.top(30)).toHaveLength(3);
		expect(new BookSide('ask').top(5)).toEqual([]);
	});

	test('tokens are those of the best levels asked for, made from the text as written', () => {
		const side = sideOf('ask', [
			['0.074602700', '278.39626342'],
			['0.074611000', '555.65134028'],
			['0.074613300', '524.87121572'],
		]);
		// Point and leading zeros gone, trailing zeros kept (docs/kraken-protocol.md, 9).
		expect(side.tokens(2)).toBe('74602700' + '27839626342' + '74611000' + '55565134028');
		expect(side.tokens(0)).toBe('');
		expect(side.tokens(10)).toBe(side.tokens(3));
	});

	test('clear empties the side', () => {
		const side = sideOf('ask', [['1', '1']]);
		side.clear();
		expect(side.size).toBe(0);
		expect(side.tokens(10)).toBe('');
		expect(side.level(0)).toBeUndefined();
	});

	test.each(['ask', 'bid'] as const)(
		'%s side: thousands of random changes leave it as a list sorted after every change',
		(kind) => {
			const random = createRandom(kind === 'ask' ? 7 : 11);
			const side = new BookSide(kind);
			const model = new Map<number, WireLevel>();
			const direction = kind === 'ask' ? 1 : -1;
			for (let step = 0; step < 3000; step++) {
				// Few distinct prices, so changes often hit held ones.
				const price = (random.integer(900, 1100) / 10).toFixed(random.chance(0.5) ? 1 : 2);
				const qty = random.chance(0.35) ? '0.00000000' : (random.next() * 3).toFixed(8);
				const level: WireLevel = [price, qty];
				const isHeld = model.has(Number(price));
				if (Number(qty) === 0) {
					model.delete(Number(price));
				} else {
					model.set(Number(price), level);
				}

				expect(side.apply(level)).toBe(Number(qty) !== 0 || isHeld);
				if (step % 97 === 0) {
					const depth = random.integer(20, 120);
					side.truncate(depth);
					for (const [key] of sortedModel().slice(depth)) {
						model.delete(key);
					}
				}

				const expected = sortedModel().map(([, entry]) => entry);
				expect(levelsOf(side)).toEqual(expected);
				expect(side.tokens(10)).toBe(expected.slice(0, 10).map(levelToken).join(''));
			}

			function sortedModel() {
				return [...model.entries()].toSorted(([one], [other]) => (one - other) * direction);
			}
		},
	);
});
