import {Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import type {Glyphs} from '../model/glyphs.js';

/** What the keys can do now: every key, scrolling a paused tape, or only adding a first pair. */
export type HintsFor = 'tape' | 'paused' | 'no-pairs';

type Properties = Readonly<{
	width: number;
	hintsFor?: HintsFor;
	/** Whether keys reach the program at all: not when stdin is not a terminal. */
	hasKeys?: boolean;
}>;

/** In order of importance: the line keeps as many as fit the width. Only keys that act. */
function hintsOf(hintsFor: HintsFor, glyphs: Glyphs): string[] {
	if (hintsFor === 'no-pairs') {
		return ['q quit', '? help', 'a add', 'r reconnect'];
	}

	const isPaused = hintsFor === 'paused';
	return [
		'q quit',
		'? help',
		isPaused ? 'space resume' : 'space pause',
		...(isPaused ? [`${glyphs.upArrow}${glyphs.downArrow} scroll`] : []),
		`${glyphs.left}${glyphs.right} pair`,
		'g grid',
		'a add',
		'x remove',
		'c clear',
		'1-9 jump',
		'r reconnect',
	];
}

/** One line of key hints that drops the least important ones as the terminal narrows. */
export function KeyHints({width, hintsFor = 'tape', hasKeys = true}: Properties) {
	const {glyphs} = useDisplay();
	if (!hasKeys) {
		return (
			<Text dimColor wrap="truncate">
				keys off: input is not a terminal (Ctrl-C or a signal ends it)
			</Text>
		);
	}

	const shown: string[] = [];
	let used = 0;
	for (const hint of hintsOf(hintsFor, glyphs)) {
		const needed = hint.length + (shown.length > 0 ? 2 : 0);
		if (used + needed > width) {
			break;
		}

		shown.push(hint);
		used += needed;
	}

	return (
		<Text dimColor wrap="truncate">
			{shown.join('  ')}
		</Text>
	);
}
