import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, test} from 'vitest';
import measureText from '../../source/ink-patches/ink-measure-text.js';
import {createRandom, randomInkText} from '../helpers/random-frames.js';

// Ink's own measure-text, which the bundle replaces: the reference, loaded from its file.
const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const {default: inkMeasureText} = (await import(
	pathToFileURL(path.join(inkBuild, 'measure-text.js')).href
)) as {default: typeof measureText};

const escape = '\u001B';

describe('measureText measures as Ink does', () => {
	test('a trade row and a multi-line block', () => {
		const row = `${escape}[2m14:03:07.412${escape}[22m${escape}[1m${escape}[32m B${escape}[39m${escape}[22m     68,412.3`;
		expect(measureText(row)).toEqual(inkMeasureText(row));
		expect(measureText(row)).toEqual({width: 27, height: 1});
		expect(measureText('ab\nabcd\n')).toEqual({width: 4, height: 3});
		expect(measureText('')).toEqual(inkMeasureText(''));
	});

	test('5,000 random texts of ASCII, colour codes, wide characters, other escapes and controls', () => {
		const random = createRandom(99);
		for (let index = 0; index < 5000; index++) {
			const text = randomInkText(random);
			expect(measureText(text), JSON.stringify(text)).toEqual(inkMeasureText(text));
		}
	});
});
