// The few terminal control sequences the frame writer emits, named once.
import type {TextStyle} from '../ansi/text-style.js';

export const escape = '\u001B';
export const resetStyle = `${escape}[m`;
export const eraseToEndOfLine = `${escape}[K`;
export const clearScreen = `${escape}[H${escape}[2J`;
/** Also moves the cursor home, so whatever follows must position it again. */
export const resetScrollRegion = `${escape}[r`;
export const hideCursor = `${escape}[?25l`;
export const beginSynchronizedUpdate = `${escape}[?2026h`;
export const endSynchronizedUpdate = `${escape}[?2026l`;
export const closeHyperlink = `${escape}]8;;${escape}\\`;

/** CUP with 1-based row and column; a column of 1 is left out, as the terminal defaults it. */
export function cursorTo(row: number, column = 1): string {
	return column === 1 ? `${escape}[${row}H` : `${escape}[${row};${column}H`;
}

/** CUF: moves the cursor right along its row, half the bytes of a CUP for a short hop. */
export function cursorRight(count: number): string {
	return count === 1 ? `${escape}[C` : `${escape}[${count}C`;
}

/** DECSTBM: limits scrolling (and line insertion or deletion) to rows top..bottom, 1-based. */
export function setScrollRegion(top: number, bottom: number): string {
	return `${escape}[${top};${bottom}r`;
}

/** IL: inserts blank lines at the cursor's row, pushing the region's bottom rows out. */
export function insertLines(count: number): string {
	return count === 1 ? `${escape}[L` : `${escape}[${count}L`;
}

/** DL: deletes lines at the cursor's row, pulling blank lines in at the region's bottom. */
export function deleteLines(count: number): string {
	return count === 1 ? `${escape}[M` : `${escape}[${count}M`;
}

/**
 * The sequence that changes the terminal's style from `from` to `to`. Attributes are reset and
 * set again rather than switched one by one: it is never much longer, and it cannot leave an
 * attribute behind.
 */
export function styleTransition(from: TextStyle, to: TextStyle): string {
	let sequence = '';
	if (from.sgr !== to.sgr) {
		if (to.sgr === '') {
			sequence += resetStyle;
		} else {
			sequence += from.sgr === '' ? `${escape}[${to.sgr}m` : `${escape}[0;${to.sgr}m`;
		}
	}

	if (from.link !== to.link) {
		sequence += to.link === '' ? closeHyperlink : to.link;
	}

	return sequence;
}
