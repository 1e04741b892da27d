import {describe, expect, test} from 'vitest';
import type {TapeStore} from '../source/model/tape-store.js';
import {pause} from './helpers/eventually.js';
import {
	appShownPerTest,
	createStore,
	series,
	lines,
	recordingCommands,
	seriesStore,
	shownPrices,
	trade,
	type Screen,
} from './helpers/screen.js';
import {keys} from './helpers/keys.js';

const show = appShownPerTest();

/** BTC/USD trades at 101 ... 160, ETH/USD at 3001 ... 3003. */
const twoPairs = (): TapeStore => seriesStore(['BTC/USD', 'ETH/USD']);

/** Prices from `newest` down, one page (18 rows at 80x24). */
function page(newest: number, count = 18): number[] {
	return Array.from({length: count}, (_, index) => newest - index);
}

async function startPaused(store = twoPairs()): Promise<Screen> {
	const screen = show({store, commands: recordingCommands(store)});
	await screen.waitFor((frame) => expect(shownPrices(frame)).toEqual(page(160)));
	await screen.press(' ');
	await screen.waitFor((frame) => expect(frame).toContain(' PAUSED +0 '));
	return screen;
}

async function expectPricesAfter(app: Screen, key: string, prices: number[]) {
	await app.press(key);
	await app.waitFor((frame) => expect(shownPrices(frame)).toEqual(prices));
}

const later = (price: number, pair = 'BTC/USD') =>
	trade(pair, price, {time: new Date(2024, 0, 2, 10, 5, 0, 0).getTime()});

