/** What the screen is showing, apart from the data: a pure reducer, driven by keys. */
import {nextPane, type PaneContents, type PaneView} from './pane-layout.js';
import type {PairStatsSnapshot} from './pair-stats.js';
import {TradeRing} from './trade-ring.js';
import type {TapeMarker} from './types.js';

/** A pair's tape as it was at the pause: what the paused screen shows and scrolls through. */
export type FrozenTape = Readonly<{trades: TradeRing; markers: readonly TapeMarker[]}>;

export type ViewMode = 'tape' | 'grid';

export type PauseState = Readonly<{
	/** Each pair's trade count when the tape was paused, to count what arrived since. */
	counts: ReadonlyMap<string, number>;
	/**
	 * Each pair's trades and marks as they were at the pause: copies, so a history overwritten by
	 * new trades while paused does not empty the paused view. Pairs added since are live.
	 */
	frozen: ReadonlyMap<string, FrozenTape>;
	/** Trades scrolled back from the newest trade at the moment of pausing. */
	scroll: number;
	/** Each pair's statistics when paused, so a frozen row's big-trade mark does not change. */
	statsAtPause?: ReadonlyMap<string, PairStatsSnapshot>;
}>;

export type PromptState = Readonly<{text: string; error?: string}>;

export type ViewState = Readonly<{
	focus: number;
	mode: ViewMode;
	/** What the focused pair's pane shows (model/pane-layout.ts). */
	pane: PaneView;
	isHelpOpen: boolean;
	pause?: PauseState;
	prompt?: PromptState;
}>;

export type ViewAction =
	| Readonly<{type: 'focus-step'; delta: number; pairCount: number}>
	| Readonly<{type: 'focus-index'; index: number; pairCount: number}>
	| Readonly<{type: 'toggle-grid'}>
	/** The view key: the next view there is something to show in. */
	| Readonly<{type: 'next-pane'; contents: PaneContents}>
	| Readonly<{type: 'toggle-help'}>
	| Readonly<{
			type: 'pause';
			counts: ReadonlyMap<string, number>;
			frozen: ReadonlyMap<string, FrozenTape>;
			statsAtPause?: ReadonlyMap<string, PairStatsSnapshot>;
	  }>
	| Readonly<{type: 'resume'}>
	/** A pair's tape was cleared while paused: its count restarts from nothing. */
	| Readonly<{type: 'pause-restart-pair'; pair: string}>
	| Readonly<{type: 'scroll'; delta: number; maximum: number}>
	| Readonly<{type: 'scroll-to'; position: 'newest' | 'oldest'; maximum: number}>
	| Readonly<{type: 'prompt-open'}>
	| Readonly<{type: 'prompt-type'; text: string}>
	| Readonly<{type: 'prompt-erase'}>
	| Readonly<{type: 'prompt-error'; error: string}>
	| Readonly<{type: 'prompt-close'}>;

export const initialViewState: ViewState = {
	focus: 0,
	mode: 'tape',
	isHelpOpen: false,
	pane: 'main',
};

const clamp = (value: number, minimum: number, maximum: number) =>
	Math.min(Math.max(value, minimum), Math.max(minimum, maximum));

export function reduceView(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'focus-step': {
			const count = Math.max(1, action.pairCount);
			// From the focus clamped to the pairs there are: a removal may have left it past the end.
			const current = Math.min(state.focus, count - 1);
			const focus = (((current + action.delta) % count) + count) % count;
			return withFocus(state, focus);
		}

		case 'focus-index': {
			return action.index < action.pairCount ? withFocus(state, action.index) : state;
		}

		case 'toggle-grid': {
			return {...state, mode: state.mode === 'grid' ? 'tape' : 'grid'};
		}

		case 'next-pane': {
			return {...state, pane: nextPane(state.pane, action.contents)};
		}

		case 'toggle-help': {
			return {...state, isHelpOpen: !state.isHelpOpen};
		}

		case 'pause': {
			return {
				...state,
				pause: {
					counts: action.counts,
					frozen: action.frozen,
					scroll: 0,
					statsAtPause: action.statsAtPause,
				},
			};
		}

		case 'resume': {
			return {...state, pause: undefined};
		}

		case 'pause-restart-pair': {
			if (!state.pause) {
				return state;
			}

			const counts = new Map(state.pause.counts);
			counts.set(action.pair, 0);
			const frozen = new Map(state.pause.frozen);
			frozen.set(action.pair, {trades: new TradeRing(action.pair, 1), markers: []});
			const statsAtPause = new Map(state.pause.statsAtPause);
			statsAtPause.delete(action.pair);
			return {...state, pause: {counts, frozen, scroll: 0, statsAtPause}};
		}

		case 'scroll': {
			return state.pause
				? {
						...state,
						pause: {
							...state.pause,
							scroll: clamp(state.pause.scroll + action.delta, 0, action.maximum),
						},
					}
				: state;
		}

		case 'scroll-to': {
			const scroll = action.position === 'newest' ? 0 : Math.max(0, action.maximum);
			return state.pause ? {...state, pause: {...state.pause, scroll}} : state;
		}

		case 'prompt-open': {
			return {...state, prompt: {text: ''}};
		}

		case 'prompt-type': {
			return state.prompt ? {...state, prompt: {text: state.prompt.text + action.text}} : state;
		}

		case 'prompt-erase': {
			return state.prompt ? {...state, prompt: {text: state.prompt.text.slice(0, -1)}} : state;
		}

		case 'prompt-error': {
			return state.prompt ? {...state, prompt: {...state.prompt, error: action.error}} : state;
		}

		case 'prompt-close': {
			return {...state, prompt: undefined};
		}
	}
}

/** A new focus starts at the top of its own history. */
function withFocus(state: ViewState, focus: number): ViewState {
	return {...state, focus, pause: state.pause && {...state.pause, scroll: 0}};
}
