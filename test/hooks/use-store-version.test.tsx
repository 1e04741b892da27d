import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {useClock} from '../../source/hooks/use-clock.js';
import {gatherMs, useStoreVersion} from '../../source/hooks/use-store-version.js';
import type {TapeStore} from '../../source/model/tape-store.js';
import {createStore, ticker, trade} from '../helpers/screen.js';

afterEach(() => {
	vi.useRealTimers();
});

/** Advances the fake clock, then lets React's scheduler (on the real setImmediate) render. */
async function advance(milliseconds: number): Promise<void> {
	await vi.advanceTimersByTimeAsync(milliseconds);
	await new Promise((resolve) => setImmediate(resolve));
}

const fakeTimers = () => {
	vi.useFakeTimers({
		toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
	});
};

/** Renders the version a hook reports and counts the renders. */
function watchStore(store: TapeStore, tickMs: number) {
	const renders: number[] = [];
	function Probe() {
		const version = useStoreVersion(store, tickMs);
		renders.push(version);
		return <Text>{version}</Text>;
	}

	const app = render(<Probe />);
	return {app, renders};
}

describe('useStoreVersion', () => {
	test("a burst of changes costs one render a tick, and a tape's first trades draw at once", async () => {
		fakeTimers();
		const store = createStore(['BTC/USD']);
		const {renders} = watchStore(store, 100);
		await advance(500);
		const before = renders.length;
		for (let index = 0; index < 1000; index++) {
			store.addTrades([trade('BTC/USD', 100 + index)]);
		}

		await advance(0);
		// Drawn without waiting for a tick or a gather: they are the tape's first trades.
		expect(renders.length).toBe(before + 1);
		expect(renders.at(-1)).toBe(store.version);
		for (let index = 0; index < 1000; index++) {
			store.addTrades([trade('BTC/USD', 100 + index)]);
			await advance(1);
		}

		// A thousand changes over a second: about ten renders, never one per change.
		expect(renders.length - before).toBeGreaterThanOrEqual(10);
		expect(renders.length - before).toBeLessThanOrEqual(12);
		await advance(100);
		expect(renders.at(-1)).toBe(store.version);
	});

	test('after a quiet spell, a trade and the ticker that follows it in the next turns draw in one render', async () => {
		fakeTimers();
		const store = createStore(['BTC/USD']);
		store.addTrades([trade('BTC/USD', 100)]);
		const {renders} = watchStore(store, 100);
		await advance(500);
		const before = renders.length;
		// A trade, then its ticker a few turns later (each frame of a read has a turn of its own).
		store.addTrades([trade('BTC/USD', 101)]);
		await advance(1);
		store.setTicker(ticker('BTC/USD', {last: 101}));
		await advance(1);
		expect(renders.length).toBe(before);
		await advance(gatherMs);
		expect(renders.length).toBe(before + 1);
		expect(renders.at(-1)).toBe(store.version);
		// Nothing is left for the next tick to draw.
		await advance(200);
		expect(renders.length).toBe(before + 1);
	});

	test("a tape's first trades draw at once, inside a tick that other changes wait out", async () => {
		fakeTimers();
		const store = createStore(['BTC/USD', 'ETH/USD']);
		const {renders} = watchStore(store, 100);
		await advance(500);
		// A change that starts a tick, as the status changes at start do.
		store.addTrades([trade('BTC/USD', 100)]);
		await advance(0);
		const before = renders.length;
		// 10 ms into the tick: a second trade of a tape that has some waits for the tick...
		await advance(10);
		store.addTrades([trade('BTC/USD', 101)]);
		await advance(0);
		expect(renders.length).toBe(before);
		// ...and the first trades of another tape do not.
		store.addTrades([trade('ETH/USD', 3000)]);
		await advance(0);
		expect(renders.length).toBe(before + 1);
		expect(renders.at(-1)).toBe(store.version);
	});

	test('a quiet store renders nothing and keeps no timer', async () => {
		fakeTimers();
		const store = createStore(['BTC/USD']);
		const {renders} = watchStore(store, 100);
		await advance(100);
		const before = renders.length;
		await advance(10_000);
		expect(renders.length).toBe(before);
		expect(vi.getTimerCount()).toBe(0);
	});
});

describe('useClock', () => {
	function watchClock(intervalMs: number) {
		const renders: number[] = [];
		let rerender: () => void = () => undefined;
		function Probe({label}: {label: number}) {
			const now = useClock(intervalMs);
			renders.push(now);
			return <Text>{`${label} ${now}`}</Text>;
		}

		let label = 0;
		const app = render(<Probe label={label} />);
		rerender = () => app.rerender(<Probe label={++label} />);
		return {renders, rerender};
	}

	test('renders by itself once an interval when nothing else does', async () => {
		fakeTimers();
		const {renders} = watchClock(1000);
		const start = renders.length;
		for (let step = 0; step < 40; step++) {
			await advance(250);
		}

		const own = renders.slice(start);
		// Ten seconds: a render about every second, never two within one.
		expect(own.length).toBeGreaterThanOrEqual(8);
		expect(own.length).toBeLessThanOrEqual(10);
		for (const [index, time] of own.entries()) {
			expect(time - (own[index - 1] ?? renders[start - 1]!)).toBeGreaterThanOrEqual(1000);
		}
	});

	test('adds no renders of its own while something else renders often enough', async () => {
		fakeTimers();
		const {renders, rerender} = watchClock(1000);
		const start = renders.length;
		for (let second = 0; second < 5; second++) {
			await advance(600);
			rerender();
		}

		// Five renders from outside, none from the clock: no two renders were 1 s apart.
		expect(renders.length - start).toBe(5);
	});
});
