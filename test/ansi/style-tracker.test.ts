import {describe, expect, test} from 'vitest';
import {scanEndStyle} from '../../source/ansi/style-tracker.js';
import {defaultStyle} from '../../source/ansi/text-style.js';

const escape = '\u001B';

describe('style-tracker', () => {
	test('the style left open at the end of a line is found from its escapes alone', () => {
		expect(scanEndStyle(`${escape}[1mbold ${escape}[31mred`, defaultStyle)).toEqual({
			sgr: '1;31',
			link: '',
		});
		expect(scanEndStyle(`${escape}[1mbold${escape}[22m`, defaultStyle)).toEqual(defaultStyle);
	});
});
