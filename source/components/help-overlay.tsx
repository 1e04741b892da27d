import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import type {Glyphs} from '../model/glyphs.js';

function keysFor(glyphs: Glyphs): ReadonlyArray<readonly [string, string]> {
	const {left, right, upArrow, downArrow} = glyphs;
	return [
		[`${left} ${right} h l Tab Shift-Tab`, 'previous / next pair'],
		['1-9', 'jump to a pair'],
		['g', 'grid of every pair / back to one pair'],
		['space', 'pause the tape (trades keep counting) / resume'],
		[`${upArrow} ${downArrow} PgUp PgDn Home End`, 'scroll back through history while paused'],
		['a', 'add a pair (Enter adds, Esc cancels)'],
		['x', 'remove the focused pair'],
		['c', 'clear the focused tape and its stats'],
		['d Esc', 'dismiss alerts'],
		['?', 'this help (? or Esc closes)'],
		['q Ctrl-C', 'quit'],
	];
}

/** Every key, in a box over the tape. */
export function HelpOverlay() {
	const {glyphs} = useDisplay();
	const keys = keysFor(glyphs);
	// ASCII names the arrows in words, so the column is as wide as its longest key.
	const keyWidth = Math.max(...keys.map(([key]) => key.length)) + 2;
	return (
		<Box flexDirection="column" borderStyle={glyphs.border} paddingX={1} alignSelf="flex-start">
			<Text bold>keys</Text>
			{keys.map(([key, meaning]) => (
				<Text key={key} wrap="truncate">
					<Text bold>{key.padEnd(keyWidth)}</Text>
					{meaning}
				</Text>
			))}
			<Text dimColor wrap="truncate">
				{`B/S buy/sell (taker side) ${glyphs.dot} underlined digits changed ${glyphs.dot} inverse row: big trade (*)`}
			</Text>
		</Box>
	);
}
