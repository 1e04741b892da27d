import stringWidth from 'string-width';
import {isNarrowCode} from '../ansi/narrow-text.js';
import {isEscapeStart, readEscape} from '../ansi/escape-reader.js';
import {StyleTracker} from '../ansi/style-tracker.js';
import {defaultStyle, isDefaultStyle, isSameStyle, type TextStyle} from '../ansi/text-style.js';

/**
 * One terminal column. A wide character is a cell of width 2 followed by a cell of width 0 (its
 * right half, with no text of its own).
 */
export type Cell = Readonly<{text: string; width: 0 | 1 | 2; style: TextStyle}>;

export type StyledLine = Readonly<{
	cells: readonly Cell[];
	/** Columns up to and including the last cell that is not blank. */
	end: number;
	/** The style in effect after the line, which the next line starts with. */
	endStyle: TextStyle;
}>;

/** What an erased cell looks like, and what lies beyond the end of every line. */
export const blankCell: Cell = {text: ' ', width: 1, style: defaultStyle};

export const emptyLine: StyledLine = {cells: [], end: 0, endStyle: defaultStyle};

export function isSameCell(first: Cell, second: Cell): boolean {
	return (
		first === second ||
		(first.text === second.text &&
			first.width === second.width &&
			isSameStyle(first.style, second.style))
	);
}

function isBlank(cell: Cell): boolean {
	return cell.text === ' ' && isDefaultStyle(cell.style);
}

// Made when a line first needs it: a Segmenter loads ICU's break rules, about 9 ms of start-up,
// and a screen of ASCII and box glyphs never needs one.
let graphemes: Intl.Segmenter | undefined;
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * Cells by style and character code, shared by every line parsed. Each changed line of
 * each frame is parsed into cells to be diffed, and a new object per cell would be most of the
 * garbage a burst's frames make (npm run bench, memory row). Cells are read-only, so one serves
 * every line that shows that character in that style. A handful of styles are in use at a time;
 * past a limit they are all forgotten.
 */
type SharedCells = Readonly<{ascii: Cell[]; narrow: Map<number, Cell>}>;
const cellsByStyle = new Map<string, SharedCells>();
const stylesRemembered = 256;

/** The shared cells of one style: ASCII by character code, and narrow glyphs (ladder, chart). */
function sharedCellsOf(style: TextStyle): SharedCells {
	const key = style.link === '' ? style.sgr : `${style.sgr}\u0000${style.link}`;
	let cells = cellsByStyle.get(key);
	if (cells === undefined) {
		if (cellsByStyle.size >= stylesRemembered) {
			cellsByStyle.clear();
		}

		cells = {ascii: [], narrow: new Map()};
		cellsByStyle.set(key, cells);
	}

	return cells;
}

function narrowCell(code: number, style: TextStyle): Cell {
	const {narrow} = sharedCellsOf(style);
	let cell = narrow.get(code);
	if (cell === undefined) {
		cell = {text: String.fromCharCode(code), width: 1, style};
		narrow.set(code, cell);
	}

	return cell;
}

/** Where a run of text that needs grapheme segmentation ends: at ASCII or an escape. */
function findComplexRunEnd(text: string, start: number): number {
	let index = start;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (code < 0x80 || isEscapeStart(code)) {
			break;
		}

		index++;
	}

	return index;
}

/** Whether text[start..end) is narrow characters alone (source/ansi/narrow-text.ts). */
function isNarrowRun(text: string, start: number, end: number): boolean {
	for (let index = start; index < end; index++) {
		if (!isNarrowCode(text.charCodeAt(index))) {
			return false;
		}
	}

	return true;
}

/**
 * Splits a line into the cells a terminal shows when it is written at column 1 with the style
 * `start` in effect. Widths follow string-width, as Ink's layout does. Control characters are
 * dropped, escapes other than SGR and hyperlinks are ignored, and cells past `columns` are cut.
 */
export function parseLine(
	text: string,
	start: TextStyle,
	columns = Number.POSITIVE_INFINITY,
): StyledLine {
	const cells: Cell[] = [];
	const tracker = new StyleTracker(start);
	// Once a character is cut, so is everything after it, even if a narrower one would fit.
	let isFull = false;
	const append = (grapheme: string, width: number, style: TextStyle) => {
		if (isFull) {
			return;
		}

		if (width === 0) {
			// Combining marks and the like join the character before them, as in the terminal.
			const index = cells.at(-1)?.width === 0 ? cells.length - 2 : cells.length - 1;
			const previous = cells[index];
			if (previous) {
				cells[index] = {...previous, text: previous.text + grapheme};
			}
		} else if (cells.length + width <= columns) {
			cells.push({text: grapheme, width: width === 2 ? 2 : 1, style});
			if (width === 2) {
				cells.push({text: '', width: 0, style});
			}
		} else {
			isFull = true;
		}
	};

	let asciiStyle: TextStyle | undefined;
	let asciiCells: Cell[] = [];
	let index = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (isEscapeStart(code)) {
			const token = readEscape(text, index);
			tracker.apply(token);
			index = token.end;
		} else if (code < 0x80) {
			if (code >= 0x20 && code !== 0x7f && !isFull) {
				if (tracker.style !== asciiStyle) {
					asciiStyle = tracker.style;
					asciiCells = sharedCellsOf(asciiStyle).ascii;
				}

				if (cells.length < columns) {
					cells.push((asciiCells[code] ??= {text: text[index] ?? '', width: 1, style: asciiStyle}));
				} else {
					isFull = true;
				}
			}

			index++;
		} else {
			const end = findComplexRunEnd(text, index);
			if (isNarrowRun(text, index, end)) {
				// Box drawing, blocks, arrows: a column each, as string-width says of every one.
				for (let column = index; column < end; column++) {
					if (cells.length < columns && !isFull) {
						cells.push(narrowCell(text.charCodeAt(column), tracker.style));
					} else {
						isFull = true;
					}
				}
			} else {
				const run = text.slice(index, end).replace(controlCharacters, '');
				for (const {segment} of (graphemes ??= new Intl.Segmenter(undefined, {
					granularity: 'grapheme',
				})).segment(run)) {
					append(segment, Math.min(2, stringWidth(segment)), tracker.style);
				}
			}

			index = end;
		}
	}

	let end = cells.length;
	while (end > 0 && isBlank(cells[end - 1] ?? blankCell)) {
		end--;
	}

	return {cells, end, endStyle: tracker.style};
}
