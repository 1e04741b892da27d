/** What a key can ask of the screen. Names as a key binding writes them. */
export const actions = [
	'next-pair',
	'previous-pair',
	'grid',
	'view',
	'next-interval',
	'previous-interval',
	'pause',
	'add-pair',
	'remove-pair',
	'clear',
	'dismiss',
	'help',
	'quit',
	'scroll-up',
	'scroll-down',
	'page-up',
	'page-down',
	'top',
	'bottom',
	'reconnect',
] as const;

export type Action = (typeof actions)[number];

/** Keys by action (see hooks/key-names.ts for how keys are named). */
export type KeyBindings = Readonly<Record<Action, readonly string[]>>;

/**
 * The keys out of the box. The tape is newest on top, so "down" goes back in time. Vim's j and k
 * scroll and h and l change pairs, where nothing else uses them.
 */
export const defaultBindings: KeyBindings = {
	'next-pair': ['right', 'l', 'tab'],
	'previous-pair': ['left', 'h', 'shift+tab'],
	grid: ['g'],
	view: ['v'],
	'next-interval': ['i'],
	'previous-interval': ['I'],
	pause: ['space'],
	'add-pair': ['a'],
	'remove-pair': ['x'],
	clear: ['c'],
	dismiss: ['d', 'escape'],
	help: ['?'],
	quit: ['q', 'ctrl+c'],
	'scroll-up': ['up', 'k'],
	'scroll-down': ['down', 'j'],
	'page-up': ['pageup'],
	'page-down': ['pagedown'],
	top: ['home'],
	bottom: ['end'],
	reconnect: ['r'],
};

/** Ctrl-C quits whatever the bindings say, so nobody is ever locked in. */
export const alwaysQuits = 'ctrl+c';

/** The action each key name stands for. */
export function keyMapOf(bindings: KeyBindings): ReadonlyMap<string, Action> {
	const map = new Map<string, Action>();
	for (const action of actions) {
		for (const key of bindings[action]) {
			map.set(key, action);
		}
	}

	map.set(alwaysQuits, 'quit');
	return map;
}
