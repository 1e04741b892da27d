/** What a key can ask of the screen. Names as a key binding (and the config's [keys]) writes them. */
export const actions = [
	'next-pair',
	'previous-pair',
	'jump-1',
	'jump-2',
	'jump-3',
	'jump-4',
	'jump-5',
	'jump-6',
	'jump-7',
	'jump-8',
	'jump-9',
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

/** The jump actions in tab order: jump-1 focuses the first tab. */
export const jumpActions = actions.filter((action) => action.startsWith('jump-'));

/** Keys by action (see hooks/key-names.ts for how keys are named). */
export type KeyBindings = Readonly<Record<Action, readonly string[]>>;

/**
 * The keys out of the box. The tape is newest on top, so "down" goes back in time. Vim's j and k
 * scroll and h and l change pairs, where nothing else uses them.
 */
export const defaultBindings: KeyBindings = {
	'next-pair': ['right', 'l', 'tab'],
	'previous-pair': ['left', 'h', 'shift+tab'],
	'jump-1': ['1'],
	'jump-2': ['2'],
	'jump-3': ['3'],
	'jump-4': ['4'],
	'jump-5': ['5'],
	'jump-6': ['6'],
	'jump-7': ['7'],
	'jump-8': ['8'],
	'jump-9': ['9'],
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

/** Two actions on one key: which key, and the actions in the order the table lists them. */
export type KeyConflict = Readonly<{key: string; actions: readonly [Action, Action]}>;

/**
 * The bindings with `changes` applied: an action given replaces its defaults whole (an empty
 * list unbinds it); the others keep theirs.
 */
export function bindingsWith(changes: Partial<Record<Action, readonly string[]>>): KeyBindings {
	return {...defaultBindings, ...changes};
}

/**
 * The first key that would do two things, or Ctrl-C given to anything but quit. A key press
 * must mean one thing: silently letting the later action win would leave the user wondering
 * why the other one stopped working.
 */
export function findConflict(bindings: KeyBindings): KeyConflict | undefined {
	const owners = new Map<string, Action>();
	for (const action of actions) {
		for (const key of bindings[action]) {
			const owner =
				owners.get(key) ?? (key === alwaysQuits && action !== 'quit' ? 'quit' : undefined);
			if (owner !== undefined && owner !== action) {
				return {key, actions: [owner, action]};
			}

			owners.set(key, action);
		}
	}

	return undefined;
}

/** Whether the jump keys are the digits 1 to 9 in order, so they can be shown as "1-9". */
export function isDefaultJump(bindings: KeyBindings): boolean {
	return jumpActions.every(
		(action, index) => bindings[action].length === 1 && bindings[action][0] === String(index + 1),
	);
}

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
