import {Box, useApp, useInput, useStdin} from 'ink';
import {useState} from 'react';
import {PairTabs} from './components/pair-tabs.js';
import {StatusBar} from './components/status-bar.js';
import {TradeTape} from './components/trade-tape.js';
import {useClock} from './hooks/use-clock.js';
import {useStoreVersion} from './hooks/use-store-version.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import type {TapeStore} from './model/tape-store.js';

type Properties = Readonly<{store: TapeStore; api: string; host: string; tickMs?: number}>;

/** The trade tape: pair tabs, the focused pair's trades, and the status bar. */
export function App({store, api, host, tickMs = 100}: Properties) {
	useStoreVersion(store, tickMs);
	const now = useClock(500);
	const {rows} = useTerminalSize();
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const [focusIndex, setFocusIndex] = useState(0);
	const tapes = store.pairs.map((pair) => store.tape(pair)).filter((tape) => tape !== undefined);
	const focused = tapes[Math.min(focusIndex, tapes.length - 1)];

	useInput(
		(input, key) => {
			const step = (delta: number) =>
				setFocusIndex((index) => (index + delta + tapes.length) % Math.max(1, tapes.length));
			if (input === 'q' || (key.ctrl && input === 'c')) {
				exit();
			} else if (key.rightArrow || input === 'l' || (key.tab && !key.shift)) {
				step(1);
			} else if (key.leftArrow || input === 'h' || (key.tab && key.shift)) {
				step(-1);
			} else if (/^[1-9]$/.test(input) && Number(input) <= tapes.length) {
				setFocusIndex(Number(input) - 1);
			}
		},
		{isActive: isRawModeSupported === true},
	);

	// Tabs, status bar and a spare line: a frame as tall as the terminal makes Ink clear the
	// whole screen on every frame, which flickers.
	const tapeRows = Math.max(1, rows - 3);
	return (
		<Box flexDirection="column" height={rows - 1}>
			<PairTabs tapes={tapes} focused={focused?.pair} />
			<Box flexDirection="column" flexGrow={1} overflow="hidden">
				{focused && <TradeTape tape={focused} rows={tapeRows} />}
			</Box>
			<StatusBar feed={store.feed} api={api} host={host} now={now} />
		</Box>
	);
}
