import {describe, expect, test} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {BookPublisher} from '../../source/simulator/book-publisher.js';
import type {Market, MarketMove} from '../../source/simulator/channel.js';
import {bookChannel} from '../../source/simulator/channel-book.js';
import type {ListedPair} from '../../source/simulator/pair-catalog.js';
import {PairHistory} from '../../source/simulator/pair-history.js';
import {SimulatedBook, type BookSideName} from '../../source/simulator/simulated-book.js';
import {BookChecker, checksumOf, type TextLevel} from '../helpers/book-checker.js';
import {listedPair} from '../helpers/simulator.js';

// The book channel's frames, text for text, from a book laid out by hand: v2's bare numbers keep
// their trailing zeros, v1 pads prices as the catalog says, a level entering the window is marked
// "r" on v1, both sides changing makes two maps, and every checksum is that of the text sent.

const bitcoin = listedPair('BTC/USD');
const doge = listedPair('DOGE/USD');
/** 2023-11-14T22:13:20Z, in microseconds. */
const start = 1_700_000_000_000_000;

/** Best first; the last two are beyond a depth-10 window. */
const asks: TextLevel[] = [
	['68000.1', '0.10000000'],
	['68000.2', '0.25000000'],
	['68000.4', '1.00000000'],
	['68000.5', '0.00005100'],
	['68001.0', '2.00000000'],
	['68001.2', '0.12345678'],
	['68001.3', '0.50000000'],
	['68001.7', '0.01000000'],
	['68002.0', '3.00000000'],
	['68002.5', '0.20000000'],
	['68003.0', '0.70000000'],
	['68004.0', '0.80000000'],
];
const bids: TextLevel[] = [
	['68000.0', '0.10000000'],
	['67999.9', '0.30000000'],
	['67999.5', '1.20000000'],
	['67999.0', '0.05000000'],
	['67998.8', '0.40000000'],
	['67998.0', '2.50000000'],
	['67997.5', '0.00100000'],
	['67997.0', '0.60000000'],
	['67996.6', '0.90000000'],
	['67996.0', '1.10000000'],
	['67995.0', '0.33000000'],
	['67994.0', '0.44000000'],
];

const ticks = (pair: ListedPair, price: string) =>
	Math.round(Number(price) * 10 ** pair.priceDecimals);
const lots = (quantity: string) => Math.round(Number(quantity) * 1e8);

/** A book of `pair` with these levels, the nth of a side placed `n` microseconds after start. */
function bookOf(pair: ListedPair, sides: Record<BookSideName, readonly TextLevel[]>) {
	const book = new SimulatedBook(pair);
	for (const side of ['ask', 'bid'] as const) {
		for (const [index, [price, quantity]] of sides[side].entries()) {
			book.set(side, ticks(pair, price), lots(quantity), start + index);
		}
	}

	const publisher = new BookPublisher(book);
	const market: Market = {
		recentTrades: () => [],
		history: () => new PairHistory(pair),
		book: () => publisher,
		now: () => start / 1000,
	};
	const subscription = (depth: number) => ({
		channel: 'book',
		pair,
		parameters: {depth, snapshot: true},
		channelId: 600,
	});
	return {
		book,
		snapshot: (api: ApiVersion, depth = 10) =>
			bookChannel.snapshot(api, market, subscription(depth)),
		/** Changes the book, publishes the move and returns what each depth is sent of it. */
		move(change: (book: SimulatedBook) => void) {
			change(book);
			const move: MarketMove = {trades: [], book: publisher.publish()};
			return (api: ApiVersion, depth = 10) =>
				bookChannel.update(api, market, subscription(depth), move);
		},
	};
}

const v2Levels = (levels: readonly TextLevel[]) =>
	levels.map(([price, quantity]) => `{"price":${price},"qty":${quantity}}`).join(',');

/** v1 writes BTC/USD prices with five decimals: the pair's one and four zeros. */
const v1Price = (price: string) => `${price}0000`;
const v1Levels = (levels: readonly TextLevel[]) =>
	levels
		.map(
			([price, quantity], index) =>
				`["${v1Price(price)}","${quantity}","1700000000.${String(index).padStart(6, '0')}"]`,
		)
		.join(',');

