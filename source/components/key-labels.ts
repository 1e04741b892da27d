import type {Glyphs} from '../model/glyphs.js';
import type {Action, KeyBindings} from '../model/key-bindings.js';

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

/** Every key bound to `action`, as labels separated by spaces: `→ l Tab`. */
export function keysOf(action: Action, bindings: KeyBindings, glyphs: Glyphs): string {
	return bindings[action].map((name) => keyLabel(name, glyphs)).join(' ');
}

/** The first key bound to `action`, for a short hint, or undefined when it has none. */
export function firstKeyOf(
	action: Action,
	bindings: KeyBindings,
	glyphs: Glyphs,
): string | undefined {
	const [name] = bindings[action];
	return name === undefined ? undefined : keyLabel(name, glyphs);
}
