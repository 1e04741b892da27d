import chalk from 'chalk';

/**
 * `text` in a theme's colour, for rows built as one string of styled pieces (see trade-row):
 * a colour name chalk knows, or a hex value, which chalk fits to what the terminal can show.
 */
export function paint(colour: string | undefined, text: string): string {
	if (colour === undefined) {
		return text;
	}

	if (colour.startsWith('#')) {
		return chalk.hex(colour)(text);
	}

	const named = (chalk as unknown as Record<string, unknown>)[colour];
	return typeof named === 'function' ? (named as (text: string) => string)(text) : text;
}
