import {useApp} from 'ink';
import {useMemo, useRef, type Dispatch} from 'react';
import {useDisplay} from './use-display.js';
import {keyMapOf, type Action} from '../model/key-bindings.js';
import type {PairTape} from '../model/tape-store.js';
import type {TapeCommands} from '../model/types.js';
import {reduceView, type ViewAction, type ViewState} from '../model/view-state.js';
import type {KeyPress} from './key-names.js';
import {useKeyPresses} from './use-key-presses.js';

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
	/** After each read of keys, before the frame that answers them. */
	onKeysRead?: () => void;
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
	const {bindings} = useDisplay();
	const keyMap = useMemo(() => keyMapOf(bindings), [bindings]);
	// Ink swaps in a new render only after the next frame, and keys can arrive before it: the
	// handler reads everything through refs, and each dispatch moves the view ref on at once,
	// so `a` then `x` in one burst types an x instead of removing a pair.
	const latest = useRef(context);
	latest.current = context;
	const latestView = useRef(context.view);
	latestView.current = context.view;
	// A letter a pair cannot have, refused in this read: said once the read is typed, so the
	// keys after it in a paste do not clear the message at once.
	const refused = useRef<string | undefined>(undefined);

	const dispatch = (action: ViewAction) => {
		latestView.current = reduceView(latestView.current, action);
		latest.current.dispatch(action);
	};

	const handlePrompt = (press: KeyPress) => {
		const {commands, tapes} = latest.current;
		const prompt = latestView.current.prompt;
		if (!prompt) {
			return;
		}

		if (press.name === 'escape') {
			dispatch({type: 'prompt-close'});
		} else if (press.name === 'enter') {
			const parsed = commands.parsePair(prompt.text);
			if (!parsed.ok) {
				dispatch({type: 'prompt-error', error: parsed.message});
			} else if (tapes.some((tape) => tape.pair === parsed.pair)) {
				dispatch({type: 'prompt-error', error: `${parsed.pair} is already on the tape`});
			} else {
				commands.addPair(parsed.pair);
				dispatch({type: 'prompt-close'});
				dispatch({type: 'focus-index', index: tapes.length, pairCount: tapes.length + 1});
			}
		} else if (press.name === 'backspace') {
			dispatch({type: 'prompt-erase'});
		} else if (/^[\w/.-]$/.test(press.text)) {
			dispatch({type: 'prompt-type', text: press.text});
		} else if (/^\p{L}$/u.test(press.text)) {
			// Letters that cannot be in a pair (Ё, é) are refused with a message, not dropped silently.
			refused.current ??= `"${press.text}" cannot be in a pair name: letters A-Z, digits and / only`;
		}
	};

	const handleAction = (action: Action | undefined) => {
		const {commands, tapes, focused, pageRows, scrollMaximum} = latest.current;
		const view = latestView.current;
		const pairCount = tapes.length;
		// A scroll key on a live tape pauses it first: someone scrolling wants it to hold still.
		const scroll = (change: ViewAction) => {
			if (!latestView.current.pause) {
				dispatch(pauseAction(tapes));
			}

			dispatch(change);
		};

		switch (action) {
			case 'help': {
				dispatch({type: 'toggle-help'});
				break;
			}

			case 'next-pair':
			case 'previous-pair': {
				dispatch({type: 'focus-step', delta: action === 'next-pair' ? 1 : -1, pairCount});
				break;
			}

			case 'grid': {
				dispatch({type: 'toggle-grid'});
				break;
			}

			case 'view': {
				const contents = {
					hasChart: focused?.channels.ohlc !== undefined,
					hasBook: focused?.channels.book !== undefined,
				};
				dispatch({type: 'next-pane', contents});
				break;
			}

			case 'next-interval':
			case 'previous-interval': {
				commands.stepCandleInterval(action === 'next-interval' ? 1 : -1);
				break;
			}

			case 'pause': {
				dispatch(view.pause ? {type: 'resume'} : pauseAction(tapes));
				break;
			}

			case 'scroll-up':
			case 'scroll-down':
			case 'page-up':
			case 'page-down': {
				const step = action.startsWith('page') ? pageRows : 1;
				const delta = action.endsWith('up') ? -step : step;
				scroll({type: 'scroll', delta, maximum: scrollMaximum});
				break;
			}

			case 'top':
			case 'bottom': {
				const position = action === 'top' ? 'newest' : 'oldest';
				scroll({type: 'scroll-to', position, maximum: scrollMaximum});
				break;
			}

			case 'add-pair': {
				dispatch({type: 'prompt-open'});
				break;
			}

			case 'remove-pair': {
				if (focused) {
					commands.removePair(focused.pair);
					dispatch({type: 'focus-step', delta: 0, pairCount: pairCount - 1});
				}

				break;
			}

			case 'clear': {
				if (focused) {
					commands.clearPair(focused.pair);
					dispatch({type: 'pause-restart-pair', pair: focused.pair});
				}

				break;
			}

			case 'dismiss': {
				commands.dismissAlerts();
				break;
			}

			case 'reconnect': {
				commands.reconnect();
				break;
			}

			case 'jump-1':
			case 'jump-2':
			case 'jump-3':
			case 'jump-4':
			case 'jump-5':
			case 'jump-6':
			case 'jump-7':
			case 'jump-8':
			case 'jump-9': {
				// jump-1 is the first tab.
				dispatch({type: 'focus-index', index: Number(action.slice(5)) - 1, pairCount});
				break;
			}

			case 'quit':
			case undefined: {
				break;
			}
		}
	};

	const sayRefused = () => {
		if (refused.current !== undefined && latestView.current.prompt) {
			dispatch({type: 'prompt-error', error: refused.current});
		}

		refused.current = undefined;
	};

	useKeyPresses(
		(press) => {
			const action = keyMap.get(press.name);
			const view = latestView.current;
			// Ctrl-C always quits; the other quit keys only where they are not being typed.
			if (action === 'quit' && (press.name === 'ctrl+c' || !view.prompt)) {
				exit();
			} else if (view.prompt) {
				handlePrompt(press);
			} else if (view.isHelpOpen) {
				// Help is modal: nothing acts on the screen hidden behind it.
				if (action === 'help' || press.name === 'escape') {
					dispatch({type: 'toggle-help'});
				}
			} else {
				handleAction(action);
			}
		},
		() => {
			sayRefused();
			latest.current.onKeysRead?.();
		},
	);
}
