import {scanEndStyle} from '../ansi/style-tracker.js';
import {defaultStyle, isDefaultStyle, type TextStyle} from '../ansi/text-style.js';
import {clearScreen, cursorTo, resetStyle, styleTransition} from './control-sequences.js';
import {diffLine, diffLineWrites, writesFrom, type LineWrites} from './line-diff.js';
import {planMoves, moveSequence} from './scroll-plan.js';
import {emptyLine, parseLine, type StyledLine} from './styled-cells.js';

type PreparedLine = {
	/** Equal keys look the same: the text, and the style it starts in when that is not default. */
	readonly key: string;
	readonly text: string;
	readonly start: TextStyle;
	cells: StyledLine | undefined;
};

/**
 * A frame split for diffing. Cells are parsed only for lines that change, and only once, so a
 * writer that keeps the frame it last wrote does not parse it again.
 */
export type PreparedFrame = Readonly<{lines: readonly PreparedLine[]; columns: number}>;

/**
 * Prepares Ink output lines (SGR and OSC 8 only; a line may leave a style open for the next one).
 * Cells past `columns` are cut, so a frame drawn for a wider terminal cannot wrap.
 */
export function prepareFrame(
	lines: readonly string[],
	columns = Number.POSITIVE_INFINITY,
): PreparedFrame {
	let start = defaultStyle;
	const prepared = lines.map((line): PreparedLine => {
		// NUL shows nothing; without it, no default-style key can look like a styled one.
		const text = line.includes('\u0000') ? line.replaceAll('\u0000', '') : line;
		const key = isDefaultStyle(start) ? text : `\u0000${start.sgr}\u0000${start.link}\u0000${text}`;
		const preparedLine = {key, text, start, cells: undefined};
		start = scanEndStyle(text, start);
		return preparedLine;
	});
	return {lines: prepared, columns};
}

function cellsOf(line: PreparedLine | undefined, columns: number): StyledLine {
	if (!line) {
		return emptyLine;
	}

	line.cells ??= parseLine(line.text, line.start, columns);
	return line.cells;
}

/**
 * The bytes that turn a screen showing `previous` (line i on row i + 1, from column 1) into one
 * showing `next`, leaving the default style in effect. With no `previous` the screen is cleared
 * first. Blocks of lines that moved are moved by the terminal (scroll region and line insertion
 * or deletion); then each row that still differs gets its changed cells written.
 */
export function diffPreparedFrames(
	previous: PreparedFrame | undefined,
	next: PreparedFrame,
): string {
	if (!previous) {
		return redrawWhole(next);
	}

	const height = Math.max(previous?.lines.length ?? 0, next.lines.length);
	// Lines become small integers: identical keys share one, and 0 is a blank row.
	const identities = new Map<string, number>([['', 0]]);
	const linesByIdentity: Array<PreparedLine | undefined> = [undefined];
	const identify = (line: PreparedLine | undefined) => {
		if (!line) {
			return 0;
		}

		let identity = identities.get(line.key);
		if (identity === undefined) {
			identity = linesByIdentity.length;
			identities.set(line.key, identity);
			linesByIdentity.push(line);
		}

		return identity;
	};

	const rows = Array.from({length: height}, (_, row) => row);
	const target = rows.map((row) => identify(next.lines[row]));
	const shown = rows.map((row) => identify(previous.lines[row]));
	const lineDiffs = new Map<number, {writes: LineWrites | undefined; cost: number}>();
	const identityCount = linesByIdentity.length;
	const diffRow = (row: number, shownIdentity: number, wantedIdentity: number) => {
		const key = (shownIdentity * identityCount + wantedIdentity) * height + row;
		let diff = lineDiffs.get(key);
		if (diff === undefined) {
			const writes = diffLineWrites(
				cellsOf(linesByIdentity[shownIdentity], next.columns),
				cellsOf(linesByIdentity[wantedIdentity], next.columns),
				row + 1,
			);
			// Weighed as if the row stood alone, from the default style and back; counted, not built.
			const cost = writes
				? writes.head.length +
					styleTransition(defaultStyle, writes.firstStyle).length +
					writes.rest.length +
					styleTransition(writes.endStyle, defaultStyle).length
				: 0;
			diff = {writes, cost};
			lineDiffs.set(key, diff);
		}

		return diff;
	};

	const plan = planMoves(shown, target, (row, from, to) => diffRow(row, from, to).cost, 0);
	let sequence = plan.moves.map((move) => moveSequence(move)).join('');
	const screen = plan.screen;

	// The style runs on from one row's writes to the next (cursor moves leave it as it is), and
	// the frame ends in the default style.
	let style = defaultStyle;
	for (const row of rows) {
		const shownIdentity = screen[row] ?? 0;
		const wantedIdentity = target[row] ?? 0;
		const {writes} = diffRow(row, shownIdentity, wantedIdentity);
		if (shownIdentity !== wantedIdentity && writes) {
			sequence += writesFrom(writes, style);
			style = writes.endStyle;
		}
	}

	return sequence + styleTransition(style, defaultStyle);
}

/** Printable ASCII and SGR sequences only: such a line's text can go to the terminal as it is. */
const plainStyledLine = /^(?:[\u0020-\u007E]|\u001B\[[\d;]*m)*$/;
const sgrSequences = /\u001B\[[\d;]*m/g;

/**
 * A whole frame on a cleared screen. Lines of plain text and colours are written as they are,
 * which spares parsing every cell of the first frame (npm run bench, start-up row); any other
 * line, or one too wide, goes through its cells, as a changed line does.
 */
function redrawWhole(next: PreparedFrame): string {
	let sequence = resetStyle + clearScreen;
	for (const [row, line] of next.lines.entries()) {
		if (line.text === '') {
			continue;
		}

		const isPlain =
			isDefaultStyle(line.start) &&
			plainStyledLine.test(line.text) &&
			line.text.replaceAll(sgrSequences, '').length <= next.columns;
		sequence += isPlain
			? `${cursorTo(row + 1)}${line.text}${line.text.includes('\u001B') ? resetStyle : ''}`
			: diffLine(emptyLine, cellsOf(line, next.columns), row + 1);
	}

	return sequence;
}

/** `diffPreparedFrames` for plain line arrays. */
export function diffFrame(
	previous: readonly string[] | undefined,
	next: readonly string[],
	options: Readonly<{columns?: number}> = {},
): string {
	return diffPreparedFrames(
		previous && prepareFrame(previous, options.columns),
		prepareFrame(next, options.columns),
	);
}
