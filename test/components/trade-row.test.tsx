import {stripVTControlCharacters} from 'node:util';
import {describe, expect, test, vi} from 'vitest';
import {tapeColumns} from '../../source/components/tape-columns.js';
import {TradeRow} from '../../source/components/trade-row.js';
import type {Trade} from '../../source/model/types.js';
import {localTime, renderScreen, trade} from '../helpers/screen.js';

// Colour on in this file only (each test file runs in its own process): the changed digits are
// marked by underline, which a frame without colour cannot show.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
});

function row(current: Trade, previous: Trade | undefined, isBig = false, width = 100) {
	const screen = renderScreen(
		<TradeRow
			trade={current}
			previous={previous}
			priceDecimals={1}
			volumeDecimals={8}
			isBig={isBig}
			columns={tapeColumns(width)}
		/>,
		{columns: width},
	);
	const raw = screen.rawFrame();
	screen.unmount();
	return raw;
}

/** The row as plain text; the order type's padding survives inside colour codes, so trim it. */
function text(raw: string): string {
	return stripVTControlCharacters(raw).trimEnd();
}

/** The text of every underlined run in an ANSI frame. */
function underlined(raw: string): string[] {
	return [...raw.matchAll(/\u001B\[4m(.*?)\u001B\[24m/g)].map((match) =>
		stripVTControlCharacters(match[1] ?? ''),
	);
}

const before = trade('BTC/USD', 68_409.9, {time: localTime(14, 3, 7, 1)});
const after = trade('BTC/USD', 68_412.3, {side: 'sell', orderType: 'market', volume: 1.5});

describe('trade-row', () => {
	test('shows local time with milliseconds, side letter, price, volume, notional and type', () => {
		expect(text(row(after, before))).toBe(
			'14:03:07.412 S        68,412.3      1.50000000      102,618.45 market',
		);
		expect(text(row(before, undefined))).toBe(
			'14:03:07.001 B        68,409.9      0.50000000       34,204.95 limit',
		);
	});

	test('underlines the digits that changed from the trade before', () => {
		expect(underlined(row(after, before))).toEqual(['12.3']);
	});

	test('underlines nothing when the price repeats', () => {
		expect(underlined(row(after, after))).toEqual([]);
	});

	// With no trade before it the whole price counts as changed, but the padding never does.
	test('underlines the whole price of the oldest row but not its padding', () => {
		expect(underlined(row(before, undefined))).toEqual(['68,409.9']);
	});

	test('a longer price after a shorter one underlines only its digits, not the padding', () => {
		const small = trade('BTC/USD', 9999.5);
		const large = trade('BTC/USD', 10_000.5);
		expect(underlined(row(large, small))).toEqual(['10,000.5']);
	});

	test('colours buys green and sells red', () => {
		expect(row(before, undefined)).toContain('\u001B[32m B');
		expect(row(after, before)).toContain('\u001B[31m S');
	});

	test('a big trade is drawn inverse and ends with *', () => {
		const raw = row(after, before, true);
		expect(raw.startsWith('\u001B[7m')).toBe(true);
		expect(text(raw)).toBe(
			'14:03:07.412 S        68,412.3      1.50000000      102,618.45 market *',
		);
		expect(row(after, before, false)).not.toContain('\u001B[7m');
	});
});
