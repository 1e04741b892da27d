import {afterEach, describe, expect, test} from 'vitest';
import {startTerminal, stopTerminals} from '../helpers/terminal.js';

afterEach(stopTerminals);

/** A tape row; `mark` is what ends it: ↺ for a trade from REST history. */
const tradeRow = /^\d\d:\d\d:\d\d\.\d{3} [BS] +[\d,.]+ +[\d,.]+/;

describe('backfill', () => {
	test('the first screen with trades shows a full tape: the snapshot, and REST history below it, marked', async () => {
		const session = startTerminal(['--demo', 'XBT/USD'], {columns: 100, rows: 120});
		const first = await session.waitFor((screen) => {
			const rows = screen.filter((line) => tradeRow.test(line));
			return rows.length > 0 && rows;
		});
		// 120 rows less the tabs, the strip, the chart (a third), the header, the status bar and the
		// keys: the tape is full from its first frame. v2's snapshot is the newest 50, the feed's,
		// unmarked; what REST alone had is below them, marked.
		expect(first.length).toBeGreaterThanOrEqual(70);
		const marked = first.filter((line) => line.endsWith(' ↺'));
		expect(marked.length).toBeGreaterThan(0);
		expect(first.indexOf(marked[0]!)).toBeGreaterThanOrEqual(45);
	});

	test('on v1, with no snapshot, the history that fills the first screen all came from REST', async () => {
		const session = startTerminal(['--demo', '--api', 'v1', 'XBT/USD'], {columns: 100, rows: 24});
		const first = await session.waitFor((screen) => {
			const rows = screen.filter((line) => tradeRow.test(line));
			return rows.length > 0 && rows;
		});
		// Live trades held while REST answered may come in the same frame, above the history.
		const firstMarked = first.findIndex((line) => line.endsWith(' ↺'));
		expect(firstMarked).toBeGreaterThanOrEqual(0);
		expect(first.length - firstMarked).toBeGreaterThanOrEqual(10);
		expect(first.slice(firstMarked).every((line) => line.endsWith(' ↺'))).toBe(true);
	});

	test('--backfill 0 starts the tape empty, with the feed alone', async () => {
		const session = startTerminal(['--demo', '--backfill', '0', 'XBT/USD'], {
			columns: 100,
			rows: 24,
		});
		const first = await session.waitFor((screen) => {
			const rows = screen.filter((line) => tradeRow.test(line));
			return rows.length > 0 && rows;
		});
		expect(first.some((line) => line.includes('↺'))).toBe(false);
	});

	test("v1's chart, whose feed sends one candle, starts full from REST's candles", async () => {
		const session = startTerminal(['--demo', '--api', 'v1', 'XBT/USD'], {columns: 100, rows: 40});
		const plot = await session.waitFor((screen) => {
			const titleRow = screen.findIndex((line) => /^XBT\/USD 1m {2}O /.test(line));
			if (titleRow < 0) {
				return false;
			}

			// Columns of the plot that hold a candle, over its ten rows.
			const rows = screen.slice(titleRow + 1, titleRow + 11);
			const columns = new Set<number>();
			for (const row of rows) {
				for (const [index, glyph] of [...row].entries()) {
					if ('│█▓'.includes(glyph)) {
						columns.add(index);
					}
				}
			}

			// The title is drawn with the first candle: wait for a plot, then see how full it is.
			return columns.size > 0 && columns.size;
		});
		expect(plot).toBeGreaterThan(60);
	});
});
