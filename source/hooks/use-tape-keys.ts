import {useApp, useInput, useStdin} from 'ink';
import type {Dispatch} from 'react';
import type {PairTape} from '../model/tape-store.js';
import type {TapeCommands} from '../model/types.js';
import type {ViewAction, ViewState} from '../model/view-state.js';

type KeyContext = Readonly<{
	view: ViewState;
	dispatch: Dispatch<ViewAction>;
	commands: TapeCommands;
	tapes: readonly PairTape[];
	focused: PairTape | undefined;
	/** Rows in one page of the tape, for PgUp/PgDn. */
	pageRows: number;
	/** How far back the focused tape can scroll while paused. */
	scrollMaximum: number;
}>;

/** Turns key presses into view changes and commands; nothing else reads the keyboard. */
export function useTapeKeys(context: KeyContext): void {
	const {view, dispatch, commands, tapes, focused, pageRows, scrollMaximum} = context;
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	const pairCount = tapes.length;

	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') {
				exit();
				return;
			}

			if (view.prompt) {
				if (key.escape) {
					dispatch({type: 'prompt-close'});
				} else if (key.return) {
					const parsed = commands.parsePair(view.prompt.text);
					if (!parsed.ok) {
						dispatch({type: 'prompt-error', error: parsed.message});
					} else if (tapes.some((tape) => tape.pair === parsed.pair)) {
						dispatch({type: 'prompt-error', error: `${parsed.pair} is already on the tape`});
					} else {
						commands.addPair(parsed.pair);
						dispatch({type: 'prompt-close'});
						dispatch({type: 'focus-index', index: pairCount, pairCount: pairCount + 1});
					}
				} else if (key.backspace || key.delete) {
					dispatch({type: 'prompt-erase'});
				} else if (input.length > 0 && !key.ctrl && !key.meta && /^[\w/.-]+$/.test(input)) {
					dispatch({type: 'prompt-type', text: input});
				}

				return;
			}

			if (view.isHelpOpen && (key.escape || input === '?')) {
				dispatch({type: 'toggle-help'});
				return;
			}

			const scroll = (delta: number) => dispatch({type: 'scroll', delta, maximum: scrollMaximum});
			if (input === 'q') {
				exit();
			} else if (input === '?') {
				dispatch({type: 'toggle-help'});
			} else if (key.rightArrow || input === 'l' || (key.tab && !key.shift)) {
				dispatch({type: 'focus-step', delta: 1, pairCount});
			} else if (key.leftArrow || input === 'h' || (key.tab && key.shift)) {
				dispatch({type: 'focus-step', delta: -1, pairCount});
			} else if (/^[1-9]$/.test(input)) {
				dispatch({type: 'focus-index', index: Number(input) - 1, pairCount});
			} else if (input === 'g') {
				dispatch({type: 'toggle-grid'});
			} else if (input === ' ') {
				dispatch(
					view.pause
						? {type: 'resume'}
						: {
								type: 'pause',
								counts: new Map(tapes.map((tape) => [tape.pair, tape.stats.snapshot.tradeCount])),
							},
				);
			} else if (key.upArrow) {
				scroll(-1);
			} else if (key.downArrow) {
				scroll(1);
			} else if (key.pageUp) {
				scroll(-pageRows);
			} else if (key.pageDown) {
				scroll(pageRows);
			} else if (key.home) {
				dispatch({type: 'scroll-to', position: 'newest', maximum: scrollMaximum});
			} else if (key.end) {
				dispatch({type: 'scroll-to', position: 'oldest', maximum: scrollMaximum});
			} else if (input === 'a') {
				dispatch({type: 'prompt-open'});
			} else if (input === 'x' && focused) {
				commands.removePair(focused.pair);
				dispatch({type: 'focus-step', delta: 0, pairCount: pairCount - 1});
			} else if (input === 'c' && focused) {
				commands.clearPair(focused.pair);
			} else if (input === 'd' || key.escape) {
				commands.dismissAlerts();
			}
		},
		// Ink throws on a stdin without raw mode, and only checks `=== false`.
		{isActive: isRawModeSupported === true},
	);
}