/** A checker fed the snapshot and then `frames`, with the depth it subscribed. */
function checked(api: ApiVersion, depth: number, frames: readonly string[]) {
	const checker = new BookChecker(api, () => depth);
	for (const frame of frames) {
		expect(checker.feed(frame), frame).toBeDefined();
	}

	expect(checker.failures).toEqual([]);
	return checker;
}

describe('book snapshots', () => {
	test('v2: the depth of each side as bare numbers with trailing zeros, and the checksum', () => {
		const {snapshot} = bookOf(bitcoin, {ask: asks, bid: bids});
		const checksum = checksumOf({asks: asks.slice(0, 10), bids: bids.slice(0, 10)});
		expect(snapshot('v2')).toEqual([
			`{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[${v2Levels(bids.slice(0, 10))}],"asks":[${v2Levels(asks.slice(0, 10))}],"checksum":${checksum},"timestamp":"2023-11-14T22:13:20.000011Z"}]}`,
		]);
		// Kraken's own pair of levels in the docs' shape: 62803.7 and 0.10000000 keep every digit.
		expect(snapshot('v2')[0]).toContain('{"price":68000.0,"qty":0.10000000}');
		expect(snapshot('v2', 25)[0]).toContain(v2Levels(asks));
	});

	test('v1: prices padded to five decimals, level times, no checksum', () => {
		const {snapshot} = bookOf(bitcoin, {ask: asks, bid: bids});
		expect(snapshot('v1')).toEqual([
			`[600,{"as":[${v1Levels(asks.slice(0, 10))}],"bs":[${v1Levels(bids.slice(0, 10))}]},"book-10","XBT/USD"]`,
		]);
		expect(snapshot('v1')[0]).toContain('["68000.10000","0.10000000","1700000000.000000"]');
		expect(snapshot('v1', 100)[0]).toMatch(/,"book-100","XBT\/USD"\]$/);
	});

	test('DOGE/USD: seven decimals on v2, nine on v1, as Kraken writes XDG/USD', () => {
		const {snapshot} = bookOf(doge, {
			ask: [
				['0.1500000', '4000.00000000'],
				['0.1500100', '125000.00000000'],
			],
			bid: [['0.1499990', '0.50000000']],
		});
		expect(snapshot('v2')[0]).toContain(
			'"bids":[{"price":0.1499990,"qty":0.50000000}],"asks":[{"price":0.1500000,"qty":4000.00000000},{"price":0.1500100,"qty":125000.00000000}]',
		);
		expect(snapshot('v1')[0]).toBe(
			'[600,{"as":[["0.150000000","4000.00000000","1700000000.000000"],["0.150010000","125000.00000000","1700000000.000001"]],"bs":[["0.149999000","0.50000000","1700000000.000000"]]},"book-10","XDG/USD"]',
		);
		// A short book (fewer than ten levels) is checked as it is, on both.
		checked('v2', 10, snapshot('v2'));
	});
});

