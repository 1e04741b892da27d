import {describe, expect, test} from 'vitest';
import {sanitize} from '../../source/model/sanitize.js';

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('sanitize', () => {
	test.each<[string, string, string]>([
		['plain text', 'Currency pair not supported XBT/EUR', 'Currency pair not supported XBT/EUR'],
		['a lone ESC', 'a\u001Bb', 'a b'],
		['CSI colour', '\u001B[31mred\u001B[0m text', 'red text'],
		['CSI 256 colour', '\u001B[38;5;196malert\u001B[m', 'alert'],
		['CSI cursor moves', 'a\u001B[10;20Hb\u001B[2Ac\u001B[5D', 'abc'],
		['CSI clear screen', '\u001B[2J\u001B[3J\u001B[Hhello', 'hello'],
		['CSI private mode', '\u001B[?1049hscreen\u001B[?25l', 'screen'],
		['OSC title ending with BEL', '\u001B]0;pwned\u0007after', 'after'],
		['OSC title ending with ESC backslash', '\u001B]2;pwned\u001B\\after', 'after'],
		[
			'OSC 8 hyperlink',
			'\u001B]8;;https://evil.example/\u001B\\click me\u001B]8;;\u001B\\',
			'click me',
		],
		['OSC 52 clipboard', 'x\u001B]52;c;cm0gLXJmIH4=\u0007y', 'xy'],
		['unterminated OSC', 'ok\u001B]0;title', 'ok'],
		['DCS', '\u001BPq#0;2;0;0;0\u001B\\done', 'done'],
		['two-byte escape', 'a\u001BMb', 'ab'],
		['BEL', 'ding\u0007dong', 'ding dong'],
		['8-bit CSI', '\u009B31mred\u009B0m', 'red'],
		['8-bit OSC', '\u009D0;title\u009Cafter', 'after'],
		['NEL and other C1', 'a\u0085b\u0080c\u0084d', 'a b c d'],
		['DEL', 'a\u007Fb', 'a b'],
		['newline tab and CR', 'line one\nline two\tcol\rback', 'line one line two col back'],
		['NUL', 'a\u0000b', 'a b'],
		['unicode kept', 'BTC/€ ≥ 1 🚀', 'BTC/€ ≥ 1 🚀'],
	])('%s', (_name, text, expected) => {
		const clean = sanitize(text);
		expect(clean).toBe(expected);
		expect(controlCharacter.test(clean)).toBe(false);
	});

	test('removes every control character in the C0, DEL and C1 ranges', () => {
		const all = Array.from({length: 0xa0}, (_, code) => String.fromCodePoint(code)).join('');
		// U+009D opens an OSC string near the end; the BEL closes it so 'end' is visible text.
		const clean = sanitize(`start${all}\u0007end`, 1000);
		expect(controlCharacter.test(clean)).toBe(false);
		expect(clean.startsWith('start')).toBe(true);
		expect(clean.endsWith('end')).toBe(true);
	});

	test('leaves nothing that could start a sequence when fed fragments', () => {
		const fragments = ['\u001B', '[', ']', '\u009B', '\u0007', '\u009C', '\\', '0;', '31m', 'x'];
		let text = '';
		for (let index = 0; index < 500; index++) {
			text += fragments[(index * 7 + Math.floor(index / 3)) % fragments.length];
		}

		expect(controlCharacter.test(sanitize(text, 10_000))).toBe(false);
	});

	test('keeps short text whole', () => {
		expect(sanitize('x'.repeat(200))).toBe('x'.repeat(200));
	});

	test('truncates long text with an ellipsis', () => {
		const clean = sanitize('x'.repeat(300));
		expect(clean).toBe(`${'x'.repeat(199)}…`);
		expect(clean).toHaveLength(200);
	});

	test('truncates to a given length', () => {
		expect(sanitize('Currency pair not supported', 10)).toBe('Currency …');
	});

	test('truncates after removing sequences, not before', () => {
		expect(sanitize(`\u001B[31m${'a'.repeat(10)}\u001B[0m`, 10)).toBe('a'.repeat(10));
	});

	test('does not cut a character made of two code units in half', () => {
		const clean = sanitize(`${'x'.repeat(8)}🚀🚀`, 10);
		expect(loneSurrogate.test(clean)).toBe(false);
		expect(clean).toMatch(/^x{8}.?…$/u);
	});
});
