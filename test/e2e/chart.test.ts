import {afterEach, describe, expect, test} from 'vitest';
import {startTerminal, stopTerminals} from '../helpers/terminal.js';

afterEach(stopTerminals);

/** The chart's title row (patterns carry `m`: waitForText reads the screen as one string). */
const title = (interval: string) => new RegExp(`^BTC/USD ${interval} {2}O [\\d,.]+ {2}H `, 'm');
/** A plot row: candle glyphs, then maybe a price label at the right edge. */
const plotRow = /[│█▓]/;

describe('chart', () => {
	test('a tall terminal shows the 24-hour change, the 24-hour strip and a live candle chart', async () => {
		const session = startTerminal(['--demo'], {columns: 100, rows: 40});
		// The chart's history from REST can come before the tape's: both are on screen at once.
		const lines = await session.waitFor(
			(screen) =>
				title('1m').test(screen.join('\n')) && /^time +price/.test(screen[14] ?? '') && screen,
		);
		expect(lines[0]).toMatch(
			/^\[1 BTC\/USD [\d,]+\.\d [▲▼=] [+-]?\d+\.\d\d%\] +2 XRP\/USD [\d.]+ [▲▼=] [+-]?\d+\.\d\d%/,
		);
		const strip = `${lines[1]}\n${lines[2]}`;
		for (const figure of ['24h ', 'high ', 'low ', 'vol ', 'vwap ', 'bid ', 'ask ', 'spread ']) {
			expect(strip).toContain(figure);
		}

		// A third of the 35-row pane: the title and ten rows of plot, the tape below.
		const titleRow = lines.findIndex((line) => title('1m').test(line));
		expect(titleRow).toBe(3);
		expect(lines.slice(4, 14).filter((line) => plotRow.test(line)).length).toBeGreaterThan(5);
		expect(lines[14]).toMatch(/^time +price/);
		// The chart's close is the tape's newest trade: they come from the same trades.
		const close = await session.waitFor((screen) => {
			const shown = /C ([\d,.]+) /.exec(screen[3] ?? '')?.[1];
			const newest = /^\d\d:\d\d:\d\d\.\d{3} [BS] +([\d,.]+) /.exec(screen[15] ?? '')?.[1];
			return shown !== undefined && shown === newest && shown;
		});
		expect(close).toMatch(/^[\d,]+\.\d$/);
	});

	test('i steps the candle interval live and I steps it back', async () => {
		const session = startTerminal(['--demo'], {columns: 100, rows: 40});
		await session.waitForText(title('1m'));
		session.write('i');
		await session.waitForText(title('5m'));
		session.write('I');
		await session.waitForText(title('1m'));
	});

	test('at 80x24 the tape keeps the screen and v swaps the chart in, on v1 too', async () => {
		const session = startTerminal(['--demo', '--api', 'v1'], {columns: 80, rows: 24});
		const tape = await session.waitForText(/^time +price/m);
		expect(tape.join('\n')).not.toMatch(/^XBT\/USD 1m/m);
		expect(tape[0]).toMatch(/^\[1 XBT\/USD [\d,]+\.\d [▲▼=] [+-]?\d+\.\d\d%\]/);
		session.write('v');
		const chart = await session.waitForText(/^XBT\/USD 1m/m);
		expect(chart.join('\n')).not.toMatch(/^time +price/m);
		expect(chart.filter((line) => plotRow.test(line)).length).toBeGreaterThan(0);
		expect(session.wrappedRows()).toEqual([]);
	});
});
