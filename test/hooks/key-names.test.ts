import {describe, expect, test} from 'vitest';
import {parseKeys} from '../../source/hooks/key-names.js';

const names = (event: string) => parseKeys(event).map((press) => press.name);

describe('key-names', () => {
	test.each<[string, string, string[]]>([
		['a letter', 'a', ['a']],
		['a capital', 'Q', ['Q']],
		['a digit', '7', ['7']],
		['space', ' ', ['space']],
		['enter', '\r', ['enter']],
		['Backspace as DEL', '\u007F', ['backspace']],
		['Backspace as Ctrl-H', '\b', ['backspace']],
		['tab', '\t', ['tab']],
		['Ctrl-C', '\u0003', ['ctrl+c']],
		['escape', '\u001B', ['escape']],
		['up', '\u001B[A', ['up']],
		['down', '\u001B[B', ['down']],
		['right', '\u001B[C', ['right']],
		['left', '\u001B[D', ['left']],
		['up in application mode', '\u001BOA', ['up']],
		['home', '\u001B[H', ['home']],
		['end', '\u001B[F', ['end']],
		['home as ESC [1~', '\u001B[1~', ['home']],
		['end as ESC [4~', '\u001B[4~', ['end']],
		['home as ESC [7~', '\u001B[7~', ['home']],
		['page up', '\u001B[5~', ['pageup']],
		['page down', '\u001B[6~', ['pagedown']],
		['forward delete', '\u001B[3~', ['delete']],
		['shift-tab', '\u001B[Z', ['shift+tab']],
		['ctrl-right', '\u001B[1;5C', ['ctrl+right']],
		['shift-up', '\u001B[1;2A', ['shift+up']],
		['alt-x', '\u001Bx', ['meta+x']],
		['an unknown sequence', '\u001B[99~', ['unknown']],
	])('names %s', (_name, event, expected) => {
		expect(names(event)).toEqual(expected);
	});

	test('a burst read together is one press per character', () => {
		expect(names('eth/usd\r')).toEqual(['e', 't', 'h', '/', 'u', 's', 'd', 'enter']);
		expect(names('\u007F\u007F')).toEqual(['backspace', 'backspace']);
		expect(names('ab\u0003')).toEqual(['a', 'b', 'ctrl+c']);
	});

	test('letters outside ASCII are single presses of their own', () => {
		expect(parseKeys('Ё/é')).toEqual([
			{name: 'Ё', text: 'Ё'},
			{name: '/', text: '/'},
			{name: 'é', text: 'é'},
		]);
		// Astral characters stay whole.
		expect(names('😀')).toEqual(['😀']);
	});

	test('only printable keys type text', () => {
		expect(parseKeys('a \r\t\u0003').map((press) => press.text)).toEqual(['a', ' ', '', '', '']);
	});
});
