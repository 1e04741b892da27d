// Draws a headless xterm's screen as SVG, still or animated, and rasterises SVG to PNG: the
// terminal's own cells and colours, so the media shows exactly what the terminal showed.
import {existsSync, writeFileSync} from 'node:fs';
import {Resvg} from '@resvg/resvg-js';
import type xtermHeadless from '@xterm/headless';

type HeadlessTerminal = InstanceType<typeof xtermHeadless.Terminal>;
type HeadlessCell = NonNullable<
	ReturnType<NonNullable<ReturnType<HeadlessTerminal['buffer']['active']['getLine']>>['getCell']>
>;

// Layout of the rendered screen, in pixels. DejaVu Sans Mono advances 0.602 em.
const fontSize = 14;
const cellWidth = 8.43;
const lineHeight = 18;
const padding = 12;
const fontFamily = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";
const fontFiles = [
	'/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
	'/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf',
];

/** A terminal's own colours: background, foreground and the 16 ANSI colours. */
export type Scheme = Readonly<{background: string; foreground: string; palette: readonly string[]}>;

/** The dark terminal every image is drawn in, unless one is made for a light background. */
export const darkScheme: Scheme = {
	background: '#16181d',
	foreground: '#d7dae0',
	palette: [
		'#2e3440',
		'#ef5f6b',
		'#4fd183',
		'#e5c07b',
		'#61afef',
		'#c678dd',
		'#56b6c2',
		'#d7dae0',
		'#5c6370',
		'#ff7a85',
		'#7ee2a3',
		'#f0d48a',
		'#82c3ff',
		'#dc9cf0',
		'#7fd2dc',
		'#ffffff',
	],
};

/** A light terminal, for the light theme's image (GitHub's light terminal colours). */
export const lightScheme: Scheme = {
	background: '#ffffff',
	foreground: '#24292f',
	palette: [
		'#24292f',
		'#cf222e',
		'#116329',
		'#4d2d00',
		'#0969da',
		'#8250df',
		'#1b7c83',
		'#6e7781',
		'#57606a',
		'#a40e26',
		'#1a7f37',
		'#633c01',
		'#218bff',
		'#a475f9',
		'#3192aa',
		'#8c959f',
	],
};

/** A stretch of one row in one style. */
type Run = Readonly<{
	column: number;
	/** Columns the text covers: a wide character takes two. */
	cells: number;
	text: string;
	fg: string;
	bg: string | undefined;
	isBold: boolean;
	isDim: boolean;
	isUnderline: boolean;
}>;
export type Screen = Run[][];
/** A run while its row is read: the text grows, and the key tells when the style changes. */
type RunBuilder = {-readonly [Key in keyof Run]: Run[Key]} & {key: string};

/** A cell's foreground or background as a CSS colour; undefined for the default. */
function colour(mode: 'fg' | 'bg', cell: HeadlessCell, scheme: Scheme): string | undefined {
	const isDefault = mode === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
	if (isDefault) {
		return undefined;
	}

	const value = mode === 'fg' ? cell.getFgColor() : cell.getBgColor();
	const isRgb = mode === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
	if (isRgb) {
		return `#${value.toString(16).padStart(6, '0')}`;
	}

	if (value < 16) {
		return scheme.palette[value];
	}

	// The 256-colour cube and grey ramp.
	if (value >= 232) {
		const level = (value - 232) * 10 + 8;
		return `rgb(${level},${level},${level})`;
	}

	const index = value - 16;
	const level = (n: number) => (n === 0 ? 0 : n * 40 + 55);
	return `rgb(${level(Math.floor(index / 36))},${level(Math.floor(index / 6) % 6)},${level(index % 6)})`;
}

/** The visible screen as styled runs, one list per row, in the colours of `scheme`. */
export function captureScreen(terminal: HeadlessTerminal, scheme: Scheme = darkScheme): Screen {
	const {foreground, background} = scheme;
	const buffer = terminal.buffer.active;
	const screen: Screen = [];
	for (let y = 0; y < terminal.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		const runs: RunBuilder[] = [];
		let current: RunBuilder | undefined;
		for (let x = 0; line && x < terminal.cols; x++) {
			const cell = line.getCell(x);
			if (!cell || cell.getWidth() === 0) {
				continue;
			}

			let fg = colour('fg', cell, scheme) ?? foreground;
			let bg = colour('bg', cell, scheme);
			if (cell.isInverse()) {
				[fg, bg] = [bg ?? background, fg];
			}

			const style = {
				fg,
				bg,
				isBold: cell.isBold() !== 0,
				isDim: cell.isDim() !== 0,
				isUnderline: cell.isUnderline() !== 0,
			};
			const key = JSON.stringify(style);
			const chars = cell.getChars() || ' ';
			// A wide character ends its run, so every run starts on its own column.
			if (current?.key === key && cell.getWidth() === 1) {
				current.text += chars;
				current.cells++;
			} else {
				current = {column: x, cells: cell.getWidth(), text: chars, ...style, key};
				runs.push(current);
			}

			if (cell.getWidth() > 1) {
				current = undefined;
			}
		}

		screen.push(
			runs
				.map(({key: _key, ...run}): Run => run)
				.filter((run) => run.bg !== undefined || run.isUnderline || run.text.trim() !== ''),
		);
	}

	return screen;
}

