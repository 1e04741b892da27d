// Nearly everything the screen draws is printable ASCII, a few box-drawing, block and arrow
// glyphs, and colour codes. Such text can be measured by counting, one column a character, where
// string-width would segment it into graphemes and test each against Unicode's emoji and
// East Asian width tables: a fifth of a busy screen's time (npm run bench, a CPU profile).

const escape = 0x1b;
const newline = 0x0a;

/**
 * Whether a UTF-16 code unit is a character string-width gives one column whatever follows it
 * within this set: printable ASCII, Latin-1 (not the soft hyphen, nor © and ® which can be
 * emoji), general punctuation's dashes, quotes, bullets and ellipsis, arrows, box drawing, block
 * elements and geometric shapes, less those with an emoji form. test/ansi/narrow-text.test.ts
 * holds every one of them to string-width.
 */
export function isNarrowCode(code: number): boolean {
	if (code < 0x7f) {
		return code >= 0x20;
	}

	if (code < 0x2010) {
		return code >= 0xa0 && code <= 0xff && code !== 0xad && code !== 0xa9 && code !== 0xae;
	}

	if (code <= 0x2027) {
		return true;
	}

	if (code >= 0x2190 && code <= 0x21ff) {
		return !(code >= 0x2194 && code <= 0x2199) && code !== 0x21a9 && code !== 0x21aa;
	}

	if (code >= 0x2500 && code <= 0x25ff) {
		return (
			code !== 0x25aa &&
			code !== 0x25ab &&
			code !== 0x25b6 &&
			code !== 0x25c0 &&
			!(code >= 0x25fb && code <= 0x25fe)
		);
	}

	return false;
}

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
 * The columns of the widest line of text made of narrow characters (isNarrowCode), newlines and
 * SGR sequences only; undefined for any other text. Counted, with nothing allocated.
 */
export function narrowTextWidth(text: string): number | undefined {
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
		} else if (isNarrowCode(code)) {
			width++;
		} else {
			return undefined;
		}
	}

	return Math.max(widest, width);
}

/** Narrow characters, newlines and SGR sequences, nothing else. */
export function isNarrowText(text: string): boolean {
	return narrowTextWidth(text) !== undefined;
}
