import {Box, Text} from 'ink';

export const minimumSize = {columns: 40, rows: 8} as const;

/** Shown instead of a garbled layout when the terminal cannot hold one; short lines fit 20x5. */
export function TooSmall({columns, rows}: Readonly<{columns: number; rows: number}>) {
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">{`too small ${columns}x${rows}`}</Text>
			<Text wrap="truncate">{`need ${minimumSize.columns}x${minimumSize.rows}`}</Text>
			<Text wrap="truncate">q quits</Text>
		</Box>
	);
}
