import {describe, expect, test} from 'vitest';
import {readEscape} from '../../source/ansi/escape-reader.js';
import {SgrState} from '../../source/ansi/sgr-state.js';
import {scanEndStyle, StyleTracker} from '../../source/ansi/style-tracker.js';
import {defaultStyle} from '../../source/ansi/text-style.js';
import {seededRandom} from '../../source/simulator/random.js';

const escape = '\u001B';

/** SGR parameter strings of every kind SgrState reads: sets, clears, colours, resets, odd ones. */
const parameterChoices = [
	'0',
	'',
	'1',
	'2',
	'22',
	'3',
	'23',
	'4',
	'4:3',
	'4:0',
	'24',
	'7',
	'27',
	'31',
	'92',
	'39',
	'44',
	'103',
	'49',
	'38;5;208',
	'38;2;10;200;30',
	'48;5;17',
	'58:2::1:2:3',
	'1;31',
	'22;39',
	'11',
	'38;5',
];

describe('style-tracker', () => {
	test('the style left open at the end of a line is found from its escapes alone', () => {
		expect(scanEndStyle(`${escape}[1mbold ${escape}[31mred`, defaultStyle)).toEqual({
			sgr: '1;31',
			link: '',
		});
		expect(scanEndStyle(`${escape}[1mbold${escape}[22m`, defaultStyle)).toEqual(defaultStyle);
	});

	test('a style reached by remembered steps is the one a single SgrState reaches', () => {
		const random = seededRandom(16);
		const pick = () => parameterChoices[Math.floor(random() * parameterChoices.length)]!;
		// Twice over the same kinds of sequence: the second time, every step is remembered.
		for (let round = 0; round < 2; round++) {
			for (let line = 0; line < 300; line++) {
				const tracker = new StyleTracker(defaultStyle);
				const state = new SgrState();
				for (let step = 0; step < 6; step++) {
					const parameters = pick();
					tracker.apply(readEscape(`${escape}[${parameters}m`, 0));
					state.apply(parameters);
					expect(tracker.style.sgr).toBe(state.toString());
				}
			}
		}
	});

	test('the same style is the same object, so a frame compares styles by identity', () => {
		const first = new StyleTracker(defaultStyle);
		const second = new StyleTracker(defaultStyle);
		first.apply(readEscape(`${escape}[1;31m`, 0));
		second.apply(readEscape(`${escape}[31m`, 0));
		second.apply(readEscape(`${escape}[1m`, 0));
		expect(first.style).toBe(second.style);
		first.apply(readEscape(`${escape}[0m`, 0));
		expect(first.style).toBe(defaultStyle);
	});
});
