/**
 * One key press by name, as a key binding writes it: `a`, `A`, `space`, `enter`, `escape`,
 * `backspace`, `delete`, `tab`, `shift+tab`, `up`, `down`, `left`, `right`, `pageup`,
 * `pagedown`, `home`, `end`, `ctrl+c`, `ctrl+right`, `meta+x`. `text` is what it types, if
 * anything.
 */
export type KeyPress = Readonly<{name: string; text: string}>;

const escape = '\u001B';

/** CSI and SS3 finals and `~` codes of the keys a tape uses, as xterm and its kin send them. */
const finals: Readonly<Record<string, string>> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
	Z: 'shift+tab',
};
const tildeCodes: Readonly<Record<string, string>> = {
	'1': 'home',
	'2': 'insert',
	'3': 'delete',
	'4': 'end',
	'5': 'pageup',
	'6': 'pagedown',
	'7': 'home',
	'8': 'end',
};
/** xterm's modifier parameter, minus one, is a bit field: shift 1, alt 2, ctrl 4. */
function modifiersOf(parameter: string | undefined): string {
	const bits = Math.max(0, Number(parameter ?? '1') - 1);
	return `${bits & 4 ? 'ctrl+' : ''}${bits & 2 ? 'meta+' : ''}${bits & 1 ? 'shift+' : ''}`;
}

function parseEscape(sequence: string): KeyPress {
	if (sequence === escape) {
		return {name: 'escape', text: ''};
	}

	const csi = /^\u001B(?:\[|O)(?:(\d+)(?:;(\d+))?)?([~A-Z])$/.exec(sequence);
	if (csi) {
		const [, code, modifier, final = ''] = csi;
		const base = final === '~' ? tildeCodes[code ?? ''] : finals[final];
		// Without a `~`, the first number is only there to carry the modifier: ESC [1;5C.
		const modifiers = modifiersOf(final === '~' ? modifier : (modifier ?? undefined));
		return {name: base === undefined ? 'unknown' : `${modifiers}${base}`, text: ''};
	}

	// Alt (meta) with a key arrives as ESC and the key.
	const rest = sequence.slice(1);
	if (rest.length > 0 && !rest.startsWith(escape)) {
		const [press] = parsePlain(rest);
		return {name: `meta+${press?.name ?? 'unknown'}`, text: ''};
	}

	return {name: 'unknown', text: ''};
}

function parseCharacter(character: string): KeyPress {
	switch (character) {
		case '\r':
		case '\n': {
			return {name: 'enter', text: ''};
		}

		// The Backspace key sends DEL on most terminals, Ctrl-H (BS) on some.
		case '\u007F':
		case '\b': {
			return {name: 'backspace', text: ''};
		}

		case '\t': {
			return {name: 'tab', text: ''};
		}

		case ' ': {
			return {name: 'space', text: ' '};
		}

		default: {
			const code = character.codePointAt(0) ?? 0;
			// Ctrl and a letter arrive as the letter's place in the alphabet: Ctrl-C is 0x03.
			if (code < 0x20) {
				return {name: `ctrl+${String.fromCodePoint(code + 0x60)}`, text: ''};
			}

			return {name: character, text: character};
		}
	}
}

function parsePlain(text: string): KeyPress[] {
	return Array.from(text, (character) => parseCharacter(character));
}

/**
 * The key presses in one input event. Ink splits what it reads into events, one per escape
 * sequence and one per run of plain characters; a run (a paste, or keys a laggy ssh link
 * delivered together) is one press per character, so `eth/usd\r` types six letters and Enter
 * and two Backspaces erase two.
 */
export function parseKeys(event: string): KeyPress[] {
	return event.startsWith(escape) ? [parseEscape(event)] : parsePlain(event);
}
