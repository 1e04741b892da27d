import {describe, expect, test, vi} from 'vitest';
import type {TapeStore} from '../source/model/tape-store.js';
import {pause} from './helpers/eventually.js';
import {
	appShownPerTest,
	lines,
	recordingCommands,
	seriesStore,
	trade,
	type Screen,
} from './helpers/screen.js';
import {keys} from './helpers/keys.js';

const show = appShownPerTest();

/** BTC/USD trades at 101 ... 160, ETH/USD at 3001 ... 3003, SOL/USD none yet. */
async function start(store = seriesStore()): Promise<Screen> {
	const screen = show({store});
	await screen.waitFor((frame) => expect(frame).toContain('[1 BTC/USD'));
	return screen;
}

const tabs = {
	btc: '[1 BTC/USD 160 ▲]  2 ETH/USD 3,003 ▲   3 SOL/USD …',
	eth: ' 1 BTC/USD 160 ▲  [2 ETH/USD 3,003 ▲]  3 SOL/USD …',
	sol: ' 1 BTC/USD 160 ▲   2 ETH/USD 3,003 ▲  [3 SOL/USD …]',
};

/** Presses a key and waits for the focused tab and the tape that goes with it. */
async function expectFocusAfter(app: Screen, key: string, tab: string, newest: string) {
	await app.press(key);
	const frame = await app.waitFor((frame) => expect(lines(frame)[0]).toBe(tab));
	expect(frame).toContain(newest);
}

const shows = {
	btc: '10:00:59.000 S           160',
	eth: '10:00:02.000 B         3,003',
	sol: 'waiting for SOL/USD trades',
};

describe('app keys', () => {
	test('right, l and tab focus the next pair, wrapping at the end', async () => {
		const app = await start();
		await expectFocusAfter(app, keys.right, tabs.eth, shows.eth);
		await expectFocusAfter(app, 'l', tabs.sol, shows.sol);
		await expectFocusAfter(app, keys.tab, tabs.btc, shows.btc);
	});

	test('left, h and shift-tab focus the previous pair, wrapping at the start', async () => {
		const app = await start();
		await expectFocusAfter(app, keys.left, tabs.sol, shows.sol);
		await expectFocusAfter(app, 'h', tabs.eth, shows.eth);
		await expectFocusAfter(app, keys.shiftTab, tabs.btc, shows.btc);
	});

	test('number keys jump to a pair; one past the pair count does nothing', async () => {
		const app = await start();
		await expectFocusAfter(app, '3', tabs.sol, shows.sol);
		await expectFocusAfter(app, '2', tabs.eth, shows.eth);
		const frames = app.frames.length;
		await app.press('4');
		await app.press('9');
		await pause(50);
		expect(lines(app.frame())[0]).toBe(tabs.eth);
		expect(app.frames.slice(frames).every((frame) => !frame.includes('[1 BTC'))).toBe(true);
		await expectFocusAfter(app, '1', tabs.btc, shows.btc);
	});

	test('g shows every pair as a card, and g again goes back to the tape', async () => {
		const app = await start();
		await app.press('g');
		const frame = await app.waitFor((frame) => expect(frame).toContain('╭'));
		const row = (left: string, right = '') =>
			`│${left.padEnd(38)}│${right === '' ? '' : `│${right.padEnd(38)}│`}`;
		const edge = (left: string, right: string, count: number) =>
			`${left}${'─'.repeat(38)}${right}`.repeat(count);
		expect(lines(frame)).toEqual([
			tabs.btc,
			edge('╭', '╮', 2),
			row('1 BTC/USD', '2 ETH/USD'),
			row('160 +59 (+58.42%) 0/min', '3,003 +2 (+0.07%) 0/min'),
			row('10:00:59.000 S        160 0.50000000', '10:00:02.000 B      3,003 0.50000000'),
			row('10:00:58.000 B        159 0.50000000', '10:00:01.000 S      3,002 0.50000000'),
			row('10:00:57.000 S        158 0.50000000', '10:00:00.000 B      3,001 0.50000000'),
			row('10:00:56.000 B        157 0.50000000', ' '),
			row('10:00:55.000 S        156 0.50000000', ' '),
			row('10:00:54.000 B        155 0.50000000', ' '),
			edge('╰', '╯', 2),
			edge('╭', '╮', 1),
			row('3 SOL/USD'),
			row('no trades yet'),
			row('waiting for SOL/USD trades'),
			row(''),
			row(''),
			row(''),
			row(''),
			row(''),
			edge('╰', '╯', 1),
			'',
			'q quit  ? help  space pause  ←→ pair  g grid  v view  i interval  a add',
			'closed 0 msg/s │ v2 ws.kraken.com',
		]);
		await app.press('g');
		await app.waitFor((frame) => {
			expect(frame).not.toContain('╭');
			expect(frame).toContain('vwap');
		});
	});

	test('pair keys move the focus in the grid and back on the tape', async () => {
		const app = await start();
		await app.press('g');
		await app.waitFor((frame) => expect(frame).toContain('╭'));
		await expectFocusAfter(app, keys.right, tabs.eth, '2 ETH/USD');
		await app.press('g');
		await app.waitFor((frame) => expect(frame).toContain(`${shows.eth}    0.50000000`));
	});

	test('? opens help listing every key, and ? closes it', async () => {
		const app = await start();
		await app.press('?');
		const frame = await app.waitFor((frame) => expect(frame).toContain('keys'));
		for (const key of [
			'← h Shift-Tab / → l Tab',
			'1-9',
			'g ',
			'space',
			'↓ j / ↑ k',
			'PgDn / PgUp',
		]) {
			expect(frame).toContain(`│ ${key}`);
		}

		for (const key of ['a', 'x', 'c', 'd Esc', 'r', '?', 'q Ctrl-C']) {
			expect(frame).toMatch(new RegExp(`│ ${key.replace('?', '\\?')} +[a-z]`));
		}

		expect(frame).not.toContain('vwap');
		await app.press('?');
		await app.waitFor((frame) => {
			expect(frame).not.toContain('q Ctrl-C');
			expect(frame).toContain(shows.btc);
		});
	});

	test('esc closes help', async () => {
		const app = await start();
		await app.press('?');
		await app.waitFor((frame) => expect(frame).toContain('q Ctrl-C'));
		await app.press(keys.escape);
		await app.waitFor((frame) => expect(frame).not.toContain('q Ctrl-C'));
	});
});

