/**
 * Colours as a config writes them (a terminal colour name or a hex value) and as a terminal of
 * each depth can show them: a hex value is sent as itself where the terminal takes 24-bit
 * colour, as the nearest of the 256-colour palette where it takes 256, and as the nearest of the
 * 16 named colours elsewhere. Named colours stay names at every depth: they are the terminal's
 * own palette, which its user may have tuned.
 */

/** How many colours the terminal shows: chalk's levels (none, 16, 256, 24-bit). */
export type ColourDepth = 0 | 1 | 2 | 3;

export type Rgb = readonly [red: number, green: number, blue: number];

/** The 16 named colours, by their ANSI index, as chalk and Ink name them. */
export const namedColours = [
	'black',
	'red',
	'green',
	'yellow',
	'blue',
	'magenta',
	'cyan',
	'white',
	'blackBright',
	'redBright',
	'greenBright',
	'yellowBright',
	'blueBright',
	'magentaBright',
	'cyanBright',
	'whiteBright',
] as const;

export type NamedColour = (typeof namedColours)[number];

/** xterm's default values for the 16, to find the nearest one and to judge contrast. */
const namedRgb: readonly Rgb[] = [
	[0, 0, 0],
	[205, 0, 0],
	[0, 205, 0],
	[205, 205, 0],
	[0, 0, 238],
	[205, 0, 205],
	[0, 205, 205],
	[229, 229, 229],
	[127, 127, 127],
	[255, 0, 0],
	[0, 255, 0],
	[255, 255, 0],
	[92, 92, 255],
	[255, 0, 255],
	[0, 255, 255],
	[255, 255, 255],
];

export type Colour =
	Readonly<{kind: 'named'; name: NamedColour}> | Readonly<{kind: 'hex'; rgb: Rgb; text: string}>;

/** `bright-red`, `red-bright`, `redBright`, `grey`: spellings of the same names, folded. */
function foldedName(text: string): string {
	return text.toLowerCase().replaceAll(/[\s_-]/g, '');
}

const namesByFolded = new Map<string, NamedColour>([
	...namedColours.map((name) => [foldedName(name), name] as const),
	...namedColours
		.filter((name) => name.endsWith('Bright'))
		.map((name) => [`bright${foldedName(name.replace('Bright', ''))}`, name] as const),
	['gray', 'blackBright'],
	['grey', 'blackBright'],
]);

/** The names a user may write, for messages: the plain and bright forms. */
export const colourNameExamples = [
	...namedColours.slice(0, 8),
	...namedColours.slice(0, 8).map((name) => `bright-${name}`),
	'grey',
];

/** A colour from its written form, or undefined when it is neither a name nor a hex value. */
export function parseColour(text: string): Colour | undefined {
	const hex = /^#([\da-f]{3}|[\da-f]{6})$/i.exec(text.trim());
	if (hex) {
		const digits = hex[1] ?? '';
		const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
		const rgb: Rgb = [0, 2, 4].map((at) =>
			Number.parseInt(full.slice(at, at + 2), 16),
		) as unknown as Rgb;
		return {kind: 'hex', rgb, text: `#${full.toLowerCase()}`};
	}

	const name = namesByFolded.get(foldedName(text));
	return name === undefined ? undefined : {kind: 'named', name};
}

/** The 256-colour palette's values: the 16, a 6x6x6 cube, then 24 greys (xterm's). */
function paletteRgb(index: number): Rgb {
	if (index < 16) {
		return namedRgb[index] ?? [0, 0, 0];
	}

	if (index >= 232) {
		const level = 8 + (index - 232) * 10;
		return [level, level, level];
	}

	const levels = [0, 95, 135, 175, 215, 255];
	const cube = index - 16;
	return [
		levels[Math.floor(cube / 36)] ?? 0,
		levels[Math.floor(cube / 6) % 6] ?? 0,
		levels[cube % 6] ?? 0,
	];
}

/**
 * How different two colours look, roughly: RGB distance weighted as the eye weighs it (the
 * "redmean" approximation), enough to pick the nearest palette entry without a colour library.
 */
export function colourDistance(a: Rgb, b: Rgb): number {
	const meanRed = (a[0] + b[0]) / 2;
	const red = a[0] - b[0];
	const green = a[1] - b[1];
	const blue = a[2] - b[2];
	return (
		(2 + meanRed / 256) * red * red + 4 * green * green + (2 + (255 - meanRed) / 256) * blue * blue
	);
}

function nearestIndex(rgb: Rgb, from: number, to: number): number {
	let best = from;
	for (let index = from; index <= to; index++) {
		if (colourDistance(rgb, paletteRgb(index)) < colourDistance(rgb, paletteRgb(best))) {
			best = index;
		}
	}

	return best;
}

/**
 * The nearest of the 256 palette's fixed entries (16 to 255). The first 16 are left out: every
 * terminal theme repaints them, so they are not the colour asked for.
 */
export function nearest256(rgb: Rgb): number {
	return nearestIndex(rgb, 16, 255);
}

/** The nearest of the 16 named colours, by xterm's default values. */
export function nearest16(rgb: Rgb): NamedColour {
	return namedColours[nearestIndex(rgb, 0, 15)] ?? 'white';
}

/**
 * The colour as Ink's `color` and components/paint.ts take it at `depth`: a name, `ansi256(n)`
 * or `#rrggbb`; undefined without colour.
 */
export function colourAt(colour: Colour, depth: ColourDepth): string | undefined {
	if (depth === 0) {
		return undefined;
	}

	if (colour.kind === 'named') {
		return colour.name;
	}

	if (depth === 3) {
		return colour.text;
	}

	return depth === 2 ? `ansi256(${nearest256(colour.rgb)})` : nearest16(colour.rgb);
}

/** The colour's value, a named one's by xterm's defaults. */
export function rgbOf(colour: Colour): Rgb {
	return colour.kind === 'hex'
		? colour.rgb
		: (namedRgb[namedColours.indexOf(colour.name)] ?? [0, 0, 0]);
}

/** Black or white, whichever reads better on `background` (relative luminance, WCAG's). */
export function textOn(background: Colour): NamedColour {
	const linear = rgbOf(background).map((channel) => {
		const value = channel / 255;
		return value <= 0.039_28 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
	});
	const luminance =
		0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0);
	// Where black and white contrast equally: (L + 0.05) / 0.05 = 1.05 / (L + 0.05).
	return luminance > 0.179 ? 'black' : 'whiteBright';
}
