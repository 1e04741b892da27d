import {isEscapeStart, readEscape, type EscapeToken} from './escape-reader.js';
import {SgrState} from './sgr-state.js';
import {defaultStyle, isDefaultStyle, type TextStyle} from './text-style.js';

/** Follows the style through a line's escapes, keeping the same object while it is unchanged. */
export class StyleTracker {
	style: TextStyle;

	constructor(start: TextStyle) {
		this.style = start;
	}

	apply(token: EscapeToken): void {
		if (token.kind === 'sgr') {
			const sgr = nextSgr(this.style.sgr, token.value);
			if (sgr !== this.style.sgr) {
				this.style = styleOf(sgr, this.style.link);
			}
		} else if (token.kind === 'hyperlink' && token.value !== this.style.link) {
			this.style = styleOf(this.style.sgr, token.value);
		}
	}
}

/**
 * What one SGR sequence makes of a style, by its canonical string and the sequence's parameters.
 * The canonical string is the whole state (SgrState reads it back as it was), so the answer
 * never changes; and a screen draws with a few dozen styles, so nearly every sequence of every
 * frame is a lookup rather than a parse. Emptied when full.
 */
const sgrTransitions = new Map<string, Map<string, string>>();
const rememberedLimit = 1000;

function nextSgr(current: string, parameters: string): string {
	let byParameters = sgrTransitions.get(current);
	if (byParameters === undefined) {
		if (sgrTransitions.size >= rememberedLimit) {
			sgrTransitions.clear();
		}

		byParameters = new Map();
		sgrTransitions.set(current, byParameters);
	}

	let next = byParameters.get(parameters);
	if (next === undefined) {
		if (byParameters.size >= rememberedLimit) {
			byParameters.clear();
		}

		const state = SgrState.from(current);
		state.apply(parameters);
		next = state.toString();
		byParameters.set(parameters, next);
	}

	return next;
}

/** One object for each style without a hyperlink, so that the same style is the same object. */
const plainStyles = new Map<string, TextStyle>();

function styleOf(sgr: string, link: string): TextStyle {
	if (link !== '') {
		return {sgr, link};
	}

	let style = plainStyles.get(sgr);
	if (style === undefined) {
		if (plainStyles.size >= rememberedLimit) {
			plainStyles.clear();
		}

		style = sgr === '' ? defaultStyle : {sgr, link};
		plainStyles.set(sgr, style);
	}

	return style;
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
