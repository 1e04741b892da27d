import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';

const keys: ReadonlyArray<readonly [string, string]> = [
	['← → h l Tab Shift-Tab', 'previous / next pair'],
	['1-9', 'jump to a pair'],
	['g', 'grid of every pair / back to one pair'],
	['space', 'pause the tape (trades keep counting) / resume'],
	['↑ ↓ PgUp PgDn Home End', 'scroll back through history while paused'],
	['a', 'add a pair (Enter adds, Esc cancels)'],
	['x', 'remove the focused pair'],
	['c', 'clear the focused tape and its stats'],
	['d Esc', 'dismiss alerts'],
	['?', 'this help (? or Esc closes)'],
	['q Ctrl-C', 'quit'],
];

/** Every key, in a box over the tape. */
export function HelpOverlay() {
	const {glyphs} = useDisplay();
	return (
		<Box flexDirection="column" borderStyle={glyphs.border} paddingX={1} alignSelf="flex-start">
			<Text bold>keys</Text>
			{keys.map(([key, meaning]) => (
				<Text key={key} wrap="truncate">
					<Text bold>{key.padEnd(24)}</Text>
					{meaning}
				</Text>
			))}
			<Text dimColor wrap="truncate">
				B/S buy/sell (taker side) · underlined digits changed · inverse row: big trade (*)
			</Text>
		</Box>
	);
}
