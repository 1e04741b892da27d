// Random frames shaped like Ink's: lines of styled segments, opened and closed within the line
// (with the odd line that leaves a style open), wide characters, blank lines, and frames that
// change by scrolling blocks of lines as well as by editing single lines.
import stringWidth from 'string-width';
import {seededRandom} from '../../source/simulator/random.js';

const escape = '\u001B';

type Segment = Readonly<{text: string; open: string; close: string}>;
export type RandomLine = Readonly<{segments: readonly Segment[]; isLeaky: boolean}>;

const characters = [
	...'abcdefghijklmnopqrstuvwxyz0123456789 .-:+',
	' ',
	' ',
	'中',
	'文',
	'é',
	'│',
	'▲',
];
type Style = Readonly<{open: string; close: string}>;

export const styles: readonly Style[] = [
	{open: '', close: ''},
	{open: '31', close: '39'},
	{open: '32', close: '39'},
	{open: '92', close: '39'},
	{open: '38;5;208', close: '39'},
	{open: '38;2;10;200;30', close: '39'},
	{open: '44', close: '49'},
	{open: '103', close: '49'},
	{open: '48;5;17', close: '49'},
	{open: '1', close: '22'},
	{open: '2', close: '22'},
	{open: '3', close: '23'},
	{open: '4', close: '24'},
	{open: '7', close: '27'},
];

export type Random = Readonly<{
	next: () => number;
	integer: (low: number, high: number) => number;
	chance: (probability: number) => boolean;
	pick: <T>(items: readonly T[]) => T;
}>;

export function createRandom(seed: number): Random {
	const next = seededRandom(seed);
	const integer = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
	return {
		next,
		integer,
		chance: (probability) => next() < probability,
		pick: <T>(items: readonly T[]) => items[integer(0, items.length - 1)] as T,
	};
}

function randomText(random: Random, width: number): string {
	let text = '';
	let used = 0;
	const length = random.integer(1, Math.max(1, width));
	while (used < length) {
		const character = random.pick(characters);
		const characterWidth = stringWidth(character);
		if (used + characterWidth > width) {
			break;
		}

		text += character;
		used += characterWidth;
	}

	return text;
}

function randomSegment(random: Random, width: number, choices = styles): Segment {
	const layers = Array.from({length: random.integer(0, 3)}, () => random.pick(choices));
	const sgr = (codes: string[]) =>
		codes
			.filter(Boolean)
			.map((code) => `\u001B[${code}m`)
			.join('');
	return {
		text: randomText(random, width),
		open: sgr(layers.map((layer) => layer.open)),
		close: sgr(layers.map((layer) => layer.close).reverse()),
	};
}

export function lineWidth(line: RandomLine): number {
	return line.segments.reduce((sum, segment) => sum + stringWidth(segment.text), 0);
}

export function randomLine(random: Random, columns: number, choices = styles): RandomLine {
	if (random.chance(0.1)) {
		return {segments: [], isLeaky: false};
	}

	const width = random.integer(1, columns);
	const segments: Segment[] = [];
	let used = 0;
	while (used < width) {
		const segment = randomSegment(random, Math.min(width - used, random.integer(1, 12)), choices);
		segments.push(segment);
		used += stringWidth(segment.text);
	}

	return {segments, isLeaky: random.chance(0.05)};
}

/** One segment's text or style changed, as a ticking counter or a recoloured price would. */
export function editLine(random: Random, line: RandomLine, columns: number): RandomLine {
	if (line.segments.length === 0 || random.chance(0.2)) {
		return randomLine(random, columns);
	}

	const segments = [...line.segments];
	const index = random.integer(0, segments.length - 1);
	const segment = segments[index]!;
	const room = columns - lineWidth(line) + stringWidth(segment.text);
	segments[index] = random.chance(0.5)
		? {...segment, text: randomText(random, Math.min(room, stringWidth(segment.text) + 2))}
		: {...randomSegment(random, 1), text: segment.text};
	if (random.chance(0.2)) {
		segments.length = index + 1;
	}

	return {segments, isLeaky: line.isLeaky};
}

export function renderLine(line: RandomLine): string {
	return line.segments
		.map(({text, open, close}, index) => {
			const isLast = index === line.segments.length - 1;
			return open + text + (line.isLeaky && isLast ? '' : close);
		})
		.join('');
}

/** The next frame: a block scrolled by 1 to 5 lines with new lines entering, and other edits. */
export function evolveFrame(
	random: Random,
	frame: readonly RandomLine[],
	columns: number,
	maximumHeight: number,
): RandomLine[] {
	const lines = [...frame];
	if (random.chance(0.6) && lines.length >= 2) {
		const top = random.integer(0, lines.length - 2);
		const bottom = random.integer(top + 1, lines.length - 1);
		const shift = Math.min(random.integer(1, 5), bottom - top + 1);
		const entering = Array.from({length: shift}, () => randomLine(random, columns));
		const block = lines.slice(top, bottom + 1);
		const moved = random.chance(0.5)
			? [...entering, ...block.slice(0, block.length - shift)]
			: [...block.slice(shift), ...entering];
		lines.splice(top, moved.length, ...moved);
	}

	for (let edits = random.integer(0, 3); edits > 0 && lines.length > 0; edits--) {
		const index = random.integer(0, lines.length - 1);
		lines[index] = editLine(random, lines[index]!, columns);
	}

	if (random.chance(0.15)) {
		const height = random.integer(1, maximumHeight);
		while (lines.length < height) {
			lines.push(randomLine(random, columns));
		}

		lines.length = height;
	}

	return random.chance(0.03)
		? Array.from({length: random.integer(1, maximumHeight)}, () => randomLine(random, columns))
		: lines;
}

/** Pieces of text as Ink may be handed it: ASCII, colour codes, wide characters, other escapes, controls. */
const inkTextPieces = [
	...'abmKXYZ019 .,;:[-+*/|',
	'\n',
	'\n',
	`${escape}[31m`,
	`${escape}[39m`,
	`${escape}[1;4m`,
	`${escape}[38;5;208m`,
	`${escape}[38:2::10:20:30m`,
	`${escape}[0m`,
	`${escape}[m`,
	'中',
	'é',
	'▲',
	'│',
	'👍',
	'\t',
	'\u0007',
	`${escape}]8;;https://kraken.com${escape}\\`,
	`${escape}[2K`,
	escape,
	`${escape}[`,
];

export function randomInkText(random: Random): string {
	return Array.from({length: random.integer(0, 30)}, () => random.pick(inkTextPieces)).join('');
}
