import {describe, expect, test} from 'vitest';
import {tapeColumns, type TapeColumns} from '../../source/components/tape-columns.js';

describe('tape-columns', () => {
	test.each<[number, TapeColumns]>([
		[200, {price: 16, volume: 16, notional: 16, orderType: 7}],
		[90, {price: 16, volume: 16, notional: 16, orderType: 7}],
		[89, {price: 14, volume: 14, notional: 13, orderType: 7}],
		[70, {price: 14, volume: 14, notional: 13, orderType: 7}],
		[69, {price: 14, volume: 14, notional: 13, orderType: 0}],
		[58, {price: 14, volume: 14, notional: 13, orderType: 0}],
		[57, {price: 20, volume: 20, notional: 0, orderType: 0}],
		[55, {price: 19, volume: 19, notional: 0, orderType: 0}],
		[40, {price: 12, volume: 12, notional: 0, orderType: 0}],
		[36, {price: 10, volume: 10, notional: 0, orderType: 0}],
		[20, {price: 8, volume: 8, notional: 0, orderType: 0}],
	])('at width %i', (width, columns) => {
		expect(tapeColumns(width)).toEqual(columns);
	});

	test('time, side, the columns shown and the big-trade mark fit the width from 36 up', () => {
		for (let width = 36; width <= 200; width++) {
			const {price, volume, notional, orderType} = tapeColumns(width);
			expect(12 + 2 + price + volume + notional + orderType + 2).toBeLessThanOrEqual(width);
		}
	});
});
