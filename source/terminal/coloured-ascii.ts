// Most of what Ink draws for a tape is printable ASCII with colour codes. Such text can be
// measured by counting and passed on as it is, where Ink would tokenize it first.

const escape = 0x1b;
const newline = 0x0a;

/** The index of the `m` ending an SGR sequence that starts at `start`, if that is what it is. */
export function sgrEnd(text: string, start: number): number | undefined {
	if (text.charCodeAt(start) !== escape || text.charCodeAt(start + 1) !== 0x5b) {
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

/** Printable ASCII, newlines and SGR sequences, nothing else. */
export function isColouredAscii(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === escape) {
			const end = sgrEnd(text, index);
			if (end === undefined) {
				return false;
			}

			index = end;
		} else if ((code < 0x20 || code >= 0x7f) && code !== newline) {
			return false;
		}
	}

	return true;
}
