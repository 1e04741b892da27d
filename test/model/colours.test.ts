import {describe, expect, test} from 'vitest';
import {
	colourAt,
	colourDistance,
	nearest16,
	nearest256,
	parseColour,
	textOn,
	type Rgb,
} from '../../source/model/colours.js';

/** xterm's 256 palette as its own source defines it, for an independent check of nearest256. */
function xtermPalette(index: number): Rgb {
	if (index >= 232) {
		const level = 8 + (index - 232) * 10;
		return [level, level, level];
	}

	const cube = index - 16;
	const level = (step: number) => (step === 0 ? 0 : 55 + step * 40);
	return [level(Math.floor(cube / 36)), level(Math.floor(cube / 6) % 6), level(cube % 6)];
}

describe('colours', () => {
	test.each([
		['green', {kind: 'named', name: 'green'}],
		['Bright-Red', {kind: 'named', name: 'redBright'}],
		['red-bright', {kind: 'named', name: 'redBright'}],
		['redBright', {kind: 'named', name: 'redBright'}],
		['grey', {kind: 'named', name: 'blackBright'}],
		['gray', {kind: 'named', name: 'blackBright'}],
		['#E69F00', {kind: 'hex', rgb: [230, 159, 0], text: '#e69f00'}],
		['#0f8', {kind: 'hex', rgb: [0, 255, 136], text: '#00ff88'}],
	])('reads %s', (text, colour) => {
		expect(parseColour(text)).toEqual(colour);
	});

	test.each(['gren', '#12345', '#ggg', 'rgb(1,2,3)', '', 'orange'])(
		'%j is not a colour',
		(text) => {
			expect(parseColour(text)).toBeUndefined();
		},
	);

	test('every entry of the 256 palette past the 16 is its own nearest', () => {
		for (let index = 16; index < 256; index++) {
			const found = nearest256(xtermPalette(index));
			// Two greys of the ramp sit on the cube's diagonal: either index is the same colour.
			expect(xtermPalette(found)).toEqual(xtermPalette(index));
		}
	});

	test('a hex value between palette entries goes to the closer one', () => {
		// 215,175,0 is cube entry 178; 230,159,0 is nearer it than any other entry.
		expect(nearest256([230, 159, 0])).toBe(178);
		expect(nearest256([86, 180, 233])).toBe(74);
		const distances = Array.from({length: 240}, (_, step) =>
			colourDistance([86, 180, 233], xtermPalette(step + 16)),
		);
		expect(Math.min(...distances)).toBe(colourDistance([86, 180, 233], xtermPalette(74)));
	});

	test('the nearest of 16 keeps blue and orange apart, as the colour-blind theme needs', () => {
		expect(nearest16([86, 180, 233])).toBe('cyan');
		expect(nearest16([230, 159, 0])).toBe('yellow');
		expect(nearest16([0, 0, 0])).toBe('black');
		expect(nearest16([250, 250, 250])).toBe('whiteBright');
	});

	test('a colour at each depth: none, the nearest of 16, of 256, or itself', () => {
		const orange = parseColour('#e69f00')!;
		expect(colourAt(orange, 0)).toBeUndefined();
		expect(colourAt(orange, 1)).toBe('yellow');
		expect(colourAt(orange, 2)).toBe('ansi256(178)');
		expect(colourAt(orange, 3)).toBe('#e69f00');
		// Names are the terminal's own palette at every depth.
		expect(colourAt(parseColour('bright-green')!, 3)).toBe('greenBright');
	});

	test('text on a background is black on light colours, white on dark', () => {
		expect(textOn(parseColour('yellow')!)).toBe('black');
		expect(textOn(parseColour('#f0e442')!)).toBe('black');
		expect(textOn(parseColour('blue')!)).toBe('whiteBright');
		expect(textOn(parseColour('#0072b2')!)).toBe('whiteBright');
	});
});
