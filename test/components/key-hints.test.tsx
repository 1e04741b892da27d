import {describe, expect, test} from 'vitest';
import {KeyHints} from '../../source/components/key-hints.js';
import {defaultBindings} from '../../source/model/key-bindings.js';
import {unicodeGlyphs} from '../../source/model/glyphs.js';
import {renderFrame} from '../helpers/screen.js';

function hints(width: number, isPaused = false): string {
	return renderFrame(<KeyHints width={width} hintsFor={isPaused ? 'paused' : 'tape'} />, width);
}

describe('key-hints', () => {
	test.each<[number, string]>([
		[
			94,
			'q quit  ? help  space pause  ←→ pair  g grid  v view  i interval  a add  x remove  c clear',
		],
		[80, 'q quit  ? help  space pause  ←→ pair  g grid  v view  i interval  a add'],
		[71, 'q quit  ? help  space pause  ←→ pair  g grid  v view  i interval  a add'],
		[70, 'q quit  ? help  space pause  ←→ pair  g grid  v view  i interval'],
		[40, 'q quit  ? help  space pause  ←→ pair'],
		[15, 'q quit  ? help'],
		[5, ''],
	])('at width %i keeps the most important hints that fit', (width, text) => {
		expect(hints(width)).toBe(text);
	});

	test.each<[number, string]>([
		[80, 'q quit  ? help  space resume  ↑↓ scroll  ←→ pair  g grid  v view  i interval'],
		[40, 'q quit  ? help  space resume  ↑↓ scroll'],
		[15, 'q quit  ? help'],
	])('while paused at width %i offers resume and scrolling', (width, text) => {
		expect(hints(width, true)).toBe(text);
	});

	test('hints name the keys in effect and leave out actions with no key', () => {
		const bindings = {...defaultBindings, quit: ['ctrl+q'], grid: [], 'next-pair': ['n']};
		expect(renderFrame(<KeyHints width={100} />, 100, {glyphs: unicodeGlyphs, bindings})).toBe(
			'Ctrl-Q quit  ? help  space pause  ←n pair  v view  i interval  a add  x remove  c clear  1-9 jump',
		);
	});

	test('with quit unbound, Ctrl-C is offered: it always quits; jump keys show as rebound', () => {
		const jumps = Object.fromEntries(
			['a', 's', 'd', 'f', 'z', 'u', 'o', 'p', 'w'].map((key, index) => [
				`jump-${index + 1}`,
				[key],
			]),
		);
		const bindings = {
			...defaultBindings,
			...jumps,
			quit: [],
			'add-pair': ['+'],
			dismiss: ['escape'],
			clear: ['C'],
		};
		expect(renderFrame(<KeyHints width={200} />, 200, {glyphs: unicodeGlyphs, bindings})).toBe(
			'Ctrl-C quit  ? help  space pause  ←→ pair  g grid  v view  i interval  + add  x remove  C clear  a s d f z u o p w jump  r reconnect',
		);
	});

	test('with no pairs it offers only the keys that do something', () => {
		expect(renderFrame(<KeyHints width={80} hintsFor="no-pairs" />, 80)).toBe(
			'q quit  ? help  a add  r reconnect',
		);
	});

	test('without a terminal for input it says keys are off instead of offering them', () => {
		expect(renderFrame(<KeyHints width={80} hasKeys={false} />, 80)).toBe(
			'keys off: input is not a terminal (Ctrl-C or a signal ends it)',
		);
	});
});
