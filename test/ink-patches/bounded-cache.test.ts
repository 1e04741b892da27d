import {describe, expect, test} from 'vitest';
import {BoundedCache} from '../../source/ink-patches/bounded-cache.js';

describe('BoundedCache', () => {
	test('never holds more than twice its limit, however many keys pass through', () => {
		const cache = new BoundedCache<string, number>(100);
		for (let index = 0; index < 100_000; index++) {
			cache.set(`text ${index}`, index);
			expect(cache.size).toBeLessThanOrEqual(200);
		}

		expect(cache.get('text 99999')).toBe(99_999);
		expect(cache.get('text 0')).toBeUndefined();
	});

	test('keeps what is still read, as a screen redraws the same texts, across turnovers', () => {
		const cache = new BoundedCache<string, number>(10);
		cache.set('header', 1);
		for (let index = 0; index < 1000; index++) {
			cache.set(`row ${index}`, index);
			// Read once every few sets, as every frame measures the header again.
			if (index % 5 === 0) {
				expect(cache.get('header')).toBe(1);
			}
		}
	});
});
