import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {isNarrowCode, isNarrowText, narrowTextWidth} from '../../source/ansi/narrow-text.js';
import {createRandom, randomInkText} from '../helpers/random-frames.js';

// Ink's sanitizeAnsi, which the bundle skips for narrow text: it must have nothing to drop.
const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const {default: sanitizeAnsi} = (await import(
	pathToFileURL(path.join(inkBuild, 'sanitize-ansi.js')).href
)) as {default: (text: string) => string};

const escape = '\u001B';

/** What Ink's widest-line gives: the string-width of the widest line. */
const widestLine = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

/** Every UTF-16 code unit that is a whole character (no surrogates), with its text. */
const everyCode = Array.from({length: 0xd800}, (_, code) => code);

describe('narrow text', () => {
	test('a trade row, a ladder bar, an arrow and a box are; cursor movement, controls, emoji and wide text are not', () => {
		expect(
			isNarrowText(`${escape}[2m14:03:07.412${escape}[22m${escape}[1;32m B${escape}[0m 1.5 ↺`),
		).toBe(true);
		expect(narrowTextWidth(`▲ +1.09%  ▇▇▇▇ │ ── spread 0.2 · 0.03 bp …`)).toBe(42);
		expect(narrowTextWidth('two\nlines, the second longer')).toBe(24);
		expect(isNarrowText(`${escape}[2Kcleared`)).toBe(false);
		expect(isNarrowText('tab\there')).toBe(false);
		expect(isNarrowText('▶ play')).toBe(false);
		expect(isNarrowText('e\u0301')).toBe(false);
		expect(isNarrowText('soft\u00ADhyphen')).toBe(false);
		expect(isNarrowText('東京')).toBe(false);
		expect(isNarrowText(`${escape}[31`)).toBe(false);
	});

	test('every narrow character is one column to string-width, as Ink measures it', () => {
		const narrow = everyCode.filter((code) => isNarrowCode(code));
		// Printable ASCII, most of Latin-1, and the glyph ranges the screen draws with.
		expect(narrow.length).toBeGreaterThan(500);
		for (const code of narrow) {
			const character = String.fromCodePoint(code);
			expect({code, width: stringWidth(character)}).toEqual({code, width: 1});
		}
	});

	test('any text of narrow characters measures as string-width and widest-line measure it, over 5,000 texts', () => {
		const random = createRandom(5);
		const narrow = everyCode.filter((code) => isNarrowCode(code));
		for (let index = 0; index < 5000; index++) {
			const length = random.integer(0, 40);
			const text = Array.from({length}, () => {
				const roll = random.next();
				if (roll < 0.05) {
					return '\n';
				}

				if (roll < 0.15) {
					return `${escape}[${random.integer(0, 107)}m`;
				}

				return String.fromCodePoint(random.pick(narrow));
			}).join('');
			expect({text, width: narrowTextWidth(text)}).toEqual({text, width: widestLine(text)});
		}
	});

	test('Ink would leave any narrow text as it is, over 5,000 random texts', () => {
		const random = createRandom(3);
		let narrow = 0;
		for (let index = 0; index < 5000; index++) {
			const text = randomInkText(random);
			if (isNarrowText(text)) {
				narrow++;
				expect(sanitizeAnsi(text), JSON.stringify(text)).toBe(text);
			}
		}

		expect(narrow).toBeGreaterThan(500);
	});
});
