/**
 * The colours the screen draws with, by what they mean. Each is a terminal colour name Ink and
 * chalk know (`green`, `redBright`) or a hex value (`#ff8800`), or undefined for none. Without
 * colour (NO_COLOR, --no-color) every role is undefined and the screen keeps bold, underline,
 * dim and inverse, which carry the same meaning in another form.
 */
export type Theme = Readonly<{
	/** A price or change that went up, and down. */
	up?: string;
	down?: string;
	/** A buy and a sell (the taker's side). */
	buy?: string;
	sell?: string;
	/** What must be seen: an alert's banner and tab, PAUSED. Inverse when there is no colour. */
	highlight: Readonly<{color?: string; backgroundColor?: string; inverse?: boolean}>;
	/** A card with an alert that fired. */
	alert?: string;
	/** Data gone stale, a refused pair. */
	stale?: string;
	/** Connection trouble, bad frames, the server's words. */
	warning?: string;
	/** A healthy subscription. */
	ok?: string;
	/** The focused card's border. */
	focus?: string;
}>;

/**
 * The terminal's own green, red and magenta, black on yellow for highlights: they read on dark
 * and light backgrounds alike (yellow text does not, so warnings are magenta).
 */
export const defaultTheme: Theme = {
	up: 'green',
	down: 'red',
	buy: 'green',
	sell: 'red',
	highlight: {color: 'black', backgroundColor: 'yellow'},
	alert: 'magenta',
	stale: 'red',
	warning: 'magenta',
	ok: 'green',
	focus: 'blue',
};

/** No colour at all: NO_COLOR and --no-color. */
export const colourlessTheme: Theme = {highlight: {inverse: true}};
