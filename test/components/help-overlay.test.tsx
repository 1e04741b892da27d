import {describe, expect, test} from 'vitest';
import {HelpOverlay} from '../../source/components/help-overlay.js';
import {asciiDisplay, renderFrame} from '../helpers/screen.js';

const body = [
	' keys                                                                               ',
	' ← → h l Tab Shift-Tab   previous / next pair                                       ',
	' 1-9                     jump to a pair                                             ',
	' g                       grid of every pair / back to one pair                      ',
	' space                   pause the tape (trades keep counting) / resume             ',
	' ↑ ↓ PgUp PgDn Home End  scroll back through history while paused                   ',
	' a                       add a pair (Enter adds, Esc cancels)                       ',
	' x                       remove the focused pair                                    ',
	' c                       clear the focused tape and its stats                       ',
	' d Esc                   dismiss alerts                                             ',
	' ?                       this help (? or Esc closes)                                ',
	' q Ctrl-C                quit                                                       ',
	' B/S buy/sell (taker side) · underlined digits changed · inverse row: big trade (*) ',
];

describe('help-overlay', () => {
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

		expect(lines.join('\n')).toContain('| <- -> h l Tab Shift-Tab     previous / next pair');
		expect(lines.join('\n')).toContain('Up Down PgUp PgDn Home End');
		expect(lines.join('\n')).toContain('changed - inverse row');
	});

	test('truncates lines rather than wrapping in a narrow terminal', () => {
		const lines = renderFrame(<HelpOverlay />, 40).split('\n');
		expect(lines).toHaveLength(15);
		expect(lines[2]).toBe('│ ← → h l Tab Shift-Tab   previous / … │');
		for (const line of lines) {
			expect(line.length).toBeLessThanOrEqual(40);
		}
	});
});
