import type {Glyphs} from '../model/glyphs.js';
import {
	alwaysQuits,
	isDefaultJump,
	jumpActions,
	type Action,
	type KeyBindings,
} from '../model/key-bindings.js';

/** How a key is written on screen: the arrows as arrows, the rest as a keyboard labels them. */
export function keyLabel(name: string, glyphs: Glyphs): string {
	const labels: Readonly<Record<string, string>> = {
		left: glyphs.left,
		right: glyphs.right,
		up: glyphs.upArrow,
		down: glyphs.downArrow,
		tab: 'Tab',
		'shift+tab': 'Shift-Tab',
		pageup: 'PgUp',
		pagedown: 'PgDn',
		home: 'Home',
		end: 'End',
		escape: 'Esc',
		enter: 'Enter',
		backspace: 'Backspace',
		delete: 'Delete',
		space: 'space',
	};
	return (
		labels[name] ??
		name.replace(/^(ctrl|meta|shift)\+(.+)$/, (_, modifier: string, key: string) => {
			const prefix = {ctrl: 'Ctrl', meta: 'Alt', shift: 'Shift'}[modifier] ?? modifier;
			return `${prefix}-${labels[key] ?? key.toUpperCase()}`;
		})
	);
}

/** The keys of `action`; quit without keys still has Ctrl-C, which quits whatever they say. */
function keyNames(action: Action, bindings: KeyBindings): readonly string[] {
	const keys = bindings[action];
	return action === 'quit' && keys.length === 0 ? [alwaysQuits] : keys;
}

/** Every key bound to `action`, as labels separated by spaces: `→ l Tab`. */
export function keysOf(action: Action, bindings: KeyBindings, glyphs: Glyphs): string {
	return keyNames(action, bindings)
		.map((name) => keyLabel(name, glyphs))
		.join(' ');
}

/** The jump keys: `1-9` when they are the digits, else each tab's first key in order. */
export function jumpKeysOf(bindings: KeyBindings, glyphs: Glyphs): string {
	if (isDefaultJump(bindings)) {
		return '1-9';
	}

	return jumpActions
		.map((action) => firstKeyOf(action, bindings, glyphs))
		.filter((key) => key !== undefined)
		.join(' ');
}

/** The first key bound to `action`, for a short hint, or undefined when it has none. */
export function firstKeyOf(
	action: Action,
	bindings: KeyBindings,
	glyphs: Glyphs,
): string | undefined {
	const [name] = keyNames(action, bindings);
	return name === undefined ? undefined : keyLabel(name, glyphs);
}
