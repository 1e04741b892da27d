import {describe, expect, test} from 'vitest';
import {decimalPlaces} from '../../source/model/format.js';
import {TapeStore} from '../../source/model/tape-store.js';
import {seededRandom} from '../../source/simulator/random.js';
import {trade} from '../helpers/screen.js';

describe('TapeStore price decimals', () => {
	test('are the most any price of the pair had, up to eight', () => {
		const random = seededRandom(5);
		for (let round = 0; round < 200; round++) {
			const store = new TapeStore(['BTC/USD'], 100, false);
			let expected = 0;
			for (let index = 0; index < 20; index++) {
				// Mostly prices like those before, now and then one with more decimals.
				const decimals = Math.floor(random() * (random() < 0.8 ? 3 : 10));
				const magnitude = 10 ** Math.floor(random() * 7 - 2);
				const price = Number((random() * magnitude + 10 ** -decimals).toFixed(decimals));
				expected = Math.min(8, Math.max(expected, decimalPlaces(price)));
				store.addTrades([trade('BTC/USD', price)]);
				expect(store.tape('BTC/USD')?.priceDecimals, `after ${price}`).toBe(expected);
			}
		}
	});

	test('decimalPlaces reads the shortest form of a number', () => {
		expect([68_500, 68_466.9, 0.5147, 1.15, 0.000_012_34, 1e-7].map(decimalPlaces)).toEqual([
			0, 1, 4, 2, 8, 8,
		]);
	});
});
