// Reads one escape sequence out of an Ink line. Ink keeps only SGR and OSC sequences in text
// (node_modules/ink/build/sanitize-ansi.js); anything else is read whole and then ignored.

const escapeCode = 0x1b;
const c1ControlSequenceIntroducer = 0x9b;
const c1OperatingSystemCommand = 0x9d;
const c1StringTerminator = 0x9c;
const bell = 0x07;

export type EscapeToken = Readonly<{
	/** Index just past the sequence. */
	end: number;
	/**
	 * `sgr`: value is the parameter string. `hyperlink`: value is the normalised opening sequence,
	 * or '' for a closing one. `other`: to be dropped.
	 */
	kind: 'sgr' | 'hyperlink' | 'other';
	value: string;
}>;

export function isEscapeStart(code: number): boolean {
	return (
		code === escapeCode || code === c1ControlSequenceIntroducer || code === c1OperatingSystemCommand
	);
}

/** Reads the sequence that starts at `index`, where `isEscapeStart` holds. */
export function readEscape(text: string, index: number): EscapeToken {
	const code = text.charCodeAt(index);
	if (code === c1ControlSequenceIntroducer) {
		return readControlSequence(text, index + 1);
	}

	if (code === c1OperatingSystemCommand) {
		return readOperatingSystemCommand(text, index + 1);
	}

	const next = text[index + 1];
	if (next === '[') {
		return readControlSequence(text, index + 2);
	}

	if (next === ']') {
		return readOperatingSystemCommand(text, index + 2);
	}

	if (next === 'P' || next === 'X' || next === '^' || next === '_') {
		return {end: findStringEnd(text, index + 2).end, kind: 'other', value: ''};
	}

	return {end: Math.min(text.length, index + 2), kind: 'other', value: ''};
}

function readControlSequence(text: string, start: number): EscapeToken {
	let index = start;
	while (index < text.length && isBetween(text.charCodeAt(index), 0x30, 0x3f)) {
		index++;
	}

	const parametersEnd = index;
	while (index < text.length && isBetween(text.charCodeAt(index), 0x20, 0x2f)) {
		index++;
	}

	if (index >= text.length || !isBetween(text.charCodeAt(index), 0x40, 0x7e)) {
		return {end: index, kind: 'other', value: ''};
	}

	const parameters = text.slice(start, parametersEnd);
	const isSgr = text[index] === 'm' && parametersEnd === index && /^[\d:;]*$/.test(parameters);
	return {end: index + 1, kind: isSgr ? 'sgr' : 'other', value: isSgr ? parameters : ''};
}

function readOperatingSystemCommand(text: string, start: number): EscapeToken {
	const {end, contentEnd} = findStringEnd(text, start);
	const content = text.slice(start, contentEnd);
	// OSC 8 ; params ; URI: a hyperlink opens with a URI and closes with an empty one.
	const match = /^8;([^;]*);(.*)$/s.exec(content);
	// eslint-disable-next-line no-control-regex
	if (!match || /[\u0000-\u001F\u007F-\u009F]/.test(content)) {
		return {end, kind: 'other', value: ''};
	}

	const uri = match[2] ?? '';
	return {end, kind: 'hyperlink', value: uri === '' ? '' : `\u001B]${content}\u001B\\`};
}

/** Where a string sequence (OSC, DCS...) ends: at BEL, ESC \ or ST, or at the end of the text. */
function findStringEnd(text: string, start: number): {end: number; contentEnd: number} {
	for (let index = start; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === bell || code === c1StringTerminator) {
			return {end: index + 1, contentEnd: index};
		}

		if (code === escapeCode && text[index + 1] === '\\') {
			return {end: index + 2, contentEnd: index};
		}
	}

	return {end: text.length, contentEnd: text.length};
}

function isBetween(code: number, low: number, high: number): boolean {
	return code >= low && code <= high;
}
