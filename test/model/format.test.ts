import {describe, expect, test} from 'vitest';
import {seededRandom} from '../../source/simulator/random.js';
import {
	formatBasisPoints,
	formatChange,
	formatPercent,
	formatClock,
	formatCompact,
	formatNotional,
	formatPrice,
	decimalsToFit,
	imbalanceBar,
	splitChangedDigits,
} from '../../source/model/format.js';

describe('format', () => {
	test.each<[number[], string]>([
		[[14, 3, 7, 412], '14:03:07.412'],
		[[9, 5, 3, 7], '09:05:03.007'],
		[[0, 0, 0, 0], '00:00:00.000'],
		[[23, 59, 59, 999], '23:59:59.999'],
	])(
		'formatClock of local time %j is %s',
		([hours = 0, minutes = 0, seconds = 0, ms = 0], text) => {
			expect(formatClock(new Date(2024, 5, 1, hours, minutes, seconds, ms).getTime())).toBe(text);
		},
	);

	test.each<[number, number, string]>([
		[68_000.5, 1, '68,000.5'],
		[68_000.5, 2, '68,000.50'],
		[3500, 0, '3,500'],
		[0.000_012_34, 8, '0.00001234'],
		[1_234_567.891, 2, '1,234,567.89'],
		[0.5, 0, '1'],
	])('formatPrice(%d, %i) is %s', (price, decimals, text) => {
		expect(formatPrice(price, decimals)).toBe(text);
	});

	test('formatPrice writes what Intl writes for en-US, rounding half up included', () => {
		const random = seededRandom(11);
		const intl = new Map<number, Intl.NumberFormat>();
		for (let index = 0; index < 20_000; index++) {
			const decimals = Math.floor(random() * 9);
			const scale = 10 ** Math.floor(random() * 14 - 6);
			// Half the values sit exactly on a rounding boundary of the decimal text.
			const value =
				index % 2 === 0
					? random() * scale
					: Number((Math.floor(random() * 1e6) + 0.5).toString() + `e-${decimals}`);
			const format =
				intl.get(decimals) ??
				new Intl.NumberFormat('en-US', {
					minimumFractionDigits: decimals,
					maximumFractionDigits: decimals,
				});
			intl.set(decimals, format);
			expect(formatPrice(value, decimals), `${value} to ${decimals}`).toBe(format.format(value));
		}
	});

	test.each<[number, string]>([
		[0.5, '0.500000'],
		[0.000_123_4, '0.000123'],
		[-0.25, '-0.250000'],
		[1, '1.00'],
		[1234.567, '1,234.57'],
	])('formatNotional(%d) is %s', (value, text) => {
		expect(formatNotional(value)).toBe(text);
	});

	test.each<[number, number, number, string]>([
		[1234.5, 1.834, 1, '+1,234.5 (+1.83%)'],
		[-59, -36.875, 0, '-59 (-36.88%)'],
		[0, 0, 2, '0.00 (0.00%)'],
		[0.5, 0.001, 2, '+0.50 (+0.00%)'],
	])('formatChange(%d, %d, %i) is %s', (change, percent, decimals, text) => {
		expect(formatChange(change, percent, decimals)).toBe(text);
	});

	test.each<[number, string]>([
		[4, '4.0000'],
		[99.5, '99.5000'],
		[950, '950.00'],
		[9999, '9,999.00'],
		[12_345, '12.3k'],
		[4_560_000, '4.56M'],
	])('formatCompact(%d) is %s', (value, text) => {
		expect(formatCompact(value)).toBe(text);
	});

	// Just under a million rounds to a million: "1.00M", never the wider "1000.0k".
	test('formatCompact never prints a thousand thousands', () => {
		expect(formatCompact(999_960)).toBe('1.00M');
	});

	test.each<[string, string | undefined, string, string]>([
		['68,412.3', '68,409.9', '68,4', '12.3'],
		['68,412.3', undefined, '', '68,412.3'],
		['68,412.3', '68,412.3', '68,412.3', ''],
		['68,412.3', '8,412.3', '', '68,412.3'],
		['  10,000.5', '   9,999.5', '  ', '10,000.5'],
		['100.01', '100.02', '100.0', '1'],
	])(
		'splitChangedDigits(%j after %j) keeps %j and marks %j',
		(current, previous, same, changed) => {
			expect(splitChangedDigits(current, previous)).toEqual({same, changed});
		},
	);

	test.each<[number, number, number, string]>([
		[3, 1, 10, '########--'],
		[1, 3, 10, '###-------'],
		[0, 0, 10, '#####-----'],
		[0, 0, 5, '###--'],
		[1, 0, 4, '####'],
		[0, 1, 4, '----'],
	])('imbalanceBar(%d, %d, %i) is %s', (buy, sell, width, bar) => {
		expect(imbalanceBar(buy, sell, width, '#', '-')).toBe(bar);
		expect(imbalanceBar(buy, sell, width, '#', '-')).toHaveLength(width);
	});
});

describe('formatPercent and formatBasisPoints', () => {
	test.each([
		[6.84, '+6.84%'],
		[-1.2, '-1.20%'],
		[0, '0.00%'],
		[-0.004, '0.00%'],
		[12.345, '+12.35%'],
	])('formatPercent(%d) is %s', (percent, text) => {
		expect(formatPercent(percent)).toBe(text);
	});

	test.each([
		[0.1, 65_843.75, '0.02 bp'],
		[100, 65_050, '15.4 bp'],
		[0.02, 1.5, '133 bp'],
		[0, 100, '0.00 bp'],
		[1, 0, '0.00 bp'],
	])('a spread of %d at a mid of %d is %s', (spread, mid, text) => {
		expect(formatBasisPoints(spread, mid)).toBe(text);
	});
});

describe('decimalsToFit', () => {
	test.each([
		[645.016323, 8, 12, 8],
		[645.016323, 8, 11, 7],
		[1199.3, 8, 14, 8],
		[1199.3, 8, 11, 5],
		[0.5, 8, 6, 4],
		[0.5, 2, 20, 2],
		// Nothing fits: no decimals at all, and the column shows what it can.
		[123_456_789, 8, 5, 0],
		// 999.96 at one decimal is 1,000.0: the rounded text is what must fit.
		[999.96, 8, 5, 0],
	])('%d with at most %d decimals in %d columns takes %d', (value, decimals, width, expected) => {
		expect(decimalsToFit(value, decimals, width)).toBe(expected);
	});
});
