import {describe, expect, test} from 'vitest';
import {BookLadder} from '../../source/components/book-ladder.js';
import {asciiGlyphs} from '../../source/model/glyphs.js';
import type {TapeStore} from '../../source/model/tape-store.js';
import {colourlessTheme} from '../../source/model/theme.js';
import type {BookLevel, BookTop} from '../../source/model/types.js';
import {createStore, renderFrame, tapeOf, trade} from '../helpers/screen.js';

const at = 1_000_000;

function book(asks: readonly BookLevel[], bids: readonly BookLevel[]): BookTop {
	return {pair: 'BTC/USD', asks, bids, checksum: 1, time: at, depth: 10};
}

/** BTC/USD at one decimal (from a trade), its book asked for, and `top` as its book. */
function storeWith(top?: BookTop): TapeStore {
	const store = createStore(['BTC/USD'], [trade('BTC/USD', 100.5)]);
	store.setChannelState('BTC/USD', 'book', 'subscribed');
	if (top) {
		store.setBook(top, at);
	}

	return store;
}

const asks: BookLevel[] = [
	[100.6, 1],
	[100.7, 0.5],
	[101, 2.5],
];
const bids: BookLevel[] = [
	[100.5, 2],
	[100.4, 0.25],
	[99, 4],
];

function ladder(store: TapeStore, width: number, height: number, now = at + 5000, big?: number) {
	return renderFrame(
		<BookLadder tape={tapeOf(store, 'BTC/USD')} width={width} height={height} now={now} />,
		width,
		{glyphs: asciiGlyphs, theme: colourlessTheme, bigNotional: big},
	).split('\n');
}

describe('book-ladder', () => {
	test('asks above with the best by the spread, bids below, totals and depth bars on one scale', () => {
		// Quantities at the lot's eight decimals, as they fit ten characters; 6.25 is the deepest
		// total of either side, the full bar.
		expect(ladder(storeWith(book(asks, bids)), 40, 8)).toEqual([
			'  price        qty      total',
			'  101.0 2.50000000 4.00000000 #####',
			'  100.7 0.50000000 1.50000000 ##',
			'  100.6 1.00000000 1.00000000 #',
			'-- spread 0.1 - 9.95 bp ----------------',
			'  100.5 2.00000000 2.00000000 ###',
			'  100.4 0.25000000 2.25000000 ###',
			'   99.0 4.00000000 6.25000000 ########',
		]);
	});

	test('shows as many levels as the height holds, the best ones', () => {
		const rows = ladder(storeWith(book(asks, bids)), 40, 4);
		expect(rows).toHaveLength(4);
		expect(rows[1]).toMatch(/^ {2}100\.6 /);
		expect(rows[2]).toMatch(/^-- spread/);
		expect(rows[3]).toMatch(/^ {2}100\.5 /);
	});

	test('marks a level that just changed, for a moment', () => {
		const store = storeWith(book(asks, bids));
		store.setBook(book([[100.6, 3], ...asks.slice(1)], bids), at + 100);
		const marked = ladder(store, 40, 8, at + 500);
		expect(marked.filter((row) => row.startsWith('+'))).toEqual([
			expect.stringMatching(/^\+ 100\.6 3\.00000000 /),
		]);
		expect(ladder(store, 40, 8, at + 2000).some((row) => row.startsWith('+'))).toBe(false);
	});

	test('a level worth a big trade is starred', () => {
		// 101 x 2.5 is 252.5 and 99 x 4 is 396; 100.5 x 2 is 201.
		const rows = ladder(storeWith(book(asks, bids)), 40, 8, at, 250);
		expect(rows.filter((row) => row.endsWith(' *'))).toEqual([
			expect.stringMatching(/^ {2}101\.0 /),
			expect.stringMatching(/^ {3}99\.0 /),
		]);
	});

	test('says it waits, says why a refused or stale book is not shown, and never shows a stale one', () => {
		expect(ladder(storeWith(), 40, 8)).toEqual(['waiting for the BTC/USD book']);
		const stale = storeWith(book(asks, bids));
		stale.setBookHealth({
			pair: 'BTC/USD',
			state: 'stale',
			failures: 1,
			resyncs: 1,
			reason: 'checksum 1 from the exchange, 2 here',
		});
		expect(ladder(stale, 60, 8)).toEqual([
			'book STALE: checksum 1 from the exchange, 2 here',
			'rebuilding it from a new snapshot',
		]);
		const refused = storeWith();
		refused.setChannelState('BTC/USD', 'book', 'error', 'Subscription depth not supported');
		expect(ladder(refused, 60, 8)).toEqual(['book: Subscription depth not supported']);
	});

	test('never runs past its width', () => {
		const deep = book(
			Array.from({length: 30}, (_, index): BookLevel => [100.6 + index, 12_345.678_9]),
			Array.from({length: 30}, (_, index): BookLevel => [100.5 - index, 0.000_01]),
		);
		for (const width of [20, 30, 46]) {
			for (const row of ladder(storeWith(deep), width, 30)) {
				expect(row.length).toBeLessThanOrEqual(width);
			}
		}
	});
});
