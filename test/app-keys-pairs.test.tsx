import {describe, expect, test} from 'vitest';
import type {TapeStore} from '../source/model/tape-store.js';
import {pause} from './helpers/eventually.js';
import {
	appShownPerTest,
	lines,
	recordingCommands,
	seriesStore,
	type RecordingCommands,
	type Screen,
} from './helpers/screen.js';
import {keys} from './helpers/keys.js';

const show = appShownPerTest();

type Started = {store: TapeStore; commands: RecordingCommands; app: Screen};

/** BTC/USD trades at 101 ... 160, ETH/USD at 3001 ... 3003, SOL/USD none yet; v2 naming. */
async function start(): Promise<Started> {
	const store = seriesStore();
	const commands = recordingCommands(store, 'v2');
	const app = show({store, commands});
	await app.waitFor((frame) => expect(frame).toContain('[1 BTC/USD'));
	return {store, commands, app};
}

/** Opens the prompt and types `text` a key at a time. */
async function type(app: Screen, text: string) {
	await app.press('a');
	await app.waitFor((frame) => expect(frame).toContain('add pair:'));
	for (const character of text) {
		await app.press(character);
	}

	await app.waitFor((frame) => expect(frame).toContain(`add pair: ${text} `));
}

const promptLine = (frame: string) => lines(frame).at(-2);

describe('app add pair', () => {
	test('a opens an inline prompt in place of the key hints', async () => {
		const {app} = await start();
		await app.press('a');
		const frame = await app.waitFor((frame) => expect(frame).toContain('add pair:'));
		expect(promptLine(frame)).toBe('add pair:    Enter adds, Esc cancels');
		expect(frame).not.toContain('q quit');
	});

	test('enter adds the parsed pair and focuses it', async () => {
		const {store, commands, app} = await start();
		await type(app, 'xbt/eur');
		await app.press(keys.enter);
		const frame = await app.waitFor((frame) => expect(frame).toContain('[4 BTC/EUR …]'));
		expect(commands.calls).toEqual([{name: 'addPair', pair: 'BTC/EUR'}]);
		expect(store.pairs).toEqual(['BTC/USD', 'ETH/USD', 'SOL/USD', 'BTC/EUR']);
		expect(lines(frame)[0]).toBe(
			' 1 BTC/USD 160 ▲   2 ETH/USD 3,003 ▲   3 SOL/USD …  [4 BTC/EUR …]',
		);
		expect(frame).toContain('waiting for BTC/EUR trades');
		expect(promptLine(frame)).toMatch(/^q quit/);
	});

	test('a pasted pair arrives as one input and is added the same way', async () => {
		const {commands, app} = await start();
		await app.press('a');
		await app.press('doge/usd');
		await app.waitFor((frame) => expect(frame).toContain('add pair: doge/usd '));
		await app.press(keys.enter);
		await app.waitFor((frame) => expect(frame).toContain('[4 DOGE/USD …]'));
		expect(commands.calls).toEqual([{name: 'addPair', pair: 'DOGE/USD'}]);
	});

	test('a pair and Enter arriving in one read (a paste, a laggy link) are added', async () => {
		const {commands, app} = await start();
		await app.press('a');
		await app.press('eth/eur\r');
		await app.waitFor((frame) => expect(frame).toContain('[4 ETH/EUR …]'));
		expect(commands.calls).toEqual([{name: 'addPair', pair: 'ETH/EUR'}]);
	});

	test('the whole burst is typed: a, a pair and Enter in one read', async () => {
		const {commands, app} = await start();
		await app.press('asol/eur\r');
		await app.waitFor((frame) => expect(frame).toContain('[4 SOL/EUR …]'));
		expect(commands.calls).toEqual([{name: 'addPair', pair: 'SOL/EUR'}]);
	});

	test('every Backspace of a burst erases a character', async () => {
		const {app} = await start();
		await type(app, 'eth/eurxy');
		await app.press(`${keys.backspace}${keys.backspace}`);
		await app.waitFor((frame) => expect(promptLine(frame)).toMatch(/^add pair: eth\/eur {3}/));
		await app.press(`${keys.ctrlH}${keys.ctrlH}${keys.ctrlH}x`);
		await app.waitFor((frame) => expect(promptLine(frame)).toMatch(/^add pair: eth\/x {3}/));
	});

	test('letters a pair cannot have are refused with a message, not dropped silently', async () => {
		const {commands, app} = await start();
		await app.press('a');
		await app.press('ЁЁЁ/USD');
		await app.waitFor((frame) =>
			expect(promptLine(frame)).toBe(
				'add pair: /USD   "Ё" cannot be in a pair name: letters A-Z, digits and / only',
			),
		);
		expect(commands.calls).toEqual([]);
	});

	test('an invalid pair shows why in place and adds nothing', async () => {
		const {commands, app} = await start();
		await type(app, 'btcusd');
		await app.press(keys.enter);
		const frame = await app.waitFor((frame) => expect(frame).toContain('not a currency pair'));
		expect(promptLine(frame)).toBe(
			'add pair: btcusd   "btcusd" is not a currency pair: write it as BASE/QUOTE, for…',
		);
		expect(commands.calls).toEqual([]);
		// Typing on clears the error and the prompt stays usable.
		await app.press('/');
		await app.waitFor((frame) =>
			expect(promptLine(frame)).toBe('add pair: btcusd/   Enter adds, Esc cancels'),
		);
	});

	test('base and quote the same is refused', async () => {
		const {commands, app} = await start();
		await type(app, 'xbt/btc');
		await app.press(keys.enter);
		await app.waitFor((frame) =>
			expect(promptLine(frame)).toBe(
				'add pair: xbt/btc   "xbt/btc" is not a currency pair: base and quote are the sa…',
			),
		);
		expect(commands.calls).toEqual([]);
	});

	test('a pair already on the tape is refused, in its API name', async () => {
		const {commands, app} = await start();
		await type(app, 'xbt/usd');
		await app.press(keys.enter);
		await app.waitFor((frame) =>
			expect(promptLine(frame)).toBe('add pair: xbt/usd   BTC/USD is already on the tape'),
		);
		expect(commands.calls).toEqual([]);
	});

	test('backspace erases the last character', async () => {
		const {app} = await start();
		await type(app, 'eth/eurx');
		await app.press(keys.backspace);
		await app.waitFor((frame) => expect(promptLine(frame)).toMatch(/^add pair: eth\/eur {3}/));
		await app.press(keys.ctrlH);
		await app.waitFor((frame) => expect(promptLine(frame)).toMatch(/^add pair: eth\/eu {3}/));
	});

	test('keys that cannot be in a pair are not typed', async () => {
		const {app} = await start();
		await type(app, 'eth');
		for (const key of [' ', keys.tab, keys.left, keys.up, '!']) {
			await app.press(key);
		}

		await app.press('/');
		await app.waitFor((frame) => expect(promptLine(frame)).toMatch(/^add pair: eth\/ {3}/));
	});

	test('esc cancels without adding, and the next prompt starts empty', async () => {
		const {commands, app} = await start();
		await type(app, 'eth/eur');
		await app.press(keys.escape);
		const frame = await app.waitFor((frame) => expect(frame).not.toContain('add pair:'));
		expect(promptLine(frame)).toMatch(/^q quit/);
		expect(commands.calls).toEqual([]);
		await app.press('a');
		await app.waitFor((frame) =>
			expect(promptLine(frame)).toBe('add pair:    Enter adds, Esc cancels'),
		);
	});

	test('keys type into the prompt instead of acting on the screen', async () => {
		const {commands, app} = await start();
		await type(app, 'xdg/gbp');
		expect(commands.calls).toEqual([]);
		expect(lines(app.frame())[0]).toContain('[1 BTC/USD');
	});

	// Keys can arrive before the frame of the key before them is drawn: the handler must act on
	// the state that key left, not on the last render's, or here `x` would remove a pair.
	test('a key right after a on the same tick is typed, not acted on', async () => {
		const {commands, app} = await start();
		app.pressAtOnce('a', 'x');
		await app.waitFor((frame) => expect(frame).toContain('add pair:'));
		await pause(50);
		expect(commands.calls).toEqual([]);
		expect(promptLine(app.frame())).toMatch(/^add pair: x {3}/);
	});
});

