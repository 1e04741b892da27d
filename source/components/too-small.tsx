import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {firstKeyOf} from './key-labels.js';

export const minimumSize = {columns: 40, rows: 8} as const;

/** Shown instead of a garbled layout when the terminal cannot hold one; short lines fit 20x5. */
export function TooSmall({columns, rows}: Readonly<{columns: number; rows: number}>) {
	const {bindings, glyphs} = useDisplay();
	// Quit always has a key: Ctrl-C, when nothing else is bound to it.
	const quit = firstKeyOf('quit', bindings, glyphs);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">{`too small ${columns}x${rows}`}</Text>
			<Text wrap="truncate">{`need ${minimumSize.columns}x${minimumSize.rows}`}</Text>
			<Text wrap="truncate">{`${quit ?? 'Ctrl-C'} quits`}</Text>
		</Box>
	);
}
