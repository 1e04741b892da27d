import {describe, expect, test} from 'vitest';
import {HelpOverlay} from '../../source/components/help-overlay.js';
import {defaultBindings} from '../../source/model/key-bindings.js';
import {unicodeGlyphs} from '../../source/model/glyphs.js';
import {asciiDisplay, renderFrame} from '../helpers/screen.js';

const body = [
	' keys                                                                               ',
	' ← h Shift-Tab / → l Tab  previous / next pair                                      ',
	' 1-9                      jump to a pair                                            ',
	' g                        grid of every pair / back to one pair                     ',
	' v                        the pane: all that fits, the candle chart, the order book ',
	' i / I                    longer / shorter candles                                  ',
	' space                    pause the tape (trades keep counting) / resume            ',
	' ↓ j / ↑ k                back / forward one trade (pauses a live tape)             ',
	' PgDn / PgUp              back / forward one page                                   ',
	' End / Home               oldest / newest trade                                     ',
	' a                        add a pair (Enter adds, Esc cancels)                      ',
	' x                        remove the focused pair                                   ',
	' c                        clear the focused tape and its stats                      ',
	' d Esc                    dismiss alerts                                            ',
	' r                        reconnect now                                             ',
	' ?                        this help (again or Esc closes)                           ',
	' q Ctrl-C                 quit (Ctrl-C always does)                                 ',
	' B/S buy/sell (taker side) · underlined digits changed · inverse row: big trade (*) ',
];

describe('help-overlay', () => {
	test('shows the keys in effect: rebound keys, and no row for an unbound action', () => {
		const bindings = {...defaultBindings, quit: ['ctrl+q'], reconnect: [], 'next-pair': ['n']};
		const frame = renderFrame(<HelpOverlay />, 100, {glyphs: unicodeGlyphs, bindings});
		expect(frame).toContain('│ ← h Shift-Tab / n  previous / next pair');
		expect(frame).toContain('│ Ctrl-Q             quit (Ctrl-C always does)');
		expect(frame).not.toContain('reconnect now');
	});

	test('jump keys other than the digits are listed in tab order; quit unbound shows Ctrl-C', () => {
		const bindings = {...defaultBindings, 'jump-1': ['!'], 'jump-2': ['@'], 'jump-3': [], quit: []};
		const frame = renderFrame(<HelpOverlay />, 100, {glyphs: unicodeGlyphs, bindings});
		expect(frame).toContain('│ ! @ 4 5 6 7 8 9          jump to a pair');
		expect(frame).toContain('│ Ctrl-C                   quit (Ctrl-C always does)');
	});

	test('lists every key in a box', () => {
		const border = '─'.repeat(84);
		expect(renderFrame(<HelpOverlay />, 100).split('\n')).toEqual([
			`╭${border}╮`,
			...body.map((line) => `│${line}│`),
			`╰${border}╯`,
		]);
	});

	test('ascii glyphs draw a classic box with nothing but ASCII', () => {
		const lines = renderFrame(<HelpOverlay />, 100, asciiDisplay).split('\n');
		expect(lines[0]).toMatch(/^\+-+\+$/);
		expect(lines.at(-1)).toBe(lines[0]);
		for (const line of lines) {
			expect(line).toMatch(/^[\u0020-\u007E]+$/);
		}

		expect(lines.join('\n')).toContain('| <- h Shift-Tab / -> l Tab  previous / next pair');
		expect(lines.join('\n')).toContain('| Down j / Up k ');
		expect(lines.join('\n')).toContain('changed - inverse row');
	});

	test('truncates lines rather than wrapping in a narrow terminal', () => {
		const lines = renderFrame(<HelpOverlay />, 40).split('\n');
		expect(lines).toHaveLength(20);
		expect(lines[2]).toBe('│ ← h Shift-Tab / → l Tab  previous /… │');
		for (const line of lines) {
			expect(line.length).toBeLessThanOrEqual(40);
		}
	});
});
