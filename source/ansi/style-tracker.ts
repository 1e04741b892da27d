import {isEscapeStart, readEscape, type EscapeToken} from './escape-reader.js';
import {SgrState} from './sgr-state.js';
import {isDefaultStyle, type TextStyle} from './text-style.js';

/** Follows the style through a line's escapes, keeping the same object while it is unchanged. */
export class StyleTracker {
	style: TextStyle;
	#sgr: SgrState | undefined;

	constructor(start: TextStyle) {
		this.style = start;
	}

	apply(token: EscapeToken): void {
		if (token.kind === 'sgr') {
			this.#sgr ??= SgrState.from(this.style.sgr);
			this.#sgr.apply(token.value);
			const parameters = this.#sgr.toString();
			if (parameters !== this.style.sgr) {
				this.style = {sgr: parameters, link: this.style.link};
			}
		} else if (token.kind === 'hyperlink' && token.value !== this.style.link) {
			this.style = {sgr: this.style.sgr, link: token.value};
		}
	}
}

/** The style in effect after a line written with `start` in effect, read from its escapes alone. */
export function scanEndStyle(text: string, start: TextStyle): TextStyle {
	if (!isDefaultStyle(start)) {
		return scanEscapes(text, start);
	}

	let end = endStylesFromDefault.get(text);
	if (end === undefined) {
		if (endStylesFromDefault.size >= endStylesLimit) {
			endStylesFromDefault.clear();
		}

		end = scanEscapes(text, start);
		endStylesFromDefault.set(text, end);
	}

	return end;
}

/**
 * The end styles of lines that start in the default style, by text. A frame is mostly the lines
 * of the frame before it, and both Ink's output and the frame writer ask for each line's end style
 * every frame; styles are immutable, so a line's answer never changes. Emptied when full.
 */
const endStylesFromDefault = new Map<string, TextStyle>();
const endStylesLimit = 2000;

function scanEscapes(text: string, start: TextStyle): TextStyle {
	const tracker = new StyleTracker(start);
	for (let index = 0; index < text.length; index++) {
		if (isEscapeStart(text.charCodeAt(index))) {
			const token = readEscape(text, index);
			tracker.apply(token);
			index = token.end - 1;
		}
	}

	return tracker.style;
}
