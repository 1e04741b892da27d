import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, test} from 'vitest';
import {isColouredAscii} from '../../source/ink-patches/coloured-ascii.js';
import {createRandom, randomInkText} from '../helpers/random-frames.js';

// Ink's sanitizeAnsi, which the bundle skips for coloured ASCII: it must have nothing to drop.
const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const {default: sanitizeAnsi} = (await import(
	pathToFileURL(path.join(inkBuild, 'sanitize-ansi.js')).href
)) as {default: (text: string) => string};

const escape = '\u001B';

describe('isColouredAscii', () => {
	test('a trade row is; cursor movement, other controls and non-ASCII are not', () => {
		expect(
			isColouredAscii(`${escape}[2m14:03:07.412${escape}[22m${escape}[1;32m B${escape}[0m 1.5`),
		).toBe(true);
		expect(isColouredAscii('two\nlines')).toBe(true);
		expect(isColouredAscii(`${escape}[2Kcleared`)).toBe(false);
		expect(isColouredAscii('tab\there')).toBe(false);
		expect(isColouredAscii('▲ up')).toBe(false);
		expect(isColouredAscii(`${escape}[31`)).toBe(false);
	});

	test('Ink would leave any coloured ASCII text as it is, over 5,000 random texts', () => {
		const random = createRandom(3);
		let colouredAscii = 0;
		for (let index = 0; index < 5000; index++) {
			const text = randomInkText(random);
			if (isColouredAscii(text)) {
				colouredAscii++;
				expect(sanitizeAnsi(text), JSON.stringify(text)).toBe(text);
			}
		}

		expect(colouredAscii).toBeGreaterThan(500);
	});
});
