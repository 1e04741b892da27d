import {describe, expect, test} from 'vitest';
import {
	initialViewState,
	reduceView,
	type ViewAction,
	type ViewState,
} from '../../source/model/view-state.js';

function reduceAll(actions: readonly ViewAction[], state: ViewState = initialViewState): ViewState {
	return actions.reduce(reduceView, state);
}

const counts: ReadonlyMap<string, number> = new Map([['BTC/USD', 10]]);
const paused = reduceView(initialViewState, {type: 'pause', counts, frozen: new Map()});

describe('view-state', () => {
	test('starts on the first pair, in tape mode, with nothing open', () => {
		expect(initialViewState).toEqual({
			focus: 0,
			mode: 'tape',
			isHelpOpen: false,
			pane: 'main',
		});
	});

	test.each<[number, number, number, number]>([
		[0, 1, 3, 1],
		[2, 1, 3, 0],
		[0, -1, 3, 2],
		[1, -1, 3, 0],
		[0, 1, 1, 0],
		[0, -1, 1, 0],
		// A removal left the focus past the end: the step starts from the last pair.
		[5, 0, 3, 2],
		[5, 1, 3, 0],
		[5, -1, 3, 1],
		// No pairs at all: focus stays at 0 rather than NaN.
		[0, 1, 0, 0],
		[2, 0, 0, 0],
	])('focus %i stepped by %i among %i pairs is %i', (focus, delta, pairCount, expected) => {
		const state = reduceView({...initialViewState, focus}, {type: 'focus-step', delta, pairCount});
		expect(state.focus).toBe(expected);
	});

	test('focus-index jumps to a pair that exists and ignores one that does not', () => {
		expect(reduceView(initialViewState, {type: 'focus-index', index: 2, pairCount: 3}).focus).toBe(
			2,
		);
		const state = {...initialViewState, focus: 1};
		expect(reduceView(state, {type: 'focus-index', index: 3, pairCount: 3})).toBe(state);
		expect(reduceView(state, {type: 'focus-index', index: 8, pairCount: 3})).toBe(state);
	});

	test('a new focus starts at the top of its history while paused', () => {
		const scrolled = reduceView(paused, {type: 'scroll', delta: 5, maximum: 20});
		expect(scrolled.pause?.scroll).toBe(5);
		const stepped = reduceView(scrolled, {type: 'focus-step', delta: 1, pairCount: 2});
		expect(stepped.pause).toEqual({counts, frozen: new Map(), scroll: 0});
		const jumped = reduceView(scrolled, {type: 'focus-index', index: 1, pairCount: 2});
		expect(jumped.pause).toEqual({counts, frozen: new Map(), scroll: 0});
	});

	test('focus changes leave an unpaused view unpaused', () => {
		const state = reduceView(initialViewState, {type: 'focus-step', delta: 1, pairCount: 2});
		expect(state.pause).toBeUndefined();
	});

	test('grid and help toggle independently', () => {
		const grid = reduceView(initialViewState, {type: 'toggle-grid'});
		expect(grid.mode).toBe('grid');
		const help = reduceView(grid, {type: 'toggle-help'});
		expect(help).toEqual({...initialViewState, mode: 'grid', isHelpOpen: true});
		expect(reduceAll([{type: 'toggle-grid'}, {type: 'toggle-help'}], help)).toEqual(
			initialViewState,
		);
	});

	test('pause keeps the counts at pausing and starts at the newest row', () => {
		expect(paused.pause).toEqual({counts, frozen: new Map(), scroll: 0});
		expect(reduceView(paused, {type: 'resume'}).pause).toBeUndefined();
	});

	test('scroll moves within 0 and the maximum while paused', () => {
		const maximum = 10;
		const scrollBy = (deltas: number[]) =>
			reduceAll(
				deltas.map((delta) => ({type: 'scroll', delta, maximum})),
				paused,
			).pause?.scroll;
		expect(scrollBy([1, 1, 1])).toBe(3);
		expect(scrollBy([4, -1])).toBe(3);
		expect(scrollBy([-1])).toBe(0);
		expect(scrollBy([25])).toBe(10);
		expect(scrollBy([25, -3])).toBe(7);
		// Fewer trades than a page: nothing to scroll to.
		expect(reduceView(paused, {type: 'scroll', delta: 5, maximum: -4}).pause?.scroll).toBe(0);
	});

	test('scroll-to jumps to the newest or the oldest row while paused', () => {
		const oldest = reduceView(paused, {type: 'scroll-to', position: 'oldest', maximum: 42});
		expect(oldest.pause?.scroll).toBe(42);
		const newest = reduceView(oldest, {type: 'scroll-to', position: 'newest', maximum: 42});
		expect(newest.pause?.scroll).toBe(0);
		expect(
			reduceView(paused, {type: 'scroll-to', position: 'oldest', maximum: -3}).pause?.scroll,
		).toBe(0);
	});

	test('scrolling does nothing unless paused', () => {
		expect(reduceView(initialViewState, {type: 'scroll', delta: 3, maximum: 10})).toBe(
			initialViewState,
		);
		expect(reduceView(initialViewState, {type: 'scroll-to', position: 'oldest', maximum: 10})).toBe(
			initialViewState,
		);
	});

	test('the prompt collects typed text, erases, shows an error and closes', () => {
		const typed = reduceAll([
			{type: 'prompt-open'},
			{type: 'prompt-type', text: 'btc'},
			{type: 'prompt-type', text: '/eu'},
		]);
		expect(typed.prompt).toEqual({text: 'btc/eu'});
		expect(reduceView(typed, {type: 'prompt-erase'}).prompt).toEqual({text: 'btc/e'});
		const refused = reduceView(typed, {type: 'prompt-error', error: 'no such pair'});
		expect(refused.prompt).toEqual({text: 'btc/eu', error: 'no such pair'});
		expect(reduceView(refused, {type: 'prompt-close'}).prompt).toBeUndefined();
	});

	test('typing or erasing after an error clears the error', () => {
		const refused = reduceAll([
			{type: 'prompt-open'},
			{type: 'prompt-type', text: 'x'},
			{type: 'prompt-error', error: 'bad'},
		]);
		expect(reduceView(refused, {type: 'prompt-type', text: 'y'}).prompt).toEqual({text: 'xy'});
		expect(reduceView(refused, {type: 'prompt-erase'}).prompt).toEqual({text: ''});
	});

	test('erasing an empty prompt keeps it open and empty', () => {
		const state = reduceAll([{type: 'prompt-open'}, {type: 'prompt-erase'}]);
		expect(state.prompt).toEqual({text: ''});
	});

	test('prompt actions do nothing while the prompt is closed', () => {
		for (const action of [
			{type: 'prompt-type', text: 'a'},
			{type: 'prompt-erase'},
			{type: 'prompt-error', error: 'bad'},
		] satisfies ViewAction[]) {
			expect(reduceView(initialViewState, action)).toBe(initialViewState);
		}
	});

	test('opening the prompt again starts empty', () => {
		const state = reduceAll([
			{type: 'prompt-open'},
			{type: 'prompt-type', text: 'eth'},
			{type: 'prompt-close'},
			{type: 'prompt-open'},
		]);
		expect(state.prompt).toEqual({text: ''});
	});
});
