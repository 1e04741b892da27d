import {stripVTControlCharacters} from 'node:util';
import {afterEach, describe, expect, test} from 'vitest';
import {startTerminal, stopTerminals, type TerminalSession} from '../helpers/terminal.js';

afterEach(stopTerminals);

const frameStart = '\u001B[?2026h';
const frameEnd = '\u001B[?2026l';
const tabLine = /^[[ ]1 BTC\/USD .*[[ ]2 XRP\/USD /;
const tradeRow = /^\d{2}:\d{2}:\d{2}\.\d{3} [BS] /;

/** The lines of the last frame Ink finished writing (each frame is one synchronized update). */
function lastFrameLines(raw: string): string[] {
	const end = raw.lastIndexOf(frameEnd);
	const start = raw.lastIndexOf(frameStart, end);
	const frame = stripVTControlCharacters(raw.slice(start, end));
	return frame.split('\n').slice(0, -1);
}

/** Everything that makes a layout less than whole at the terminal's current size. */
function layoutProblems(session: TerminalSession, lines: readonly string[]): string[] {
	const rows = session.rows();
	const problems: string[] = [];
	const count = (pattern: RegExp) => lines.filter((line) => pattern.test(line)).length;
	if (!tabLine.test(lines[0] ?? '')) {
		problems.push('the tabs are not on line 1');
	}

	for (const [name, pattern] of [
		['tab line', tabLine],
		['tape header', /^time +price +volume/],
		['key hints', /^q quit {2}\? help/],
		['status bar', /SIMULATED/],
	] as const) {
		if (count(pattern) !== 1) {
			problems.push(`the ${name} shows ${count(pattern)} times`);
		}
	}

	const status = lines.findIndex((line) => line.includes('SIMULATED'));
	if (status !== rows - 1 && status !== rows - 2) {
		problems.push(`the status bar is on line ${status + 1} of ${rows}`);
	}

	if (count(tradeRow) < 3) {
		problems.push('fewer than 3 trade rows');
	}

	const wrapped = session.wrappedRows();
	if (wrapped.length > 0) {
		problems.push(`lines wider than the terminal wrap onto rows ${wrapped.join(', ')}`);
	}

	// A frame of `rows` lines or more scrolls the screen (and makes Ink clear it every time).
	const frameHeight = lastFrameLines(session.raw()).length;
	if (frameHeight > rows - 1) {
		problems.push(`the last frame is ${frameHeight} lines tall for ${rows} rows`);
	}

	return problems;
}

async function expectWholeLayout(session: TerminalSession): Promise<void> {
	await session.waitFor((lines) => expect(layoutProblems(session, lines)).toEqual([]));
}

describe('layout', () => {
	test('stays whole at 100x30 and after resizing to 80x24 and 200x50', async () => {
		const session = startTerminal(['--demo'], {columns: 100, rows: 30});
		await expectWholeLayout(session);
		session.resize(80, 24);
		await expectWholeLayout(session);
		session.resize(200, 50);
		await expectWholeLayout(session);
		// The wide layout shows every tape column, and the ladder beside them.
		expect(
			session.lines().some((line) => /^time +price +volume +notional type +price +qty/.test(line)),
		).toBe(true);
	});

	test('a 20x5 terminal says it is too small, and the layout returns when it grows', async () => {
		const session = startTerminal(['--demo'], {columns: 20, rows: 5});
		const lines = await session.waitForText('too small 20x5');
		expect(lines.slice(0, 3)).toEqual(['too small 20x5', 'need 40x8', 'q quits']);
		expect(session.wrappedRows()).toEqual([]);
		session.resize(100, 30);
		await expectWholeLayout(session);
		session.resize(39, 30);
		await session.waitForText('too small 39x30');
	});

	test('a storm of resizes ends with a whole layout', async () => {
		const session = startTerminal(['--demo'], {columns: 100, rows: 30});
		await expectWholeLayout(session);
		for (let index = 0; index < 30; index++) {
			const columns = 40 + ((index * 37) % 140);
			const rows = 8 + ((index * 11) % 40);
			session.resize(columns, rows);
			// Close together, but far enough apart that the command sees most of them one by one.
			await new Promise((resolve) => setTimeout(resolve, 15));
		}

		session.resize(90, 26);
		await expectWholeLayout(session);
	});

	// Failed at commit 81a7ac0: at the minimum size the app accepts no trade showed at all, as the
	// tabs wrapped and the stats strip took more lines than app.tsx budgeted for.
	test('the smallest accepted terminal, 40x8, still shows the tape', async () => {
		const session = startTerminal(['--demo'], {columns: 40, rows: 8});
		await session.waitForText('SIMULATED');
		await session.waitFor((lines) => {
			expect(lines[0]).toMatch(/^\[1 BTC\/USD /);
			const firstRow = lines.findIndex((line) => tradeRow.test(line));
			expect(firstRow).toBeGreaterThan(0);
			expect(lines[firstRow - 1]).toMatch(/^time +price/);
			expect(lines.findIndex((line) => line.includes('SIMULATED'))).toBeGreaterThanOrEqual(6);
			expect(session.wrappedRows()).toEqual([]);
		}, 4000);
	});

	// Failed at commit 81a7ac0: the grid's height assumed one line of tabs; when they wrapped, the
	// "more pair(s)" note overwrote the last card's rows and bottom border.
	test('the grid keeps its cards whole in a small terminal with many pairs', async () => {
		const session = startTerminal(
			['--demo', 'XBT/USD', 'ETH/USD', 'SOL/USD', 'XRP/USD', 'DOGE/USD'],
			{columns: 60, rows: 12},
		);
		await session.waitForText(/^\d{2}:\d{2}:\d{2}\.\d{3} [BS] /m);
		session.write('g');
		for (const [columns, rows] of [
			[60, 12],
			[40, 12],
			[50, 14],
		] as const) {
			session.resize(columns, rows);
			await session.waitFor((lines) => {
				const count = (glyph: string) => lines.filter((line) => line.includes(glyph)).length;
				expect(count('╭')).toBeGreaterThan(0);
				expect(count('╰')).toBe(count('╭'));
				// The note on pairs left out stands on a line of its own, not over a card.
				for (const note of lines.filter((line) => line.includes('more pair'))) {
					expect(note).not.toMatch(/[│╭╮╰╯─]/);
				}
			}, 4000);
		}
	});
});
