import {useApp, useInput, useStdin, type Key} from 'ink';
import {useRef, type Dispatch} from 'react';
import type {PairTape} from '../model/tape-store.js';
import type {TapeCommands} from '../model/types.js';
import {reduceView, type ViewAction, type ViewState} from '../model/view-state.js';

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

/** Pausing freezes every pair's tape as it is now, with its counts and statistics. */
function pauseAction(tapes: readonly PairTape[]): ViewAction {
	return {
		type: 'pause',
		counts: new Map(tapes.map((tape) => [tape.pair, tape.stats.snapshot.tradeCount])),
		frozen: new Map(
			tapes.map((tape) => [tape.pair, {trades: tape.trades.frozenCopy(), markers: tape.markers}]),
		),
		statsAtPause: new Map(tapes.map((tape) => [tape.pair, tape.stats.snapshot])),
	};
}

/** Turns key presses into view changes and commands; nothing else reads the keyboard. */
export function useTapeKeys(context: KeyContext): void {
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();
	// Ink swaps in a new handler only after the next frame, and keys can arrive before it: the
	// handler reads everything through refs, and each dispatch moves the view ref on at once,
	// so `a` then `x` in one burst types an x instead of removing a pair.
	const latest = useRef(context);
	latest.current = context;
	const latestView = useRef(context.view);
	latestView.current = context.view;

	// Ink hands over a burst of plain keys read together as one string ("ll", "aETH"): each
	// character is its own key press, handled in turn against the state the one before left.
	const handleBurst = (input: string, key: Key) => {
		if (input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B')) {
			for (const character of input) {
				handleKey(character, key);
			}
		} else {
			handleKey(input, key);
		}
	};

	const handleKey = (input: string, key: Key) => {
		const {commands, tapes, focused, pageRows, scrollMaximum} = latest.current;
		const view = latestView.current;
		const pairCount = tapes.length;
		const dispatch = (action: ViewAction) => {
			latestView.current = reduceView(latestView.current, action);
			latest.current.dispatch(action);
		};

		if ((key.ctrl && input === 'c') || (input === 'q' && !view.prompt)) {
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

		// Help is modal: nothing acts on the screen hidden behind it.
		if (view.isHelpOpen) {
			if (key.escape || input === '?') {
				dispatch({type: 'toggle-help'});
			}

			return;
		}

		// A scroll key on a live tape pauses it first: someone scrolling wants the tape to hold still.
		const pauseForScrolling = () => {
			if (!latestView.current.pause) {
				dispatch(pauseAction(tapes));
			}
		};

		const scroll = (delta: number) => {
			pauseForScrolling();
			dispatch({type: 'scroll', delta, maximum: scrollMaximum});
		};

		if (input === '?') {
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
			dispatch(view.pause ? {type: 'resume'} : pauseAction(tapes));
		} else if (key.upArrow) {
			scroll(-1);
		} else if (key.downArrow) {
			scroll(1);
		} else if (key.pageUp) {
			scroll(-pageRows);
		} else if (key.pageDown) {
			scroll(pageRows);
		} else if (key.home) {
			pauseForScrolling();
			dispatch({type: 'scroll-to', position: 'newest', maximum: scrollMaximum});
		} else if (key.end) {
			pauseForScrolling();
			dispatch({type: 'scroll-to', position: 'oldest', maximum: scrollMaximum});
		} else if (input === 'a') {
			dispatch({type: 'prompt-open'});
		} else if (input === 'x' && focused) {
			commands.removePair(focused.pair);
			dispatch({type: 'focus-step', delta: 0, pairCount: pairCount - 1});
		} else if (input === 'c' && focused) {
			commands.clearPair(focused.pair);
			dispatch({type: 'pause-restart-pair', pair: focused.pair});
		} else if (input === 'd' || key.escape) {
			commands.dismissAlerts();
		}
	};

	// Ink throws on a stdin without raw mode, and only checks `=== false`.
	useInput(handleBurst, {isActive: isRawModeSupported === true});
}