describe('app alert keys', () => {
	function alerted(): {store: TapeStore; app: Screen} {
		const store = seriesStore();
		store.addAlerts([
			{
				rule: {pair: 'ETH/USD', operator: '>=', level: 3000, text: 'ETH/USD>=3000'},
				price: 3001,
				time: new Date(2024, 0, 2, 10, 0, 0, 0).getTime(),
			},
			{
				rule: {pair: 'BTC/USD', operator: '>=', level: 150, text: 'BTC/USD>=150'},
				price: 150,
				time: new Date(2024, 0, 2, 10, 0, 49, 0).getTime(),
			},
		]);
		return {store, app: show({store, commands: recordingCommands(store)})};
	}

	const banner = ' 🔔 ALERT BTC/USD>=150 at 150 (10:00:49.000) (+1 more)  d dismisses';

	test.each([
		['d', 'd'],
		['esc', keys.escape],
	])('%s dismisses alerts: the banner goes and no tab is alerted', async (_name, key) => {
		const {app} = alerted();
		const before = await app.waitFor((frame) => expect(frame).toContain('ALERT'));
		expect(lines(before)[0]).toBe('[1 BTC/USD 🔔 160 ▲]  2 ETH/USD 🔔 3,003 ▲   3 SOL/USD …');
		expect(lines(before).at(-3)).toBe(banner);
		await app.press(key);
		const after = await app.waitFor((frame) => expect(frame).not.toContain('ALERT'));
		expect(lines(after)[0]).toBe(tabs.btc);
		expect(after).not.toContain('🔔');
	});

	test('esc closes help first and leaves the alerts', async () => {
		const {app} = alerted();
		await app.press('?');
		await app.waitFor((frame) => expect(frame).toContain('q Ctrl-C'));
		await app.press(keys.escape);
		const frame = await app.waitFor((frame) => expect(frame).not.toContain('q Ctrl-C'));
		expect(frame).toContain(banner);
	});
});

describe('app quit keys', () => {
	test.each([
		['q', 'q'],
		['ctrl-c', keys.ctrlC],
	])('%s exits, and the screen stops redrawing', async (_name, key) => {
		const store = seriesStore();
		const app = await start(store);
		expect(app.hasExited()).toBe(false);
		await app.press(key);
		await app.exited;
		const frames = app.frames.length;
		store.addTrades([trade('BTC/USD', 999)]);
		await pause(50);
		expect(app.frames).toHaveLength(frames);
	});

	test('r asks the feed to reconnect at once', async () => {
		const store = seriesStore();
		const commands = recordingCommands(store);
		const app = show({store, commands});
		await app.waitFor((frame) => expect(frame).toContain('[1 BTC/USD'));
		await app.press('r');
		await vi.waitFor(() => expect(commands.calls).toEqual([{name: 'reconnect'}]));
	});

	test('with stdin not a terminal the hints say keys are off instead of offering them', async () => {
		const app = show({store: seriesStore(), isStdinTerminal: false});
		const frame = await app.waitFor((frame) => expect(frame).toContain('[1 BTC/USD'));
		expect(lines(frame).at(-2)).toBe(
			'keys off: input is not a terminal (Ctrl-C or a signal ends it)',
		);
	});

	test('q does nothing else: other keys leave the screen running', async () => {
		const app = await start();
		for (const key of ['Q', 'z', keys.enter, keys.backspace, keys.up]) {
			await app.press(key);
		}

		await pause(50);
		expect(app.hasExited()).toBe(false);
	});

	test('ctrl-c exits while the add prompt is open, q only types', async () => {
		const app = await start();
		await app.press('a');
		await app.press('q');
		await app.waitFor((frame) => expect(frame).toContain('add pair: q'));
		expect(app.hasExited()).toBe(false);
		await app.press(keys.ctrlC);
		await app.exited;
	});
});
