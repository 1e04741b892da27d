import {afterEach, describe, expect, test} from 'vitest';
import {startTerminal, stopTerminals} from '../helpers/terminal.js';

afterEach(stopTerminals);

/** The ladder's spread line, with the pair's decimals: `── spread 0.4 · 0.06 bp ──`. */
const spreadLine = /── spread [\d,.]+ · [\d.]+ bp ─/;
/** A ladder level beside a trade row: price, quantity, total and a depth bar. */
const ladderLevel = /[\d,]+\.\d [\d.]+ [\d.]+ ▇+( \*)?$/;

describe('book', () => {
	test.each(['v2', 'v1'])(
		'on %s a live ladder stands beside the tape from 120 columns, and never fails its check',
		async (api) => {
			const session = startTerminal(['--demo', '--api', api], {columns: 130, rows: 40});
			// v1 sends no trade snapshot: the tape fills as trades come.
			const trade = /^\d\d:\d\d:\d\d\.\d{3} [BS] /;
			const lines = await session.waitFor((screen) => {
				const spread = screen.findIndex((line) => spreadLine.test(line));
				const isTapeBeside = [screen[spread - 1], screen[spread + 1]].every((row) =>
					trade.test(row ?? ''),
				);
				return spread > 0 && isTapeBeside && screen;
			});
			const spread = lines.findIndex((line) => spreadLine.test(line));
			// Asks above the spread and bids below it share their rows with trades on the left.
			for (const row of [lines[spread - 1] ?? '', lines[spread + 1] ?? '']) {
				expect(row).toMatch(ladderLevel);
			}

			const [bestAsk, bestBid] = [lines[spread - 1], lines[spread + 1]].map((row) =>
				Number(/([\d,]+\.\d) [\d.]+ [\d.]+ ▇/.exec(row ?? '')?.[1]?.replaceAll(',', '')),
			);
			expect(bestBid).toBeLessThan(bestAsk ?? 0);
			// Three seconds more of a live book: never stale, never a failed check.
			const start = Date.now();
			await session.waitFor(() => Date.now() - start > 3000);
			const text = session.text();
			expect(text).not.toContain('STALE');
			expect(text).not.toContain('failed check');
			expect(text).toMatch(spreadLine);
			expect(session.wrappedRows()).toEqual([]);
		},
	);

	test('at 80x24 v steps from the tape to the chart, to the ladder, and back', async () => {
		const session = startTerminal(['--demo'], {columns: 80, rows: 24});
		await session.waitForText(/^time +price/m);
		session.write('v');
		await session.waitForText(/^BTC\/USD 1m/m);
		session.write('v');
		const book = await session.waitForText(spreadLine);
		expect(book.join('\n')).not.toMatch(/^time +price/m);
		session.write('v');
		await session.waitForText(/^time +price/m);
	});
});
