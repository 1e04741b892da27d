import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {keys} from '../helpers/keys.js';
import {
	startTerminal,
	stopTerminals,
	waitForExit,
	type TerminalSession,
} from '../helpers/terminal.js';

const made: string[] = [];
afterEach(async () => {
	await stopTerminals();
	for (const directory of made.splice(0)) {
		rmSync(directory, {recursive: true, force: true});
	}
});

/** $XDG_CONFIG_HOME with `text` as kraken-tape's config file. */
function configHome(text: string): string {
	const base = mkdtempSync(path.join(tmpdir(), 'kraken-tape-keys-'));
	made.push(base);
	mkdirSync(path.join(base, 'kraken-tape'));
	writeFileSync(path.join(base, 'kraken-tape', 'config.toml'), text);
	return base;
}

/** Every action on a key of its own, none of them a default; digits jump nowhere. */
const remapped = `pairs = ["XBT/USD", "ETH/USD", "SOL/USD"]

[[alert]]
rule = "XBT/USD>=1"

[keys]
next-pair = "n"
previous-pair = "p"
jump-1 = "!"
jump-2 = "@"
jump-3 = "#"
jump-4 = []
jump-5 = []
jump-6 = []
jump-7 = []
jump-8 = []
jump-9 = []
grid = "G"
view = "V"
next-interval = "+"
previous-interval = "-"
pause = "P"
add-pair = "A"
remove-pair = "X"
clear = "C"
dismiss = "D"
help = "H"
quit = "Q"
scroll-up = "K"
scroll-down = "J"
page-up = "U"
page-down = "F"
top = "T"
bottom = "B"
reconnect = ["R", "ctrl+r"]
`;

