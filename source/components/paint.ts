import chalk from 'chalk';
import type {TextStyle} from '../model/theme.js';

/**
 * `text` in a theme's colour, for rows built as one string of styled pieces (see trade-row):
 * a colour name chalk knows, `ansi256(n)` or a hex value, the forms model/theme.ts resolves
 * colours to for the terminal's depth (as Ink's own `color` takes them).
 */
export function paint(colour: string | undefined, text: string): string {
	if (colour === undefined) {
		return text;
	}

	if (colour.startsWith('#')) {
		return chalk.hex(colour)(text);
	}

	const ansi256 = /^ansi256\((\d+)\)$/.exec(colour);
	if (ansi256) {
		return chalk.ansi256(Number(ansi256[1]))(text);
	}

	const named = (chalk as unknown as Record<string, unknown>)[colour];
	return typeof named === 'function' ? (named as (text: string) => string)(text) : text;
}

/** `text` in the theme's muted style: its colour, or dim. */
export function paintMuted(style: TextStyle, text: string): string {
	if (style.color !== undefined) {
		return paint(style.color, text);
	}

	return style.dimColor === true ? chalk.dim(text) : text;
}
