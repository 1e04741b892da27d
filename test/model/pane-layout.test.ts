import {describe, expect, test} from 'vitest';
import {
	chartBesideTapeRows,
	ladderBesideTapeColumns,
	layoutPane,
	nextPane,
} from '../../source/model/pane-layout.js';

const everything = {hasChart: true, hasBook: true};
const tapeOnly = {hasChart: false, hasBook: false};

describe('pane-layout', () => {
	test('a tall pane gives the chart its top third, a wide one gives the ladder its right side', () => {
		expect(layoutPane({rows: 36, columns: 160}, everything, 'main')).toEqual({
			chartRows: 12,
			lowerRows: 24,
			tapeColumns: 103,
			ladderColumns: 56,
		});
		expect(
			layoutPane({rows: chartBesideTapeRows, columns: ladderBesideTapeColumns}, everything, 'main'),
		).toEqual({
			chartRows: 8,
			lowerRows: 16,
			tapeColumns: 73,
			ladderColumns: 46,
		});
	});

	test('80x24 keeps the whole pane for the tape', () => {
		expect(
			layoutPane(
				{rows: chartBesideTapeRows - 1, columns: ladderBesideTapeColumns - 1},
				everything,
				'main',
			),
		).toEqual({chartRows: 0, lowerRows: 23, tapeColumns: 119, ladderColumns: 0});
	});

	test('the chart and book views give the whole pane to one', () => {
		expect(layoutPane({rows: 19, columns: 80}, everything, 'chart')).toEqual({
			chartRows: 19,
			lowerRows: 0,
			tapeColumns: 0,
			ladderColumns: 0,
		});
		expect(layoutPane({rows: 19, columns: 80}, everything, 'book')).toEqual({
			chartRows: 0,
			lowerRows: 19,
			tapeColumns: 0,
			ladderColumns: 80,
		});
	});

	test('without candles or a book asked for, the tape has the pane whatever the view', () => {
		for (const view of ['main', 'chart', 'book'] as const) {
			expect(layoutPane({rows: 36, columns: 160}, tapeOnly, view)).toEqual({
				chartRows: 0,
				lowerRows: 36,
				tapeColumns: 160,
				ladderColumns: 0,
			});
		}
	});

	test('the view key steps through the views there is something to show in', () => {
		expect(nextPane('main', everything)).toBe('chart');
		expect(nextPane('chart', everything)).toBe('book');
		expect(nextPane('book', everything)).toBe('main');
		expect(nextPane('main', {hasChart: false, hasBook: true})).toBe('book');
		expect(nextPane('main', tapeOnly)).toBe('main');
		// A view left with nothing to show (its pair changed) steps on from the start.
		expect(nextPane('chart', {hasChart: false, hasBook: true})).toBe('main');
	});
});