describe('app remove and clear', () => {
	test('x removes the focused pair and focus moves to the next one', async () => {
		const {store, commands, app} = await start();
		await app.press(keys.right);
		await app.waitFor((frame) => expect(frame).toContain('[2 ETH/USD'));
		await app.press('x');
		const frame = await app.waitFor((frame) => expect(frame).not.toContain('ETH/USD'));
		expect(commands.calls).toEqual([{name: 'removePair', pair: 'ETH/USD'}]);
		expect(store.pairs).toEqual(['BTC/USD', 'SOL/USD']);
		expect(lines(frame)[0]).toBe(' 1 BTC/USD 160 ▲  [2 SOL/USD …]');
	});

	test('removing the last tab focuses the one before, down to no pairs at all', async () => {
		const {commands, app} = await start();
		await app.press('3');
		await app.waitFor((frame) => expect(frame).toContain('[3 SOL/USD'));
		await app.press('x');
		await app.waitFor((frame) =>
			expect(lines(frame)[0]).toBe(' 1 BTC/USD 160 ▲  [2 ETH/USD 3,003 ▲]'),
		);
		await app.press('x');
		await app.waitFor((frame) => expect(lines(frame)[0]).toBe('[1 BTC/USD 160 ▲]'));
		await app.press('x');
		const empty = await app.waitFor((frame) => expect(frame).not.toContain('BTC/USD'));
		expect(commands.calls.map((call) => (call.name === 'removePair' ? call.pair : ''))).toEqual([
			'SOL/USD',
			'ETH/USD',
			'BTC/USD',
		]);
		expect(lines(empty).at(-2)).toBe('q quit  ? help  a add  r reconnect');
		expect(empty).toContain('no pairs: press a to add one');
		// Nothing left to remove or clear; the screen still takes keys.
		await app.press('x');
		await app.press('c');
		await app.press('g');
		await app.waitFor((frame) => expect(lines(frame).at(-1)).toContain('closed'));
		expect(commands.calls).toHaveLength(3);
		await type(app, 'eth/usd');
		await app.press(keys.enter);
		await app.waitFor((frame) => expect(lines(frame)[0]).toBe('[1 ETH/USD …]'));
	});

	test('c clears the focused tape and its stats, and only that pair', async () => {
		const {store, commands, app} = await start();
		await app.press('c');
		const frame = await app.waitFor((frame) =>
			expect(frame).toContain('waiting for BTC/USD trades'),
		);
		expect(commands.calls).toEqual([{name: 'clearPair', pair: 'BTC/USD'}]);
		// The stats strip keeps its two rows when empty, so nothing below it moves.
		expect(lines(frame).slice(0, 4)).toEqual([
			'[1 BTC/USD …]  2 ETH/USD 3,003 ▲   3 SOL/USD …',
			'no trades yet',
			'',
			'waiting for BTC/USD trades',
		]);
		expect(store.tape('ETH/USD')?.trades.size).toBe(3);
	});
});
