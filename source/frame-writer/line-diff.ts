import {defaultStyle, isSameStyle, type TextStyle} from '../ansi/text-style.js';
import {cursorRight, cursorTo, eraseToEndOfLine, styleTransition} from './control-sequences.js';
import {blankCell, isSameCell, type Cell, type StyledLine} from './styled-cells.js';

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

type Span = {start: number; end: number};

/**
 * What turns one row into another, apart from the style it starts in: `head` (the cursor's first
 * move), then a change to `firstStyle` from whatever style is in effect, then `rest`, which
 * leaves `endStyle` in effect. So a frame can carry the style from one row's writes to the next:
 * a row that starts in the style the row above ended in sets nothing.
 */
export type LineWrites = Readonly<{
	head: string;
	firstStyle: TextStyle;
	rest: string;
	endStyle: TextStyle;
}>;

/** Bytes of text as UTF-8, as the terminal receives it. */
function utf8Length(text: string): number {
	let bytes = text.length;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x80) {
			// Two bytes up to U+07FF, three past it; a surrogate pair is four, two for each half.
			bytes += code < 0x8_00 || (code >= 0xd8_00 && code <= 0xdf_ff) ? 1 : 2;
		}
	}

	return bytes;
}

/** The style of the first cell of cells start.. that is written (not a right half). */
function firstStyleFrom(cells: readonly Cell[], start: number): TextStyle {
	let column = start;
	while (cells[column]?.width === 0) {
		column++;
	}

	return (cells[column] ?? blankCell).style;
}

/**
 * The writes that turn row `row` (1-based) from showing `previous` into showing `next`: only the
 * cells that differ are written, and one erase clears what is left of a longer old line. Undefined
 * when both look the same.
 */
export function diffLineWrites(
	previous: StyledLine,
	next: StyledLine,
	row: number,
): LineWrites | undefined {
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

	const merged = mergeOverlaps(spans);
	if (merged.length === 0 && eraseFrom === undefined) {
		return undefined;
	}

	// One style runs through the row's writes: the cursor's hops between spans leave it as it is.
	// Between two spans the cursor hops (CUF, shorter than a CUP) or the cells between are written
	// again, whichever takes fewer bytes with the changes of style each needs.
	const first = merged[0];
	const eraseStart = eraseFrom ?? 0;
	const head = cursorTo(row, (first?.start ?? eraseStart) + 1);
	const firstStyle = first ? firstStyleFrom(next.cells, first.start) : defaultStyle;
	let rest = '';
	let style = firstStyle;
	let cursor = first?.start ?? eraseStart;
	for (const span of merged) {
		if (span.start > cursor) {
			const spanStyle = firstStyleFrom(next.cells, span.start);
			const gap = cellsText(next.cells, cursor, span.start, style);
			const rewrite = utf8Length(gap.text) + styleTransition(gap.style, spanStyle).length;
			const hop = cursorRight(span.start - cursor);
			if (rewrite <= hop.length + styleTransition(style, spanStyle).length) {
				rest += gap.text;
				style = gap.style;
			} else {
				rest += hop;
			}
		}

		const written = cellsText(next.cells, span.start, span.end, style);
		rest += written.text;
		style = written.style;
		cursor = span.end;
	}

	// The erase paints in the current background, so the default style first. Cells the last span
	// wrote past eraseFrom are blanks, so the erase may start after them.
	if (eraseFrom !== undefined && cursor < width) {
		rest += styleTransition(style, defaultStyle);
		style = defaultStyle;
		if (cursor < eraseFrom) {
			rest += cursorTo(row, eraseFrom + 1);
		}

		rest += eraseToEndOfLine;
	}

	// A hyperlink is not carried past its row.
	if (style.link !== '') {
		rest += styleTransition(style, defaultStyle);
		style = defaultStyle;
	}

	return {head, firstStyle, rest, endStyle: style};
}

/** The writes of a row, starting in the style `from`; they leave `writes.endStyle` in effect. */
export function writesFrom(writes: LineWrites, from: TextStyle): string {
	return writes.head + styleTransition(from, writes.firstStyle) + writes.rest;
}

/**
 * The bytes that turn row `row` (1-based) from showing `previous` into showing `next`, from the
 * default style and back to it; '' when both look the same.
 */
export function diffLine(previous: StyledLine, next: StyledLine, row: number): string {
	const writes = diffLineWrites(previous, next, row);
	return writes
		? writesFrom(writes, defaultStyle) + styleTransition(writes.endStyle, defaultStyle)
		: '';
}

/** Spans in order, those that overlap or touch (widened ones may) joined. */
function mergeOverlaps(spans: readonly Span[]): Span[] {
	const merged: Span[] = [];
	for (const span of [...spans].sort((first, second) => first.start - second.start)) {
		const last = merged.at(-1);
		if (last && span.start <= last.end) {
			last.end = Math.max(last.end, span.end);
		} else {
			merged.push({...span});
		}
	}

	return merged;
}
