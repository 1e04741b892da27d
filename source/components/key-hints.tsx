import {Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import type {Glyphs} from '../model/glyphs.js';
import type {Action, KeyBindings} from '../model/key-bindings.js';
import {firstKeyOf, jumpKeysOf} from './key-labels.js';

/** What the keys can do now: every key, scrolling a paused tape, or only adding a first pair. */
export type HintsFor = 'tape' | 'paused' | 'no-pairs';

type Properties = Readonly<{
	width: number;
	hintsFor?: HintsFor;
	/** Whether keys reach the program at all: not when stdin is not a terminal. */
	hasKeys?: boolean;
}>;

/**
 * In order of importance: the line keeps as many as fit the width. Only keys that act now, each
 * named by the first key bound to it; an action with no key has no hint.
 */
function hintsOf(hintsFor: HintsFor, bindings: KeyBindings, glyphs: Glyphs): string[] {
	const first = (action: Action) => firstKeyOf(action, bindings, glyphs);
	const hint = (keys: ReadonlyArray<string | undefined>, words: string) =>
		keys.includes(undefined) ? undefined : `${keys.join('')} ${words}`;
	const isPaused = hintsFor === 'paused';
	const hints =
		hintsFor === 'no-pairs'
			? [
					hint([first('quit')], 'quit'),
					hint([first('help')], 'help'),
					hint([first('add-pair')], 'add'),
					hint([first('reconnect')], 'reconnect'),
				]
			: [
					hint([first('quit')], 'quit'),
					hint([first('help')], 'help'),
					hint([first('pause')], isPaused ? 'resume' : 'pause'),
					isPaused ? hint([first('scroll-up'), first('scroll-down')], 'scroll') : undefined,
					hint([first('previous-pair'), first('next-pair')], 'pair'),
					hint([first('grid')], 'grid'),
					hint([first('view')], 'view'),
					hint([first('next-interval')], 'interval'),
					hint([first('add-pair')], 'add'),
					hint([first('remove-pair')], 'remove'),
					hint([first('clear')], 'clear'),
					hint([jumpKeysOf(bindings, glyphs) || undefined], 'jump'),
					hint([first('reconnect')], 'reconnect'),
				];
	return hints.filter((text) => text !== undefined);
}

/** The hints' height, and the add-pair prompt's that takes their place. */
export const keyHintsRows = 1;

/** One line of key hints that drops the least important ones as the terminal narrows. */
export function KeyHints({width, hintsFor = 'tape', hasKeys = true}: Properties) {
	const {glyphs, bindings, theme} = useDisplay();
	if (!hasKeys) {
		return (
			<Text {...theme.muted} wrap="truncate">
				keys off: input is not a terminal (Ctrl-C or a signal ends it)
			</Text>
		);
	}

	const shown: string[] = [];
	let used = 0;
	for (const hint of hintsOf(hintsFor, bindings, glyphs)) {
		const needed = hint.length + (shown.length > 0 ? 2 : 0);
		if (used + needed > width) {
			break;
		}

		shown.push(hint);
		used += needed;
	}

	return (
		<Text {...theme.muted} wrap="truncate">
			{shown.join('  ')}
		</Text>
	);
}