const escapeXml = (text: string) =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** One row as SVG at y = 0: background rectangles, then text. */
function rowSvg(runs: readonly Run[], foreground: string): string {
	const parts: string[] = [];
	for (const run of runs) {
		if (run.bg !== undefined) {
			const width = run.cells * cellWidth;
			parts.push(
				`<rect x="${(run.column * cellWidth).toFixed(2)}" y="0" width="${width.toFixed(2)}" height="${lineHeight}" fill="${run.bg}"/>`,
			);
		}
	}

	for (const run of runs) {
		if (run.text.trim() === '' && !run.isUnderline) {
			continue;
		}

		const attributes = [
			`x="${(run.column * cellWidth).toFixed(2)}"`,
			`y="${(lineHeight * 0.78).toFixed(1)}"`,
			run.fg === foreground ? '' : `fill="${run.fg}"`,
			run.isBold ? 'font-weight="bold"' : '',
			run.isDim ? 'opacity="0.6"' : '',
			run.isUnderline ? 'text-decoration="underline"' : '',
		].filter(Boolean);
		parts.push(`<text ${attributes.join(' ')}>${escapeXml(run.text)}</text>`);
	}

	return parts.join('');
}

/** The terminal's size in cells. */
export type Size = Readonly<{columns: number; rows: number}>;

function svgOpen(size: Size, extraStyle = '', background = darkScheme.background): string {
	const width = (size.columns * cellWidth + padding * 2).toFixed(0);
	const height = (size.rows * lineHeight + padding * 2).toFixed(0);
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xml:space="preserve">`,
		// Only what no element sets itself: a CSS fill would override each run's fill attribute.
		`<style>text{font-family:${fontFamily};font-size:${fontSize}px;white-space:pre}${extraStyle}</style>`,
		`<rect width="100%" height="100%" rx="6" fill="${background}"/>`,
	].join('');
}

/** One screen as a still SVG, on the background of `scheme`. */
export function screenshotSvg(screen: Screen, size: Size, scheme: Scheme = darkScheme): string {
	const body = screen
		.map((runs, y) =>
			runs.length > 0
				? `<g transform="translate(${padding},${padding + y * lineHeight})">${rowSvg(runs, scheme.foreground)}</g>`
				: '',
		)
		.join('');
	return `${svgOpen(size, '', scheme.background)}<g fill="${scheme.foreground}">${body}</g></svg>\n`;
}

/**
 * Screens in sequence as one SVG: each distinct row is drawn once under <defs>, frames place
 * rows with <use>, and a CSS animation steps a film strip of frames past the viewport.
 */
export function animatedSvg(
	frames: ReadonlyArray<{time: number; screen: Screen}>,
	total: number,
	size: Size,
): string {
	const rowIds = new Map<string, string>();
	const definitions: string[] = [];
	const filmFrames: string[] = [];
	const keyframes: string[] = [];
	const frameWidth = Math.ceil(size.columns * cellWidth);
	for (const [index, frame] of frames.entries()) {
		const uses: string[] = [];
		for (const [y, runs] of frame.screen.entries()) {
			if (runs.length === 0) {
				continue;
			}

			const svg = rowSvg(runs, darkScheme.foreground);
			let id = rowIds.get(svg);
			if (id === undefined) {
				id = `r${rowIds.size.toString(36)}`;
				rowIds.set(svg, id);
				definitions.push(`<g id="${id}">${svg}</g>`);
			}

			uses.push(`<use xlink:href="#${id}" y="${y * lineHeight}"/>`);
		}

		filmFrames.push(`<g transform="translate(${index * frameWidth})">${uses.join('')}</g>`);
		const percent = ((frame.time / total) * 100).toFixed(3);
		keyframes.push(`${percent}%{transform:translateX(-${index * frameWidth}px)}`);
	}

	const style = `.film{animation:play ${total.toFixed(2)}s steps(1,end) infinite}@keyframes play{${keyframes.join('')}100%{transform:translateX(-${(frames.length - 1) * frameWidth}px)}}`;
	return [
		svgOpen(size, style),
		`<defs>${definitions.join('')}</defs>`,
		`<svg x="${padding}" y="${padding}" width="${frameWidth}" height="${size.rows * lineHeight}" overflow="hidden">`,
		`<g class="film" fill="${darkScheme.foreground}">${filmFrames.join('')}</g>`,
		'</svg></svg>\n',
	].join('');
}

/** Rasterises an SVG made here to a PNG file, with DejaVu Sans Mono when the system has it. */
export function savePng(svg: string, path: URL): void {
	const hasDejaVu = fontFiles.every((file) => existsSync(file));
	const resvg = new Resvg(svg, {
		font: {
			fontFiles: hasDejaVu ? fontFiles : [],
			loadSystemFonts: !hasDejaVu,
			defaultFontFamily: hasDejaVu ? 'DejaVu Sans Mono' : 'monospace',
			monospaceFamily: hasDejaVu ? 'DejaVu Sans Mono' : 'monospace',
		},
	});
	writeFileSync(path, resvg.render().asPng());
}
