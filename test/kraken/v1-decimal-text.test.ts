import {describe, expect, test} from 'vitest';
import {decimalValue} from '../../source/kraken/v1/decimal-text.js';
import {seededRandom} from '../../source/simulator/random.js';

const decimalPattern = /^\d+(\.\d+)?$/;

/** What the one pass stands in for: the pattern, then Number(). */
const slowValue = (text: string) => (decimalPattern.test(text) ? Number(text) : Number.NaN);

/** A run of `count` characters drawn from `alphabet`. */
function drawn(random: () => number, alphabet: string, count: number): string {
	let text = '';
	for (let index = 0; index < count; index++) {
		text += alphabet[Math.floor(random() * alphabet.length)];
	}

	return text;
}

describe('decimalValue, v1 decimal texts in one pass', () => {
	test('reads the texts of real v1 frames', () => {
		expect(decimalValue('5541.20000')).toBe(5541.2);
		expect(decimalValue('0.15850568')).toBe(0.158_505_68);
		expect(decimalValue('1534614057.321597')).toBe(1_534_614_057.321_597);
		expect(decimalValue('6060.00000')).toBe(6060);
		expect(decimalValue('0')).toBe(0);
	});

	test('refuses what the pattern refuses', () => {
		for (const text of [
			'',
			'.',
			'1.',
			'.5',
			'1..2',
			'1.2.3',
			'-1',
			'+1',
			'1e5',
			' 1',
			'1 ',
			'NaN',
			'Infinity',
			'0x1A',
			'١',
		]) {
			expect({text, value: decimalValue(text)}).toEqual({text, value: Number.NaN});
		}
	});

	test('past 2^53 and past 22 decimals it gives what Number() gives', () => {
		for (const text of [
			'9007199254740993',
			'9007199254740993.5',
			'123456789012345678901234567890',
			'0.12345678901234567890123',
			`1.${'0'.repeat(30)}1`,
			`0.${'0'.repeat(21)}1`,
			`0.${'0'.repeat(22)}1`,
			`0.${'0'.repeat(22)}`,
			'9'.repeat(400),
		]) {
			expect({text, value: decimalValue(text)}).toEqual({text, value: Number(text)});
		}
	});

	test("gives Number()'s value to the bit, and NaN where the pattern refuses, over 200,000 texts", () => {
		const random = seededRandom(7);
		let decimals = 0;
		for (let index = 0; index < 200_000; index++) {
			const kind = random();
			const text =
				kind < 0.6
					? // Decimals of every length the fast path takes and some past it.
						`${drawn(random, '0123456789', 1 + Math.floor(random() * 18))}.${drawn(random, '0123456789', 1 + Math.floor(random() * 24))}`
					: kind < 0.8
						? drawn(random, '0123456789', 1 + Math.floor(random() * 20))
						: drawn(random, '0123456789.e-+ x', Math.floor(random() * 8));
			const expected = slowValue(text);
			if (!Number.isNaN(expected)) {
				decimals++;
			}

			// Object.is tells -0 from 0 and compares NaN, so a mismatch of any bit fails.
			if (!Object.is(decimalValue(text), expected)) {
				expect({text, value: decimalValue(text)}).toEqual({text, value: expected});
			}
		}

		expect(decimals).toBeGreaterThan(150_000);
	});
});