describe('book updates', () => {
	test('a deleted best ask brings the eleventh in: v1 marks it "r" with its own older time', () => {
		const {snapshot, move} = bookOf(bitcoin, {ask: asks, bid: bids});
		const sent = move((book) => book.set('ask', 680_001, 0, start + 100));
		const checksumV1 = checksumOf({
			asks: asks.slice(1, 11).map(([price, quantity]) => [v1Price(price), quantity]),
			bids: bids.slice(0, 10).map(([price, quantity]) => [v1Price(price), quantity]),
		});
		expect(sent('v1')).toEqual([
			`[600,{"a":[["68000.10000","0.00000000","1700000000.000100"],["68003.00000","0.70000000","1700000000.000010","r"]],"c":"${checksumV1}"},"book-10","XBT/USD"]`,
		]);
		const checksumV2 = checksumOf({asks: asks.slice(1, 11), bids: bids.slice(0, 10)});
		expect(sent('v2')).toEqual([
			`{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[{"price":68000.1,"qty":0.00000000},{"price":68003.0,"qty":0.70000000}],"checksum":${checksumV2},"timestamp":"2023-11-14T22:13:20.000100Z"}]}`,
		]);
		// The same book, two texts, two checksums: each API's is of its own text.
		expect(checksumV1).not.toBe(checksumV2);
		checked('v1', 10, [...snapshot('v1'), ...sent('v1')]);
		checked('v2', 10, [...snapshot('v2'), ...sent('v2')]);
	});

	test('both sides changed: v1 sends two maps, the checksum in the last', () => {
		const {snapshot, move} = bookOf(bitcoin, {ask: asks, bid: bids});
		const sent = move((book) => {
			book.set('bid', 680_000, lots('0.20000000'), start + 200);
			book.set('ask', 680_002, lots('0.30000000'), start + 201);
		});
		const [frame] = sent('v1');
		expect(frame).toMatch(
			/^\[600,\{"a":\[\["68000\.20000","0\.30000000","1700000000\.000201"\]\]\},\{"b":\[\["68000\.00000","0\.20000000","1700000000\.000200"\]\],"c":"\d+"\},"book-10","XBT\/USD"\]$/,
		);
		expect(sent('v2')[0]).toContain(
			'"bids":[{"price":68000.0,"qty":0.20000000}],"asks":[{"price":68000.2,"qty":0.30000000}]',
		);
		expect(checked('v1', 10, [...snapshot('v1'), frame!]).messages[1]?.maps).toBe(2);
		checked('v2', 10, [...snapshot('v2'), ...sent('v2')]);
	});

	test('a change beyond the window is sent only to deeper subscribers', () => {
		const {snapshot, move} = bookOf(bitcoin, {ask: asks, bid: bids});
		const sent = move((book) => book.set('bid', 679_950, lots('0.01000000'), start + 300));
		for (const api of ['v1', 'v2'] as const) {
			expect(sent(api, 10)).toEqual([]);
			expect(sent(api, 25)).toHaveLength(1);
			checked(api, 25, [...snapshot(api, 25), ...sent(api, 25)]);
		}
	});

	test('a level placed inside the window pushes the last out without a word about it', () => {
		const {snapshot, move} = bookOf(bitcoin, {ask: asks, bid: bids});
		const sent = move((book) => book.set('ask', 680_003, lots('0.05000000'), start + 400));
		expect(sent('v2')[0]).toContain(
			'"bids":[],"asks":[{"price":68000.3,"qty":0.05000000}],"checksum"',
		);
		// 68002.5 left the depth-10 window: the subscriber cuts its book, as Kraken's must.
		const checker = checked('v2', 10, [...snapshot('v2'), ...sent('v2')]);
		expect(checker.book('BTC/USD').asks.at(-1)).toEqual(['68002.0', '3.00000000']);
		checked('v1', 10, [...snapshot('v1'), ...sent('v1')]);
	});

	test('a level taken and placed again in one move is sent twice: deleted, then placed', () => {
		const {snapshot, move} = bookOf(bitcoin, {ask: asks, bid: bids});
		const sent = move((book) => {
			book.set('ask', 680_001, 0, start + 500);
			book.set('ask', 680_001, lots('0.40000000'), start + 501);
		});
		expect(sent('v2')[0]).toContain(
			'"asks":[{"price":68000.1,"qty":0.00000000},{"price":68000.1,"qty":0.40000000}]',
		);
		expect(sent('v1')[0]).toContain(
			'"a":[["68000.10000","0.00000000","1700000000.000501"],["68000.10000","0.40000000","1700000000.000501"]]',
		);
		checked('v1', 10, [...snapshot('v1'), ...sent('v1')]);
		checked('v2', 10, [...snapshot('v2'), ...sent('v2')]);
	});

	test('a move that changed nothing sends nothing', () => {
		const {move} = bookOf(bitcoin, {ask: asks, bid: bids});
		const sent = move(() => undefined);
		expect(sent('v1', 1000)).toEqual([]);
		expect(sent('v2', 1000)).toEqual([]);
	});
});
