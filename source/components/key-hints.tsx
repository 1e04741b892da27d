import {Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import type {Glyphs} from '../model/glyphs.js';

type Properties = Readonly<{width: number; isPaused: boolean}>;

/** In order of importance: the line keeps as many as fit the width. */
function hintsFor(isPaused: boolean, glyphs: Glyphs): string[] {
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
	];
}

/** One line of key hints that drops the least important ones as the terminal narrows. */
export function KeyHints({width, isPaused}: Properties) {
	const {glyphs} = useDisplay();
	const shown: string[] = [];
	let used = 0;
	for (const hint of hintsFor(isPaused, glyphs)) {
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
