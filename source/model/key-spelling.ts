/**
 * How a config file writes a key, turned into the name hooks/key-names.ts gives the press, so a
 * binding matches what the terminal sends. Named keys and modifiers take any case and a few
 * common spellings (`Esc`, `PgUp`, `Ctrl-C`, `alt+x`); a single character is kept as written,
 * since `i` and `I` are different keys.
 */

/** Keys with a name of their own, as key-names.ts names them. */
const namedKeys = [
	'space',
	'enter',
	'escape',
	'backspace',
	'delete',
	'insert',
	'tab',
	'up',
	'down',
	'left',
	'right',
	'pageup',
	'pagedown',
	'home',
	'end',
] as const;

/** Keys a terminal sends as an escape sequence, which can carry ctrl, alt and shift. */
const modifiableKeys = new Set([
	'up',
	'down',
	'left',
	'right',
	'pageup',
	'pagedown',
	'home',
	'end',
	'delete',
	'insert',
]);

const aliases: Readonly<Record<string, string>> = {
	esc: 'escape',
	return: 'enter',
	pgup: 'pageup',
	'page-up': 'pageup',
	pgdn: 'pagedown',
	pgdown: 'pagedown',
	'page-down': 'pagedown',
	del: 'delete',
	ins: 'insert',
	'shift-tab': 'shift+tab',
	backtab: 'shift+tab',
};

const modifierAliases: Readonly<Record<string, string>> = {
	ctrl: 'ctrl',
	control: 'ctrl',
	alt: 'meta',
	meta: 'meta',
	option: 'meta',
	shift: 'shift',
};

/** The order key-names.ts writes modifiers in. */
const modifierOrder = ['ctrl', 'meta', 'shift'];

/**
 * Ctrl and these letters arrive as bytes that are keys of their own (Ctrl-H is Backspace, Ctrl-I
 * Tab, Ctrl-J and Ctrl-M Enter), so a binding to them could never be pressed.
 */
const ctrlLettersTaken = new Set(['h', 'i', 'j', 'm']);

function isSingleCharacter(text: string): boolean {
	const characters = [...text];
	return characters.length === 1 && /^[^\p{C}\s]$/u.test(text);
}

function baseName(text: string): string | undefined {
	if (isSingleCharacter(text)) {
		return text;
	}

	const lower = text.toLowerCase();
	const name = aliases[lower] ?? lower;
	return (namedKeys as readonly string[]).includes(name) || name === 'shift+tab' ? name : undefined;
}

/**
 * The key name a binding means, or undefined when it is not a key kraken-tape can tell apart:
 * `q`, `I`, `?`, `space`, `tab`, `shift+tab`, `ctrl+c`, `meta+x`, `ctrl+right`, `shift+pageup`.
 */
export function keyNameOf(written: string): string | undefined {
	const text = written.trim();
	if (text === '') {
		return undefined;
	}

	const whole = baseName(text);
	if (whole !== undefined) {
		return whole;
	}

	// `ctrl+c`, `Ctrl-C`, `alt+shift+up`: modifiers joined by + or -, then the key.
	const parts = text.split(/(?<=\w)[+-](?=.)/);
	const key = parts.pop() ?? '';
	const modifiers = parts.map((part) => modifierAliases[part.toLowerCase()]);
	if (modifiers.length === 0 || modifiers.includes(undefined)) {
		return undefined;
	}

	const unique = [...new Set(modifiers as string[])].sort(
		(a, b) => modifierOrder.indexOf(a) - modifierOrder.indexOf(b),
	);
	if (unique.length !== modifiers.length) {
		return undefined;
	}

	const base = baseName(key);
	if (base === undefined) {
		return undefined;
	}

	const prefix = unique.map((modifier) => `${modifier}+`).join('');
	if (modifiableKeys.has(base)) {
		return `${prefix}${base}`;
	}

	// Ctrl with a letter is one control byte: the letter's case is lost on the way.
	if (prefix === 'ctrl+' && /^[a-z]$/i.test(base) && !ctrlLettersTaken.has(base.toLowerCase())) {
		return `ctrl+${base.toLowerCase()}`;
	}

	// Alt with a key arrives as Escape and the key.
	if (
		prefix === 'meta+' &&
		(isSingleCharacter(base) || ['enter', 'tab', 'space', 'backspace'].includes(base))
	) {
		return `meta+${base}`;
	}

	return undefined;
}

/** What to write instead, for the message about a key that is not one. */
export const keySpellingHelp =
	'write one character (q, I, ?), a key name (space, tab, shift+tab, enter, escape, up, pageup, home...), ctrl+LETTER or alt+KEY';
