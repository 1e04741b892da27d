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
