import {describe, expect, test} from 'vitest';
import {parseKeys} from '../../source/hooks/key-names.js';
import {keyNameOf} from '../../source/model/key-spelling.js';

describe('key-spelling', () => {
	test.each([
		['q', 'q'],
		['I', 'I'],
		['?', '?'],
		['1', '1'],
		['space', 'space'],
		['Space', 'space'],
		['Esc', 'escape'],
		['return', 'enter'],
		['PgUp', 'pageup'],
		['page-down', 'pagedown'],
		['Tab', 'tab'],
		['shift+tab', 'shift+tab'],
		['Shift-Tab', 'shift+tab'],
		['ctrl+c', 'ctrl+c'],
		['Ctrl-C', 'ctrl+c'],
		['control+q', 'ctrl+q'],
		['alt+x', 'meta+x'],
		['meta+enter', 'meta+enter'],
		['ctrl+right', 'ctrl+right'],
		['shift+ctrl+up', 'ctrl+shift+up'],
		['alt+shift+pageup', 'meta+shift+pageup'],
		['+', '+'],
		['-', '-'],
		['é', 'é'],
	])('%j is %j', (written, name) => {
		expect(keyNameOf(written)).toBe(name);
	});

	test.each([
		'',
		'qq',
		'ctl+c',
		'ctrl+h',
		'ctrl+i',
		'ctrl+tab',
		'shift+a',
		'ctrl+ctrl+c',
		'hyper+x',
		'f1',
		'\u0007',
	])('%j is not a key kraken-tape can tell apart', (written) => {
		expect(keyNameOf(written)).toBeUndefined();
	});

	test.each([
		['ctrl+q', '\u0011'],
		['ctrl+right', '\u001B[1;5C'],
		['shift+pageup', '\u001B[5;2~'],
		['meta+x', '\u001Bx'],
		['shift+tab', '\u001B[Z'],
		['space', ' '],
		['escape', '\u001B'],
	])('%j names what the terminal sends for it', (written, sent) => {
		expect(parseKeys(sent).map((press) => press.name)).toEqual([keyNameOf(written)]);
	});
});
