import {defaultStyle, isSameStyle, type TextStyle} from '../ansi/text-style.js';
import {cursorRight, cursorTo, eraseToEndOfLine, styleTransition} from './control-sequences.js';
import {blankCell, isSameCell, type Cell, type StyledLine} from './styled-cells.js';

/** A CUP costs about this many bytes: a gap of unchanged cells cheaper to write is written. */
const jumpBytes = 8;

/** Cells start..end-1 as text, starting in the style `from`; the text and the style it ends in. */
function cellsText(
	cells: readonly Cell[],
	start: number,
	end: number,
	from: TextStyle,
): {text: string; style: TextStyle} {
	let text = '';
	let style = from;
	for (let column = start; column < end; column++) {
		const cell = cells[column] ?? blankCell;
		if (cell.width === 0) {
			continue;
		}

		if (!isSameStyle(style, cell.style)) {
			text += styleTransition(style, cell.style);
			style = cell.style;
		}

		text += cell.text;
	}

	return {text, style};
}

/** Cells start..end-1 as text, from the default style and back to it. */
export function writeCells(cells: readonly Cell[], start: number, end: number): string {
	const {text, style} = cellsText(cells, start, end, defaultStyle);
	return text + styleTransition(style, defaultStyle);
}

type Span = {start: number; end: number};

/**
 * The bytes that turn row `row` (1-based) from showing `previous` into showing `next`: only
 * the cells that differ are written, and one erase clears what is left of a longer old line.
 * '' when both look the same. Starts and ends in the default style.
 */
export function diffLine(previous: StyledLine, next: StyledLine, row: number): string {
	const width = Math.max(previous.cells.length, next.cells.length);
	const old = (column: number) => previous.cells[column] ?? blankCell;
	const fresh = (column: number) => next.cells[column] ?? blankCell;
	// Past next.end the new line is blank, so a single erase covers every difference there.
	let eraseFrom: number | undefined;
	const spans: Span[] = [];
	for (let column = 0; column < width; column++) {
		if (isSameCell(old(column), fresh(column))) {
			continue;
		}

		if (column >= next.end) {
			eraseFrom = column;
			break;
		}

		const last = spans.at(-1);
		if (last?.end === column) {
			last.end++;
		} else {
			spans.push({start: column, end: column + 1});
		}
	}

	// A span that ends on a wide character both lines have (in different styles, say) stops
	// between its halves: take the right half in, so the cursor position after it is right. A span
	// cannot start on a right half: the left halves before it would be equal, and so the right.
	const isRightHalf = (column: number) => old(column).width === 0 || fresh(column).width === 0;
	for (const span of spans) {
		while (span.end < width && isRightHalf(span.end)) {
			span.end++;
		}
	}

	while (eraseFrom !== undefined && eraseFrom > next.end && old(eraseFrom).width === 0) {
		eraseFrom--;
	}

	// One style runs through the line's spans: the cursor's hops between them leave it as it is,
	// so a span that starts in the style the last ended in sets nothing. Hops along the row are
	// CUF, shorter than a CUP.
	let sequence = '';
	let cursor: number | undefined;
	let style = defaultStyle;
	for (const span of mergeSpans(spans, next.cells)) {
		sequence +=
			cursor === undefined ? cursorTo(row, span.start + 1) : cursorRight(span.start - cursor);
		const written = cellsText(next.cells, span.start, span.end, style);
		sequence += written.text;
		style = written.style;
		cursor = span.end;
	}

	// The erase paints in the current background: the default style first.
	sequence += styleTransition(style, defaultStyle);
	// Cells the last span wrote past eraseFrom are blanks, so the erase may start after them.
	if (eraseFrom !== undefined && (cursor === undefined || cursor < width)) {
		if (cursor === undefined || cursor < eraseFrom) {
			sequence += cursorTo(row, eraseFrom + 1);
		}

		sequence += eraseToEndOfLine;
	}

	return sequence;
}

/** Joins spans (widened ones may overlap) where writing the gap costs less than a jump. */
function mergeSpans(spans: readonly Span[], cells: readonly Cell[]): Span[] {
	const merged: Span[] = [];
	for (const span of [...spans].sort((first, second) => first.start - second.start)) {
		const last = merged.at(-1);
		if (
			last &&
			(span.start <= last.end || writeCells(cells, last.end, span.start).length <= jumpBytes)
		) {
			last.end = Math.max(last.end, span.end);
		} else {
			merged.push({...span});
		}
	}

	return merged;
}
