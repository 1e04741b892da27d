import {describe, expect, test} from 'vitest';
import {chartBesideTapeRows, splitPane} from '../../source/model/pane-layout.js';

describe('pane-layout', () => {
	test('a tall pane gives the chart its top third, and the chart key hides it', () => {
		expect(splitPane(36, true, false)).toEqual({chartRows: 12, tapeRows: 24});
		expect(splitPane(chartBesideTapeRows, true, false)).toEqual({chartRows: 8, tapeRows: 16});
		expect(splitPane(36, true, true)).toEqual({chartRows: 0, tapeRows: 36});
	});

	test('a short pane keeps the tape, and the chart key swaps the chart in', () => {
		expect(splitPane(chartBesideTapeRows - 1, true, false)).toEqual({chartRows: 0, tapeRows: 23});
		expect(splitPane(19, true, true)).toEqual({chartRows: 19, tapeRows: 0});
	});

	test('without candles asked for the tape has the pane whatever the key says', () => {
		expect(splitPane(36, false, false)).toEqual({chartRows: 0, tapeRows: 36});
		expect(splitPane(19, false, true)).toEqual({chartRows: 0, tapeRows: 19});
	});
});