describe('app pause', () => {
	test('space pauses: the tape stays frozen while PAUSED +N counts what arrives', async () => {
		const store = twoPairs();
		const app = await startPaused(store);
		expect(lines(app.frame()).slice(-2)).toEqual([
			'q quit  ? help  space resume  ↑↓ scroll  ←→ pair  g grid  v view  i interval',
			' PAUSED +0  closed 0 msg/s │ v2 ws.kraken.com',
		]);
		store.addTrades([later(161), later(162), later(163)]);
		await app.waitFor((frame) => expect(frame).toContain(' PAUSED +3 '));
		expect(shownPrices(app.frame())).toEqual(page(160));
		store.addTrades([later(3004, 'ETH/USD'), later(3005, 'ETH/USD')]);
		const frame = await app.waitFor((frame) => expect(frame).toContain(' PAUSED +5 '));
		expect(shownPrices(frame)).toEqual(page(160));
	});

	test('space again resumes and shows the newest trades', async () => {
		const store = twoPairs();
		const app = await startPaused(store);
		store.addTrades([later(161), later(162)]);
		await app.waitFor((frame) => expect(frame).toContain(' PAUSED +2 '));
		await app.press(' ');
		const frame = await app.waitFor((frame) => expect(shownPrices(frame)).toEqual(page(162)));
		expect(frame).not.toContain('PAUSED');
		expect(lines(frame).at(-2)).toContain('space pause');
	});

	test('up and down scroll one row, within the history', async () => {
		const app = await startPaused();
		await expectPricesAfter(app, keys.down, page(159));
		await expectPricesAfter(app, keys.down, page(158));
		await expectPricesAfter(app, keys.up, page(159));
		await expectPricesAfter(app, keys.up, page(160));
		await app.press(keys.up);
		await pause(50);
		expect(shownPrices(app.frame())).toEqual(page(160));
	});

	test('page down and page up move a page of 18 rows', async () => {
		const app = await startPaused();
		await expectPricesAfter(app, keys.pageDown, page(142));
		await expectPricesAfter(app, keys.pageDown, page(124));
		await expectPricesAfter(app, keys.pageUp, page(142));
		await expectPricesAfter(app, keys.pageUp, page(160));
	});

	test.each([
		['end and home', keys.end, keys.home],
		['end and home as ESC [4~ and ESC [1~', keys.endVt, keys.homeVt],
	])('%s jump to the oldest and newest trades', async (_name, end, home) => {
		const app = await startPaused();
		await expectPricesAfter(app, end, page(118));
		await app.press(keys.down);
		await app.press(keys.pageDown);
		await pause(50);
		expect(shownPrices(app.frame())).toEqual(page(118));
		await expectPricesAfter(app, home, page(160));
	});

	test('scrolling keeps its place as trades arrive', async () => {
		const store = twoPairs();
		const app = await startPaused(store);
		await expectPricesAfter(app, keys.pageDown, page(142));
		store.addTrades([later(161), later(162), later(163)]);
		await app.waitFor((frame) => expect(frame).toContain(' PAUSED +3 '));
		expect(shownPrices(app.frame())).toEqual(page(142));
		// The oldest page is where it was: arrivals do not extend the scroll.
		await expectPricesAfter(app, keys.end, page(118));
	});

	test.each([
		['down', keys.down, page(159)],
		['page down', keys.pageDown, page(142)],
		['end', keys.end, page(118)],
		['up', keys.up, page(160)],
		['page up', keys.pageUp, page(160)],
	])('%s on a live tape pauses it and scrolls', async (_name, key, prices) => {
		const store = twoPairs();
		const app = show({store});
		await app.waitFor((frame) => expect(shownPrices(frame)).toEqual(page(160)));
		await app.press(key);
		await app.waitFor((frame) => expect(frame).toContain(' PAUSED +0 '));
		await app.waitFor((frame) => expect(shownPrices(frame)).toEqual(prices));
		store.addTrades([later(161)]);
		await app.waitFor((frame) => expect(frame).toContain(' PAUSED +1 '));
		expect(shownPrices(app.frame())).toEqual(prices);
	});

	test('a paused tape stays frozen and full while more trades arrive than the history holds', async () => {
		// --history 60: the ring holds exactly what the pause shows and more, then is overwritten.
		const store = createStore(['BTC/USD', 'ETH/USD'], series('BTC/USD', 60), {capacity: 60});
		const app = await startPaused(store);
		store.addTrades(Array.from({length: 140}, (_, index) => later(161 + index)));
		await app.waitFor((frame) => expect(frame).toContain(' PAUSED +140 '));
		expect(shownPrices(app.frame())).toEqual(page(160));
		// The whole history as it was at the pause is still there to scroll through.
		await expectPricesAfter(app, keys.end, page(118));
		store.addTrades([later(301)]);
		await app.waitFor((frame) => expect(frame).toContain(' PAUSED +141 '));
		expect(shownPrices(app.frame())).toEqual(page(118));
		await app.press(' ');
		await app.waitFor((frame) => expect(shownPrices(frame)).toEqual(page(301)));
	});

	test('another pair while paused shows its own history as of the pause', async () => {
		const store = twoPairs();
		const app = await startPaused(store);
		await expectPricesAfter(app, keys.pageDown, page(142));
		store.addTrades([later(3004, 'ETH/USD')]);
		await app.waitFor((frame) => expect(frame).toContain(' PAUSED +1 '));
		await expectPricesAfter(app, keys.right, [3003, 3002, 3001]);
		await expectPricesAfter(app, keys.left, page(160));
	});

	test('the grid stays frozen too', async () => {
		const store = twoPairs();
		const app = await startPaused(store);
		await app.press('g');
		await app.waitFor((frame) => expect(frame).toContain('╭'));
		store.addTrades([later(161), later(3004, 'ETH/USD')]);
		const frame = await app.waitFor((frame) => expect(frame).toContain(' PAUSED +2 '));
		// Two cards side by side: BTC/USD's seventeen rows beside ETH/USD's three.
		const rows = page(160, 17).flatMap((price, index) =>
			index < 3 ? [price, 3003 - index] : [price],
		);
		expect(shownPrices(frame)).toEqual(rows);
	});

	// Clearing restarts the pair's trade count, so the pause counts from the clear: arrivals after
	// it are counted and held back, never shown live on the paused tape.
	test('a tape cleared while paused stays frozen and keeps counting', async () => {
		const store = twoPairs();
		const app = await startPaused(store);
		await app.press('c');
		await app.waitFor((frame) =>
			expect(frame).toContain('BTC/USD cleared while paused; 0 trades since (space resumes)'),
		);
		store.addTrades([later(500), later(501)]);
		const frame = await app.waitFor((frame) => expect(frame).toContain('[1 BTC/USD 501 ▲]'));
		expect(frame).toContain(' PAUSED +2 ');
		expect(frame).toContain('BTC/USD cleared while paused; 2 trades since (space resumes)');
		expect(frame).not.toContain('waiting for');
		expect(shownPrices(frame)).toEqual([]);
	});
});
