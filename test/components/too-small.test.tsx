import {describe, expect, test} from 'vitest';
import {TooSmall, minimumSize} from '../../source/components/too-small.js';
import {unicodeGlyphs} from '../../source/model/glyphs.js';
import {defaultBindings} from '../../source/model/key-bindings.js';
import {renderFrame} from '../helpers/screen.js';

describe('too-small', () => {
	test('says the size, the size needed and how to quit', () => {
		expect(renderFrame(<TooSmall columns={20} rows={5} />, 20).split('\n')).toEqual([
			'too small 20x5',
			'need 40x8',
			'q quits',
		]);
	});

	test('names the quit key in effect', () => {
		const bindings = {...defaultBindings, quit: ['ctrl+q']};
		expect(
			renderFrame(<TooSmall columns={20} rows={5} />, 20, {glyphs: unicodeGlyphs, bindings}),
		).toContain('Ctrl-Q quits');
		const unbound = {...defaultBindings, quit: []};
		expect(
			renderFrame(<TooSmall columns={20} rows={5} />, 20, {
				glyphs: unicodeGlyphs,
				bindings: unbound,
			}),
		).toContain('Ctrl-C quits');
	});

	test('the minimum is 40x8', () => {
		expect(minimumSize).toEqual({columns: 40, rows: 8});
	});

	test('lines fit 20 columns and 5 rows even for a wide, short terminal', () => {
		const lines = renderFrame(<TooSmall columns={1000} rows={7} />, 20).split('\n');
		expect(lines).toEqual(['too small 1000x7', 'need 40x8', 'q quits']);
		expect(lines.length).toBeLessThan(5);
	});
});
