import {closeHyperlink, escape, resetStyle} from './control-sequences.js';

/**
 * How a cell is drawn apart from its text: its SGR attributes in the canonical form SgrState
 * writes, and the opening sequence of the hyperlink it belongs to ('' for none).
 */
export type TextStyle = Readonly<{sgr: string; link: string}>;

export const defaultStyle: TextStyle = {sgr: '', link: ''};

export function isSameStyle(first: TextStyle, second: TextStyle): boolean {
	return first === second || (first.sgr === second.sgr && first.link === second.link);
}

export function isDefaultStyle(style: TextStyle): boolean {
	return style.sgr === '' && style.link === '';
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
