import {colourAt, parseColour, textOn, type Colour, type ColourDepth} from './colours.js';

/**
 * The roles a colour plays on the screen, as a config's [colours] table names them. The first
 * nine are the ones users asked for; warning, ok and focus follow the same rules.
 */
export const colourRoles = [
	'up',
	'down',
	'buy',
	'sell',
	'highlight',
	'big-trade',
	'muted',
	'alert',
	'stale',
	'warning',
	'ok',
	'focus',
] as const;

export type ColourRole = (typeof colourRoles)[number];

/** Each role's colour as written: a colour name, a hex value, or one of the role's keywords. */
export type ThemeSpec = Readonly<Record<ColourRole, string>>;

export const themeNames = ['default', 'light', 'high-contrast', 'colour-blind'] as const;

export type ThemeName = (typeof themeNames)[number];

/** Ink's styles for a piece of text, spread onto a `<Text>`. */
export type TextStyle = Readonly<{
	color?: string;
	backgroundColor?: string;
	inverse?: boolean;
	dimColor?: boolean;
}>;

/**
 * The colours the screen draws with, by what they mean, as Ink's `color` takes them (a name,
 * `ansi256(n)` or a hex value), or undefined for the terminal's own. Without colour (NO_COLOR,
 * --no-color) every colour is undefined and the screen keeps bold, underline, dim and inverse,
 * which carry the same meaning in another form.
 */
export type Theme = Readonly<{
	/** A price or change that went up, and down. */
	up?: string;
	down?: string;
	/** A buy and a sell (the taker's side). */
	buy?: string;
	sell?: string;
	/** What must be seen: an alert's banner and tab, PAUSED. Inverse when there is no colour. */
	highlight: TextStyle;
	/** A big trade's row, and a book level worth one. Inverse unless given a colour. */
	bigTrade: TextStyle;
	/** What matters less: times, labels, hints. Dim unless given a colour. */
	muted: TextStyle;
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
 * The four themes. `default` is the terminal's own green, red and magenta with black on yellow
 * for highlights: they read on dark and light backgrounds alike (yellow text does not, so
 * warnings are magenta). `light` uses darker shades made for a light background; `high-contrast`
 * the bright colours and no dimming; `colour-blind` Okabe and Ito's sky blue and orange for up
 * and down, which red-green colour blindness (the common kinds) keeps apart.
 */
export const themes: Readonly<Record<ThemeName, ThemeSpec>> = {
	default: {
		up: 'green',
		down: 'red',
		buy: 'green',
		sell: 'red',
		highlight: 'yellow',
		'big-trade': 'inverse',
		muted: 'dim',
		alert: 'magenta',
		stale: 'red',
		warning: 'magenta',
		ok: 'green',
		focus: 'blue',
	},
	light: {
		up: '#1a7f37',
		down: '#cf222e',
		buy: '#1a7f37',
		sell: '#cf222e',
		highlight: '#ffd33d',
		'big-trade': 'inverse',
		muted: '#6e7781',
		alert: '#8250df',
		stale: '#cf222e',
		warning: '#9a6700',
		ok: '#1a7f37',
		focus: '#0969da',
	},
	'high-contrast': {
		up: 'bright-green',
		down: 'bright-red',
		buy: 'bright-green',
		sell: 'bright-red',
		highlight: 'bright-yellow',
		'big-trade': 'inverse',
		muted: 'default',
		alert: 'bright-magenta',
		stale: 'bright-red',
		warning: 'bright-yellow',
		ok: 'bright-green',
		focus: 'bright-cyan',
	},
	'colour-blind': {
		up: '#56b4e9',
		down: '#e69f00',
		buy: '#56b4e9',
		sell: '#e69f00',
		highlight: '#f0e442',
		'big-trade': 'inverse',
		muted: 'dim',
		alert: '#cc79a7',
		stale: '#d55e00',
		warning: '#cc79a7',
		ok: '#56b4e9',
		focus: '#0072b2',
	},
};

/** What a role's value can be besides a colour, and what that means for the role. */
type Keyword = 'default' | 'inverse' | 'dim';

/** A background role (highlight, big trade) can be inverse; muted can be dim; any can be default. */
function keywordsOf(role: ColourRole): readonly Keyword[] {
	if (role === 'highlight' || role === 'big-trade') {
		return ['inverse'];
	}

	return role === 'muted' ? ['dim', 'default'] : ['default'];
}

export type RoleValue = Readonly<{kind: 'colour'; colour: Colour}> | Readonly<{kind: Keyword}>;

/** A role's written value, or undefined when the role cannot take it. */
export function parseRoleValue(role: ColourRole, text: string): RoleValue | undefined {
	const keyword = text.trim().toLowerCase();
	if ((keywordsOf(role) as readonly string[]).includes(keyword)) {
		return {kind: keyword as Keyword};
	}

	const colour = parseColour(text);
	return colour === undefined ? undefined : {kind: 'colour', colour};
}

/** The keywords `role` takes, for the message about a value it does not. */
export function roleKeywords(role: ColourRole): readonly string[] {
	return keywordsOf(role);
}

/** No colour at all: NO_COLOR and --no-color. */
export const colourlessTheme: Theme = {
	highlight: {inverse: true},
	bigTrade: {inverse: true},
	muted: {dimColor: true},
};

function valueOf(spec: ThemeSpec, role: ColourRole): RoleValue {
	const value = parseRoleValue(role, spec[role]);
	if (value === undefined) {
		// Themes are checked where they are written, and [colours] when the config is read.
		throw new Error(`${role}: "${spec[role]}" is not a colour`);
	}

	return value;
}

/** A background colour with black or white text on it, whichever reads. */
function backgroundStyle(value: RoleValue, depth: ColourDepth): TextStyle {
	return value.kind === 'colour'
		? {backgroundColor: colourAt(value.colour, depth), color: textOn(value.colour)}
		: {inverse: true};
}

/**
 * The theme as the screen draws it on a terminal of `depth` colours: names stay names, hex values
 * become what the terminal can show (see colours.ts). Depth 0 is no colour at all.
 */
export function resolveTheme(spec: ThemeSpec, depth: ColourDepth): Theme {
	if (depth === 0) {
		return colourlessTheme;
	}

	const colour = (role: ColourRole) => {
		const value = valueOf(spec, role);
		return value.kind === 'colour' ? colourAt(value.colour, depth) : undefined;
	};

	const muted = valueOf(spec, 'muted');
	return {
		up: colour('up'),
		down: colour('down'),
		buy: colour('buy'),
		sell: colour('sell'),
		highlight: backgroundStyle(valueOf(spec, 'highlight'), depth),
		bigTrade: backgroundStyle(valueOf(spec, 'big-trade'), depth),
		muted:
			muted.kind === 'colour'
				? {color: colourAt(muted.colour, depth)}
				: muted.kind === 'dim'
					? {dimColor: true}
					: {},
		alert: colour('alert'),
		stale: colour('stale'),
		warning: colour('warning'),
		ok: colour('ok'),
		focus: colour('focus'),
	};
}

/** The default theme on a 16-colour terminal: what the screen draws with unless told otherwise. */
export const defaultTheme: Theme = resolveTheme(themes.default, 1);