const tradeRow = /^\d{2}:\d{2}:\d{2}\.\d{3} [BS] /;
const focusedTab = (screen: readonly string[]) => /\[(\d+ \S+)/.exec(screen[0] ?? '')?.[1];
const firstTrade = (screen: readonly string[]) => screen.find((line) => tradeRow.test(line));
const chartTitle = (interval: string) => new RegExp(`^BTC/USD ${interval} {2}O `, 'm');
const spreadLine = /^── spread /m;

function start(
	text: string,
	size: Readonly<{columns: number; rows: number}> = {columns: 80, rows: 24},
): TerminalSession {
	return startTerminal(['--demo'], {...size, env: {XDG_CONFIG_HOME: configHome(text)}});
}

/** A key that must do nothing: the screen still shows `unchanged` a moment later. */
async function expectIgnored(
	session: TerminalSession,
	key: string,
	unchanged: (screen: string[]) => boolean,
) {
	session.write(key);
	// Long enough for a frame or two (the screen redraws every 100 ms at most).
	await new Promise((resolve) => setTimeout(resolve, 400));
	expect(unchanged(session.lines())).toBe(true);
}

describe('remapped keys in a real terminal', () => {
	test('dismiss, next and previous pair, jump and help work on their new keys only', async () => {
		const session = start(remapped);
		await session.waitFor((screen) => firstTrade(screen) !== undefined);
		// dismiss: the alert fired at once; d and Esc no longer dismiss it, D does.
		await session.waitForText('ALERT BTC/USD>=1');
		await session.waitForText('D dismisses');
		await expectIgnored(session, 'd', (screen) => screen.join('\n').includes('ALERT'));
		await expectIgnored(session, keys.escape, (screen) => screen.join('\n').includes('ALERT'));
		session.write('D');
		await session.waitFor((screen) => !screen.join('\n').includes('ALERT'));

		// next-pair, previous-pair, jump-N.
		await expectIgnored(session, 'l', (screen) => focusedTab(screen) === '1 BTC/USD');
		await expectIgnored(session, keys.right, (screen) => focusedTab(screen) === '1 BTC/USD');
		session.write('n');
		await session.waitFor((screen) => focusedTab(screen) === '2 ETH/USD');
		session.write('p');
		await session.waitFor((screen) => focusedTab(screen) === '1 BTC/USD');
		await expectIgnored(session, '3', (screen) => focusedTab(screen) === '1 BTC/USD');
		session.write('#');
		await session.waitFor((screen) => focusedTab(screen) === '3 SOL/USD');
		session.write('@');
		await session.waitFor((screen) => focusedTab(screen) === '2 ETH/USD');
		session.write('!');
		await session.waitFor((screen) => focusedTab(screen) === '1 BTC/USD');

		// help: the overlay lists the keys in effect.
		await expectIgnored(session, '?', (screen) => !screen.join('\n').includes('jump to a pair'));
		session.write('H');
		const help = await session.waitForText('jump to a pair');
		const helpText = help.join('\n');
		expect(helpText).toMatch(/p \/ n +previous \/ next pair/);
		expect(helpText).toMatch(/! @ # +jump to a pair/);
		expect(helpText).toMatch(/Q +quit \(Ctrl-C always does\)/);
		expect(helpText).toMatch(/R Ctrl-R +reconnect now/);
		session.write('H');
		await session.waitFor((screen) => !screen.join('\n').includes('jump to a pair'));
		// The hints name the new keys too.
		await session.waitForText(/^Q quit {2}H help {2}P pause {2}pn pair {2}G grid {2}V view/m);
	});

	test('grid, view and the interval work on their new keys only', async () => {
		const session = start(remapped);
		await session.waitFor((screen) => firstTrade(screen) !== undefined);
		// grid.
		await expectIgnored(session, 'g', (screen) => !screen.join('').includes('╭'));
		session.write('G');
		await session.waitFor((screen) => screen.join('').includes('╭'));
		session.write('G');
		await session.waitForText(/^time +price/m);

		// view, next-interval, previous-interval: at 80x24 the tape has the pane, V steps on.
		await expectIgnored(session, 'v', (screen) => /^time +price/m.test(screen.join('\n')));
		session.write('V');
		await session.waitForText(chartTitle('1m'));
		await expectIgnored(session, 'i', (screen) => chartTitle('1m').test(screen.join('\n')));
		session.write('+');
		await session.waitForText(chartTitle('5m'));
		session.write('-');
		await session.waitForText(chartTitle('1m'));
		session.write('V');
		await session.waitForText(spreadLine);
		session.write('V');
		await session.waitForText(/^time +price/m);
	});

	test('pause, the scroll keys and clear work on their new keys only', async () => {
		const session = start(remapped);
		await session.waitFor((screen) => firstTrade(screen) !== undefined);
		// pause, and scrolling the paused tape.
		await expectIgnored(session, keys.space, (screen) => !screen.join('\n').includes('PAUSED'));
		session.write('P');
		const paused = await session.waitForText(/PAUSED \+\d+/);
		const newest = firstTrade(paused);
		const rows = paused
			.filter((line) => tradeRow.test(line))
			.map((line) => line.replace(/ \*$/, ''));
		await expectIgnored(session, 'j', (screen) => firstTrade(screen) === newest);
		session.write('J');
		await session.waitFor((screen) => firstTrade(screen)?.replace(/ \*$/, '') === rows[1]);
		session.write('K');
		await session.waitFor((screen) => firstTrade(screen) === newest);
		session.write('F');
		await session.waitFor(
			(screen) =>
				firstTrade(screen) !== newest &&
				!rows.slice(0, 3).includes(firstTrade(screen)?.replace(/ \*$/, '') ?? ''),
		);
		session.write('U');
		await session.waitFor((screen) => firstTrade(screen) === newest);
		session.write('B');
		await session.waitFor((screen) => firstTrade(screen) !== newest);
		session.write('T');
		await session.waitFor((screen) => firstTrade(screen) === newest);

		// clear, while paused: said with the pause's key in effect.
		await expectIgnored(session, 'c', (screen) => firstTrade(screen) === newest);
		session.write('C');
		await session.waitForText(/BTC\/USD cleared while paused; \d+ trades since \(P resumes\)/);
		session.write('P');
		await session.waitFor((screen) => !screen.join('\n').includes('PAUSED'));
	});

	test('remove, add, reconnect and quit work on their new keys only', async () => {
		const session = start(remapped);
		await session.waitFor((screen) => firstTrade(screen) !== undefined);
		// remove-pair and add-pair.
		await expectIgnored(session, 'x', (screen) => focusedTab(screen) === '1 BTC/USD');
		session.write('X');
		await session.waitFor((screen) => !(screen[0] ?? '').includes('BTC/USD'));
		await expectIgnored(session, 'a', (screen) => !screen.join('\n').includes('add pair:'));
		session.write('A');
		await session.waitForText('add pair:');
		session.write('xbt/usd\r');
		await session.waitFor((screen) => focusedTab(screen) === '3 BTC/USD');

		// reconnect: the connection is replaced, as the status bar says while it waits.
		await expectIgnored(
			session,
			'r',
			(screen) => !screen.join('\n').includes('reconnect asked for'),
		);
		session.write('R');
		await session.waitForText('reconnect asked for');
		await session.waitForText(/SIMULATED +subscribed/);

		// quit.
		await expectIgnored(session, 'q', () => true);
		session.write('Q');
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
	});

	test('Ctrl-C quits with exit 0 whatever the file says, even with quit unbound', async () => {
		const session = start('[keys]\nquit = []\n');
		await session.waitFor((screen) => firstTrade(screen) !== undefined);
		await session.waitForText(/^Ctrl-C quit {2}\? help/m);
		await expectIgnored(session, 'q', (screen) => firstTrade(screen) !== undefined);
		session.write(keys.ctrlC);
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
	});

	test('Ctrl-C quits from the add-pair prompt, where letters are typed', async () => {
		const session = start('[keys]\nquit = "Q"\n');
		await session.waitFor((screen) => firstTrade(screen) !== undefined);
		session.write('a');
		await session.waitForText('add pair:');
		session.write('Q');
		await session.waitForText('add pair: Q');
		session.write(keys.ctrlC);
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
	});

	test('two actions on one key stop the start, naming both, before the screen opens', async () => {
		const session = start('[keys]\ngrid = "v"\n', {columns: 250, rows: 10});
		expect(await waitForExit(session)).toEqual({exitCode: 2, signal: undefined});
		expect(session.terminal.buffer.active.type).toBe('normal');
		expect(session.text().trim()).toMatch(
			/^kraken-tape: \S+config\.toml:2: keys\.grid "v": also view's key, and a key does one thing \(give view another key, or \[\] to unbind it\)$/,
		);
	});
});

describe('the add-pair prompt in a real terminal', () => {
	const promptLine = (screen: readonly string[]) =>
		screen.find((line) => line.startsWith('add pair:')) ?? '';

	test('keys written together are each taken: letters, Backspaces, a refused letter, Enter', async () => {
		const session = startTerminal(['--demo', 'XBT/USD'], {columns: 100, rows: 24});
		await session.waitFor((screen) => firstTrade(screen) !== undefined);
		session.write('a');
		await session.waitForText('add pair:');

		// Letters no pair has, in one write with the rest: refused with a message, not dropped.
		session.write('ЁЁЁ/USD');
		await session.waitFor((screen) =>
			expect(promptLine(screen)).toBe(
				'add pair: /USD   "Ё" cannot be in a pair name: letters A-Z, digits and / only',
			),
		);
		// Four Backspaces in one write erase four characters.
		session.write(keys.backspace.repeat(4));
		await session.waitFor((screen) =>
			expect(promptLine(screen)).toBe('add pair:    Enter adds, Esc cancels'),
		);
		// A pair, two Backspaces and Enter in one write: ETH/USD is added and focused.
		session.write(`eth/usdxy${keys.backspace}${keys.backspace}${keys.enter}`);
		await session.waitFor((screen) => expect(focusedTab(screen)).toBe('2 ETH/USD'));
		expect(promptLine(session.lines())).toBe('');

		// The whole burst: the key that opens the prompt, a pair and Enter.
		session.write(`asol/usd${keys.enter}`);
		await session.waitFor((screen) => expect(focusedTab(screen)).toBe('3 SOL/USD'));
		expect(promptLine(session.lines())).toBe('');
	});
});
