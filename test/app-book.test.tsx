import {describe, expect, test} from 'vitest';
import type {TapeStore} from '../source/model/tape-store.js';
import type {BookLevel} from '../source/model/types.js';
import {appShownPerTest, lines, seriesStore, tradeRows} from './helpers/screen.js';

const show = appShownPerTest();

/** The usual three pairs with trades and the book asked for; BTC/USD's book has come. */
function bookStore(): TapeStore {
	const store = seriesStore();
	for (const pair of store.pairs) {
		store.setChannelState(pair, 'trade', 'subscribed');
		store.setChannelState(pair, 'book', 'subscribed');
	}

	const asks = Array.from({length: 20}, (_, index): BookLevel => [160.5 + index, 1 + index / 10]);
	const bids = Array.from({length: 20}, (_, index): BookLevel => [159.5 - index, 2 - index / 20]);
	store.setBook({pair: 'BTC/USD', asks, bids, checksum: 7, time: 0, depth: 25}, 0);
	return store;
}

describe('app book', () => {
	test('from 120 columns the ladder stands beside the tape', async () => {
		const app = show({store: bookStore(), columns: 120, rows: 30});
		const frame = await app.waitFor((frame) => expect(frame).toContain('spread 1.0'));
		const rows = lines(frame);
		// Tabs, two lines of stats, then the tape on the left and the ladder on the right.
		expect(rows[3]).toMatch(/^time +price +volume +notional type +price +qty +total$/);
		const spreadRow = rows.findIndex((row) => row.includes('spread 1.0'));
		expect(rows[spreadRow - 1]).toMatch(/\d{2}:\d{2}:\d{2}\.\d{3} .* 160\.5 /);
		expect(rows[spreadRow + 1]).toMatch(/\d{2}:\d{2}:\d{2}\.\d{3} .* 159\.5 /);
		expect(tradeRows(frame).length).toBeGreaterThan(20);
		for (const row of rows) {
			expect(row.length).toBeLessThanOrEqual(120);
		}
	});

	test('at 80x24 the tape keeps the pane; v shows the book in its place, then the tape again', async () => {
		const app = show({store: bookStore()});
		const tape = await app.waitFor((frame) => expect(tradeRows(frame).length).toBe(18));
		expect(tape).not.toContain('spread');
		await app.press('v');
		const book = await app.waitFor((frame) => expect(frame).toContain('spread 1.0'));
		expect(tradeRows(book)).toHaveLength(0);
		expect(lines(book)[3]).toMatch(/^ +price +qty +total$/);
		await app.press('v');
		await app.waitFor((frame) => expect(tradeRows(frame)).toHaveLength(18));
	});

	test('the strip weighs the book beside the trades, and a stale book says so everywhere', async () => {
		const store = bookStore();
		const app = show({store, columns: 120, rows: 30});
		const frame = await app.waitFor((frame) => expect(frame).toContain('spread 1.0'));
		// The best ten bids weigh 17.75 (2 down by 0.05), the best ten asks 14.5 (1 up by 0.1).
		expect(frame).toContain('book ██████░░░░ 55% bid');
		store.setBookHealth({
			pair: 'BTC/USD',
			state: 'stale',
			failures: 1,
			resyncs: 1,
			reason: 'checksum 7 from the exchange, 8 here',
		});
		const stale = await app.waitFor((frame) => expect(frame).toContain('book STALE'));
		expect(stale).not.toContain('spread 1.0');
		expect(stale).not.toContain('% bid');
		expect(lines(stale).at(-1)).toMatch(/BOOK STALE BTC\/USD .*book: 1 failed check, 1 resync/);
	});

	test("grid cards show each pair's best bid and ask", async () => {
		const app = show({store: bookStore(), columns: 120, rows: 30});
		await app.waitFor((frame) => expect(frame).toContain('spread'));
		await app.press('g');
		const grid = await app.waitFor((frame) => expect(frame).toContain('╭'));
		expect(grid).toMatch(/│1 BTC\/USD +159\.5 \/ 160\.5│/);
	});
});
