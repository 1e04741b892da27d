import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import type {Glyphs} from '../model/glyphs.js';
import type {Action, KeyBindings} from '../model/key-bindings.js';
import {jumpKeysOf, keysOf} from './key-labels.js';

/** Each row: the actions whose keys it lists (two read "one / other"), and what they do. */
const rows: ReadonlyArray<readonly [readonly Action[] | '1-9', string]> = [
	[['previous-pair', 'next-pair'], 'previous / next pair'],
	['1-9', 'jump to a pair'],
	[['grid'], 'grid of every pair / back to one pair'],
	[['view'], 'the pane: all that fits, the candle chart, the order book'],
	[['next-interval', 'previous-interval'], 'longer / shorter candles'],
	[['pause'], 'pause the tape (trades keep counting) / resume'],
	[['scroll-down', 'scroll-up'], 'back / forward one trade (pauses a live tape)'],
	[['page-down', 'page-up'], 'back / forward one page'],
	[['bottom', 'top'], 'oldest / newest trade'],
	[['add-pair'], 'add a pair (Enter adds, Esc cancels)'],
	[['remove-pair'], 'remove the focused pair'],
	[['clear'], 'clear the focused tape and its stats'],
	[['dismiss'], 'dismiss alerts'],
	[['reconnect'], 'reconnect now'],
	[['help'], 'this help (again or Esc closes)'],
	[['quit'], 'quit (Ctrl-C always does)'],
];

function keyColumn(entry: readonly Action[] | '1-9', bindings: KeyBindings, glyphs: Glyphs) {
	return entry === '1-9'
		? jumpKeysOf(bindings, glyphs)
		: entry
				.map((action) => keysOf(action, bindings, glyphs))
				.filter((keys) => keys !== '')
				.join(' / ');
}

/** Every key in effect, in a box over the tape; unbound actions are left out. */
export function HelpOverlay() {
	const {glyphs, bindings, theme} = useDisplay();
	const keys = rows
		.map(([entry, meaning]) => [keyColumn(entry, bindings, glyphs), meaning] as const)
		.filter(([key]) => key !== '');
	const keyWidth = Math.max(...keys.map(([key]) => key.length)) + 2;
	return (
		<Box flexDirection="column" borderStyle={glyphs.border} paddingX={1} alignSelf="flex-start">
			<Text bold>keys</Text>
			{keys.map(([key, meaning]) => (
				<Text key={meaning} wrap="truncate">
					<Text bold>{key.padEnd(keyWidth)}</Text>
					{meaning}
				</Text>
			))}
			<Text {...theme.muted} wrap="truncate">
				{`B/S buy/sell (taker side) ${glyphs.dot} underlined digits changed ${glyphs.dot} ${theme.bigTrade.inverse === true ? 'inverse' : 'coloured'} row: big trade (*)`}
			</Text>
		</Box>
	);
}
