// Most of what Ink draws for a tape is printable ASCII with colour codes. Such text can be
// measured by counting and passed on as it is, where Ink would tokenize it first.

const escape = 0x1b;
const newline = 0x0a;

/** The index of the `m` ending an SGR sequence that starts at `start`, if that is what it is. */
function sgrEnd(text: string, start: number): number | undefined {
	if (text.charCodeAt(start + 1) !== 0x5b) {
		return undefined;
	}

	for (let index = start + 2; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === 0x6d) {
			return index;
		}

		// Digits, ':' and ';' only.
		if (code < 0x30 || code > 0x3b) {
			return undefined;
		}
	}

	return undefined;
}

/**
 * The columns of the widest line of text made of printable ASCII, newlines and SGR sequences
 * only; undefined for any other text. Counted, with nothing allocated.
 */
export function colouredAsciiWidth(text: string): number | undefined {
	let widest = 0;
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === newline) {
			widest = Math.max(widest, width);
			width = 0;
		} else if (code === escape) {
			const end = sgrEnd(text, index);
			if (end === undefined) {
				return undefined;
			}

			index = end;
		} else if (code >= 0x20 && code < 0x7f) {
			width++;
		} else {
			return undefined;
		}
	}

	return Math.max(widest, width);
}

/** Printable ASCII, newlines and SGR sequences, nothing else. */
export function isColouredAscii(text: string): boolean {
	return colouredAsciiWidth(text) !== undefined;
}
