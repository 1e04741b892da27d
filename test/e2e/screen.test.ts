import {afterEach, describe, expect, test} from 'vitest';
import {sequences, startTerminal, stopTerminals} from '../helpers/terminal.js';
import {keys} from '../helpers/keys.js';

afterEach(stopTerminals);

/** A trade row: local time with milliseconds, side letter, then the price. */
const tradeRow = /^\d{2}:\d{2}:\d{2}\.\d{3} [BS] +([\d,]+(?:\.\d+)?) /;

function tradeRows(lines: readonly string[]): string[] {
	return lines.filter((line) => tradeRow.test(line));
}

/**
 * Rows without the big-trade mark: "big" is measured against the pair's running average, which
 * moves with every trade, paused or not.
 */
function frozenParts(rows: readonly string[]): string[] {
	return rows.map((row) => row.replace(/ \*$/, ''));
}

function rowPrices(lines: readonly string[]): number[] {
	return tradeRows(lines).map((line) => Number(tradeRow.exec(line)?.[1]?.replaceAll(',', '')));
}

/** The focused tab's number and pair, from the brackets around it. */
function focusedTab(tabLine: string): string | undefined {
	return /\[(\d+ \S+)/.exec(tabLine)?.[1];
}

function pausedCount(lines: readonly string[]): number | undefined {
	const match = /PAUSED \+(\d+)/.exec(lines.join('\n'));
	return match ? Number(match[1]) : undefined;
}

describe('screen', () => {
	test('tabs and trades appear', async () => {
		const session = startTerminal(['--demo']);
		const lines = await session.waitFor((screen) => tradeRows(screen).length >= 5 && screen);
		expect(lines[0]).toMatch(
			/^\[1 BTC\/USD [\d,]+\.\d [▲▼=]( [+-]?\d+\.\d\d%)?\] +2 XRP\/USD [\d.]+ [▲▼=]/,
		);
		expect(lines.join('\n')).toContain('SIMULATED');
		const prices = rowPrices(lines);
		expect(prices.every((price) => price > 1000)).toBe(true);
		// Newest on top: times never go up as the rows go down.
		const times = tradeRows(lines).map((line) => line.slice(0, 12));
		expect(times).toEqual(times.toSorted().reverse());
	});

	test('right switches the focused pair', async () => {
		const session = startTerminal(['--demo']);
		const before = await session.waitFor((screen) => tradeRows(screen).length >= 3 && screen);
		expect(focusedTab(before[0] ?? '')).toBe('1 BTC/USD');
		session.write(keys.right);
		const lines = await session.waitFor(
			(screen) => focusedTab(screen[0] ?? '') === '2 XRP/USD' && screen,
		);
		expect(lines[0]).toMatch(/^ 1 BTC\/USD .* \[2 XRP\/USD /);
		// XRP trades near 0.5, BTC's near 70,000.
		await session.waitFor((screen) => {
			const prices = rowPrices(screen);
			expect(prices.length).toBeGreaterThan(2);
			expect(prices.every((price) => price < 10)).toBe(true);
		});
		session.write(keys.shiftTab);
		await session.waitFor((screen) => focusedTab(screen[0] ?? '') === '1 BTC/USD');
	});

	test('space pauses the tape while counting arrivals, and space resumes', async () => {
		// One pair, so every arrival counted is one the focused tape has to show on resuming.
		const session = startTerminal(['--demo', 'XBT/USD']);
		await session.waitFor((screen) => tradeRows(screen).length >= 5);
		session.write(keys.space);
		const first = await session.waitFor((screen) => {
			const count = pausedCount(screen);
			return count !== undefined && {count, rows: tradeRows(screen)};
		});
		// Enough arrivals that the unpaused tape would have moved.
		const later = await session.waitFor((screen) => {
			const count = pausedCount(screen);
			return count !== undefined && count >= first.count + 5 && {count, rows: tradeRows(screen)};
		});
		expect(frozenParts(later.rows)).toEqual(frozenParts(first.rows));
		session.write(keys.space);
		const resumed = await session.waitFor(
			(screen) => pausedCount(screen) === undefined && tradeRows(screen),
		);
		expect(frozenParts(resumed)).not.toEqual(frozenParts(first.rows));
	});

	test('g shows every pair in a grid of boxes, and g again the tape', async () => {
		const session = startTerminal(['--demo', 'XBT/USD', 'ETH/USD', 'SOL/USD'], {
			columns: 120,
			rows: 32,
		});
		await session.waitFor((screen) => tradeRows(screen).length >= 3);
		session.write('g');
		const lines = await session.waitFor((screen) => {
			const top = screen.find((line) => line.includes('╭'));
			expect(top?.match(/╭/g)).toHaveLength(3);
			return screen;
		});
		const titles = lines.find((line) => line.includes('1 BTC/USD') && line.startsWith('│'));
		// A card's title carries its best bid and ask once the book has them.
		const quote = String.raw`(?: +[\d,.]+ \/ [\d,.]+)?`;
		expect(titles).toMatch(
			new RegExp(
				String.raw`│1 BTC\/USD +${quote}│ *│2 ETH\/USD +${quote}│ *│3 SOL\/USD +${quote}│`,
			),
		);
		expect(lines.filter((line) => line.includes('╰'))).toHaveLength(1);
		// Each card has its own rows, without the tape header.
		expect(lines.some((line) => /│\d{2}:\d{2}:\d{2}\.\d{3} [BS] /.test(line))).toBe(true);
		session.write('g');
		await session.waitFor(
			(screen) => !screen.join('').includes('╭') && /^time +price/m.test(screen.join('\n')),
		);
	});

	// Cards under 56 columns share the width between price and volume: a 12-character volume
	// such as 148.49139774 must still leave a gap after the price.
	test('grid cards keep a gap between price and volume', async () => {
		const session = startTerminal(['--demo', 'XBT/USD', 'ETH/USD', 'XRP/USD'], {
			columns: 120,
			rows: 32,
		});
		session.write('g');
		const cardRows = new Set<string>();
		// Collect rows over a few redraws: XRP volumes of 100-999 are common but not constant.
		await session.waitFor((screen) => {
			// Only the cards' rows: the tape drawn before g lands has the ladder beside it.
			for (const line of screen.filter((row) => row.startsWith('│'))) {
				for (const cell of line.split('│')) {
					if (/^\d{2}:\d{2}:\d{2}\.\d{3} [BS] /.test(cell)) {
						cardRows.add(cell);
					}
				}
			}

			return cardRows.size >= 60;
		}, 30_000);
		// Wide cards also show notional and order type; a big trade ends with its " *" mark.
		const glued = [...cardRows].filter(
			(cell) => !/^\S+ [BS] +[\d,.]+ +[\d,.]+( +[\d,.]+)?( (market|limit) *)?( \*)? *$/.test(cell),
		);
		expect(glued).toEqual([]);
	});

	test('--ascii draws the tabs with ASCII only', async () => {
		const session = startTerminal(['--demo', '--ascii']);
		const lines = await session.waitFor(
			(screen) =>
				/\d [\^v=] [+-]?\d+\.\d\d%\] +2 XRP\/USD [\d.]+ [\^v=]/.test(screen[0] ?? '') && screen,
		);
		expect(lines[0]).toMatch(/^[\u0020-\u007E]+$/);
		// The status bar's end (its separator and host) shows once nothing longer is ahead of it
		// (the start's history being filled from REST is said first).
		await session.waitForText(/\| v2 127\.0\.0\.1:\d+/);
	});

	test('--ascii draws the whole screen, key hints and help included, with ASCII only', async () => {
		const session = startTerminal(['--demo', '--ascii']);
		const tape = await session.waitFor((screen) => tradeRows(screen).length >= 3 && screen);
		session.write('?');
		const help = await session.waitFor((screen) => screen.join('\n').includes('keys') && screen);
		const nonAscii = [...tape, ...help].join('\n').match(/[^\u0000-\u007F]/gu) ?? [];
		expect([...new Set(nonAscii)]).toEqual([]);
	});

	test('a refused subscription shows on screen', async () => {
		const session = startTerminal(['--demo', 'XBT/USD', 'NOPE/USD']);
		const lines = await session.waitForText('refused: NOPE/USD');
		expect(lines[0]).toMatch(/ 2 NOPE\/USD !( |$)/);
		session.write('2');
		await session.waitForText('NOPE/USD: Currency pair not supported NOPE/USD');
	});

	test("a refused pair's message goes with it when it is removed, and names the simulator", async () => {
		const session = startTerminal(['--demo', 'XBT/USD', 'NOPE/USD'], {columns: 140});
		await session.waitForText('refused: NOPE/USD');
		session.write('2');
		await session.waitForText('NOPE/USD: Currency pair not supported NOPE/USD');
		session.write('x');
		await session.waitFor((screen) => !screen[0]?.includes('NOPE'));
		// Long enough for any reply to the removal to have come and been drawn.
		await session.waitForText(/\d{2}:\d{2}:\d{2}\.\d{3} [BS] /);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const text = session.text();
		expect(text).not.toContain('not supported');
		expect(text).not.toContain('NOPE');
		expect(text).not.toContain('Kraken:');
	});

	test('with every pair removed it says how to add one, offers only keys that work, and never goes stale', async () => {
		const session = startTerminal(['--demo', 'XBT/USD'], {columns: 100, rows: 20});
		await session.waitForText(/\d{2}:\d{2}:\d{2}\.\d{3} [BS] /);
		session.write('x');
		const lines = await session.waitForText('no pairs: press a to add one');
		expect(lines.at(-2)).toBe('q quit  ? help  a add  r reconnect');
		// Kraken sends no heartbeats without a subscription: that is not a stale feed.
		await new Promise((resolve) => setTimeout(resolve, 12_000));
		const later = session.text();
		expect(later).not.toMatch(/STALE|reconnecting|subscribing/);
		expect(later).toContain('connected, no pairs');
		session.write('a');
		session.write('eth/usd');
		session.write(keys.enter);
		await session.waitForText(/\[1 ETH\/USD [\d,]+\.\d+ [▲▼=]( [+-]?\d+\.\d\d%)?\]/);
	}, 40_000);

	test('a adds a pair that gets trades', async () => {
		const session = startTerminal(['--demo']);
		await session.waitFor((screen) => tradeRows(screen).length >= 3);
		session.write('a');
		await session.waitForText('add pair:');
		session.write('ETH/EUR');
		await session.waitForText('add pair: ETH/EUR');
		session.write(keys.enter);
		await session.waitFor((screen) => {
			expect(screen[0]).toMatch(/\[3 ETH\/EUR [\d,]+\.\d+ [▲▼=]( [+-]?\d+\.\d\d%)?\]/);
			// ETH trades in the thousands of euros: neither BTC's nor XRP's prices.
			const prices = rowPrices(screen);
			expect(prices.length).toBeGreaterThan(2);
			expect(prices.every((price) => price > 100 && price < 20_000)).toBe(true);
			expect(screen.join('\n')).not.toContain('add pair:');
		});
	});

	test('an alert shows a banner and rings the bell', async () => {
		const session = startTerminal(['--demo', '--alert', 'XBT/USD>=1']);
		const lines = await session.waitForText(/ALERT BTC\/USD>=1 at [\d,]+\.\d/);
		expect(lines[0]).toMatch(/1 BTC\/USD 🔔/);
		// Once: every trade meets the rule, so it never re-arms.
		const bells = () => session.raw().split(sequences.bell).length - 1;
		expect(bells()).toBe(1);
		session.write('d');
		await session.waitFor((screen) => !screen.join('\n').includes('ALERT'));
		expect(bells()).toBe(1);
	});
});

describe('screen without colour', () => {
	/** SGR parameter lists in the raw output. */
	const sgrParameters = (raw: string) =>
		[...raw.matchAll(/\u001B\[([\d;]*)m/g)].flatMap((match) => (match[1] ?? '').split(';'));
	const isColour = (parameter: string) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(parameter);

	test.each([
		['--no-color', ['--demo', '--no-color'], {}],
		['NO_COLOR=1', ['--demo'], {NO_COLOR: '1'}],
	])(
		'%s drops the colours but keeps bold, underline and inverse',
		async (_name, arguments_, env) => {
			const session = startTerminal(arguments_, {env: {...env, FORCE_COLOR: undefined}});
			// Enough trades that some prices changed digits (underlined) and a status bar was drawn.
			await session.waitFor((screen) => tradeRows(screen).length >= 12);
			const parameters = sgrParameters(session.raw());
			expect(parameters.filter((parameter) => isColour(parameter))).toEqual([]);
			expect(parameters).toContain('4');
			expect(parameters).toContain('7');
			expect(parameters).toContain('1');
		},
	);

	test('with colour, buys and sells are coloured', async () => {
		const session = startTerminal(['--demo'], {env: {FORCE_COLOR: undefined, NO_COLOR: undefined}});
		await session.waitFor((screen) => tradeRows(screen).length >= 12);
		expect(sgrParameters(session.raw()).filter((parameter) => isColour(parameter))).not.toEqual([]);
	});
});
