// Ink's Output builds each frame as a grid of one object per cell: every line written is
// tokenized into styled characters, placed cell by cell, and each row joined back into a string.
// At ten frames a second on a 120x40 screen that is about 50,000 short-lived objects a second,
// and under a burst they lived just long enough to be promoted to V8's old generation: most of
// the heap's growth (npm run bench, memory row), and most of a frame's cost. The bundle and the
// tests put this class in place of Ink's (scripts/ink-patches.js). A row whose pieces sit side by
// side, each ending in the default style, is joined as strings; only a row where pieces overlap,
// or one leaves a style open, goes through Ink's own grid. Both give the same cells
// (test/ink-patches/ink-output.test.ts).
import {
	styledCharsFromTokens,
	styledCharsToString,
	tokenize,
	type StyledChar,
} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import {BoundedCache} from './bounded-cache.js';
import stringWidth from 'string-width';
import {isEscapeStart} from '../ansi/escape-reader.js';
import {scanEndStyle} from '../ansi/style-tracker.js';
import {defaultStyle, isDefaultStyle} from '../ansi/text-style.js';
import {narrowTextWidth} from '../ansi/narrow-text.js';

/**
 * Lines that a clip leaves whole, as sliceAnsi gives them back (it rewrites some escapes, so the
 * answer is its own, not the line): a box that hides its overflow clips every line of every
 * frame, and nearly all of them are the same text as in the frame before.
 */
const wholeSlices = new BoundedCache<string, string>(1000);

function wholeSlice(line: string, width: number): string {
	let sliced = wholeSlices.get(line);
	if (sliced === undefined) {
		sliced = sliceAnsi(line, 0, width);
		wholeSlices.set(line, sliced);
	}

	return sliced;
}

/** What Ink's renderer passes: each line of a Text goes through these before it is placed. */
type Transformer = (line: string, index: number) => string;

type Clip = Readonly<{
	x1: number | undefined;
	x2: number | undefined;
	y1: number | undefined;
	y2: number | undefined;
}>;

type Operation =
	| Readonly<{type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}>
	| Readonly<{type: 'clip'; clip: Clip}>
	| Readonly<{type: 'unclip'}>;

/** A line placed in a row at column `x`, in the order it was written. */
type Piece = Readonly<{x: number; line: string}>;

export default class InkOutput {
	width: number;
	height: number;
	readonly #operations: Operation[] = [];
	readonly #widths = new Map<string, number>();

	constructor(options: Readonly<{width: number; height: number}>) {
		this.width = options.width;
		this.height = options.height;
	}

	write(x: number, y: number, text: string, options: Readonly<{transformers: Transformer[]}>) {
		if (text) {
			this.#operations.push({type: 'write', x, y, text, transformers: options.transformers});
		}
	}

	clip(clip: Clip) {
		this.#operations.push({type: 'clip', clip});
	}

	unclip() {
		this.#operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		const rows: Piece[][] = Array.from({length: this.height}, () => []);
		const clips: Clip[] = [];
		for (const operation of this.#operations) {
			if (operation.type === 'clip') {
				clips.push(operation.clip);
			} else if (operation.type === 'unclip') {
				clips.pop();
			} else {
				this.#place(operation, clips.at(-1), rows);
			}
		}

		return {output: rows.map((pieces) => this.#joinRow(pieces)).join('\n'), height: rows.length};
	}

	/** Clips a write as Ink does, and files each of its lines under the row it lands in. */
	#place(
		operation: Extract<Operation, {type: 'write'}>,
		clip: Clip | undefined,
		rows: Piece[][],
	): void {
		let {x, y} = operation;
		let lines = operation.text.split('\n');
		if (clip) {
			const {x1, x2, y1, y2} = clip;
			const clipsColumns = typeof x1 === 'number' && typeof x2 === 'number';
			const clipsRows = typeof y1 === 'number' && typeof y2 === 'number';
			if (clipsColumns && (x + this.#widestLine(lines) < x1 || x > x2)) {
				return;
			}

			if (clipsRows && (y + lines.length < y1 || y > y2)) {
				return;
			}

			if (clipsColumns) {
				const from = x < x1 ? x1 - x : 0;
				lines = lines.map((line) => {
					const width = this.#width(line);
					const to = x + width > x2 ? x2 - x : width;
					if (from > 0 || to < width) {
						return sliceAnsi(line, from, to);
					}

					// A whole line of narrow text (SGR codes its only escapes) draws the same cells sliced
					// or not (test/ink-patches/ink-output.test.ts); one that leaves a style open is joined
					// by grid below. Kept as is, it costs nothing, where slicing was most of a frame's
					// Output under a burst: the ladder and the strips change every frame.
					return narrowTextWidth(line) === undefined ? wholeSlice(line, width) : line;
				});
				x = Math.max(x, x1);
			}

			if (clipsRows) {
				const from = y < y1 ? y1 - y : 0;
				const to = y + lines.length > y2 ? y2 - y : lines.length;
				lines = lines.slice(from, to);
				y = Math.max(y, y1);
			}
		}

		for (const [index, text] of lines.entries()) {
			// Ink moves to the next row only after placing a line, so from the first line that falls
			// outside the screen (above it, or past the last row) on, nothing of the write is drawn.
			const row = rows[y + index];
			if (!row) {
				return;
			}

			let line = text;
			for (const transformer of operation.transformers) {
				line = transformer(line, index);
			}

			row.push({x, line});
		}
	}

	#joinRow(pieces: readonly Piece[]): string {
		if (pieces.length === 0) {
			return '';
		}

		const ordered = pieces.length === 1 ? pieces : [...pieces].sort((a, b) => a.x - b.x);
		let row = '';
		let column = 0;
		for (const {x, line} of ordered) {
			if (x < column || !this.#closesItsStyles(line)) {
				return this.#gridRow(pieces);
			}

			row += ' '.repeat(x - column) + line;
			column = x + this.#width(line);
		}

		return row.trimEnd();
	}

	/** Ink's own way: cell by cell, later writes over earlier ones. */
	#gridRow(pieces: readonly Piece[]): string {
		const blank: StyledChar = {type: 'char', value: ' ', fullWidth: false, styles: []};
		const cells = Array.from({length: this.width}, () => blank);
		for (const {x, line} of pieces) {
			let column = x;
			for (const character of styledCharsFromTokens(tokenize(line))) {
				cells[column] = character;
				const width = Math.max(1, this.#width(character.value));
				for (let index = 1; index < width; index++) {
					// The right half of a wide character, so that no stray cell is drawn over it.
					cells[column + index] = {...blank, value: '', styles: character.styles};
				}

				column += width;
			}
		}

		return styledCharsToString(cells.filter((cell) => cell !== undefined)).trimEnd();
	}

	/** Whether the text after this line would start in the default style: if not, join by grid. */
	#closesItsStyles(line: string): boolean {
		for (let index = 0; index < line.length; index++) {
			if (isEscapeStart(line.charCodeAt(index))) {
				return isDefaultStyle(scanEndStyle(line, defaultStyle));
			}
		}

		return true;
	}

	#widestLine(lines: readonly string[]): number {
		let widest = 0;
		for (const line of lines) {
			widest = Math.max(widest, this.#width(line));
		}

		return widest;
	}

	/** Columns, as Ink measures them; narrow text is counted, the rest looked up once a frame. */
	#width(text: string): number {
		let width = narrowTextWidth(text) ?? this.#widths.get(text);
		if (width === undefined) {
			width = stringWidth(text);
			this.#widths.set(text, width);
		}

		return width;
	}
}
