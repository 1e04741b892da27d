import {describe, expect, test} from 'vitest';
import type {WireLevel} from '../../source/kraken/book/checksum.js';
import {OrderBook} from '../../source/kraken/book/order-book.js';
import {seededRandom} from '../../source/simulator/random.js';
import {docsBook, v1BookFrames, v2BookFrames} from '../fixtures/book-frames.js';

// A pair's book as the exchange wrote it (docs/kraken-protocol.md, 9): replaced by a snapshot,
// written level by level in the order sent, cut to the depth after every message, and checked
// against Kraken's own checksums of real books.

type Message = Readonly<{asks: WireLevel[]; bids: WireLevel[]; checksum?: number}>;

/**
 * The levels of a real v2 frame as written: its bare numbers quoted here by a pattern of this
 * test's own, so that the book, not the codec, is what is checked.
 */
function v2Message(frame: string): Message {
	const quoted = frame.replaceAll(/"(price|qty)": ?([\d.]+)/g, '"$1":"$2"');
	const [entry] = (JSON.parse(quoted) as {data: Array<Record<string, unknown>>}).data;
	const levels = (side: unknown) =>
		(side as Array<{price: string; qty: string}>).map(({price, qty}): WireLevel => [price, qty]);
	return {
		asks: levels(entry!['asks']),
		bids: levels(entry!['bids']),
		checksum: entry!['checksum'] as number,
	};
}

/** The levels of a real v1 frame: one or two payloads, the checksum as text in the last. */
function v1Message(frame: string): Message & {isSnapshot: boolean} {
	const payloads = (JSON.parse(frame) as unknown[]).slice(1, -2) as Array<Record<string, unknown>>;
	const isSnapshot = 'as' in payloads[0]! || 'bs' in payloads[0]!;
	const levels = (key: string) =>
		payloads.flatMap((payload) =>
			((payload[key] ?? []) as string[][]).map(([price, qty]): WireLevel => [price!, qty!]),
		);
	const checksum = payloads.at(-1)!['c'];
	return {
		isSnapshot,
		asks: levels(isSnapshot ? 'as' : 'a'),
		bids: levels(isSnapshot ? 'bs' : 'b'),
		...(typeof checksum === 'string' ? {checksum: Number(checksum)} : {}),
	};
}

const prices = (levels: ReadonlyArray<readonly [number, number]>) => levels.map(([price]) => price);

describe('OrderBook', () => {
	test('a snapshot orders both sides and replaces whatever was there', () => {
		const book = new OrderBook(10);
		book.replace([['5.0', '1']], [['4.0', '1']]);
		book.replace(
			[
				['3.2', '1.00000000'],
				['3.1', '2.00000000'],
			],
			[
				['2.8', '3.00000000'],
				['2.9', '4.00000000'],
			],
		);
		expect(book.top(10)).toEqual({
			asks: [
				[3.1, 2],
				[3.2, 1],
			],
			bids: [
				[2.9, 4],
				[2.8, 3],
			],
		});
	});

	test('an update upserts, a quantity of zero deletes, and unknown deletions are counted', () => {
		const book = new OrderBook(10);
		book.replace(
			[
				['10.0', '1'],
				['11.0', '1'],
			],
			[
				['9.0', '1'],
				['8.0', '1'],
			],
		);
		const unknown = book.update(
			[
				['10.0', '5.00000000'],
				['12.0', '2.00000000'],
				['10.5', '0.00000000'],
			],
			[
				['8.0', '0.00000000'],
				['7.0', '0.00000000'],
				['8.5', '3.00000000'],
			],
		);
		// 10.5 and 7.0 were never there: the book missed something, or the exchange did.
		expect(unknown).toBe(2);
		expect(book.top(10)).toEqual({
			asks: [
				[10, 5],
				[11, 1],
				[12, 2],
			],
			bids: [
				[9, 1],
				[8.5, 3],
			],
		});
	});

	test.each(['asks', 'bids'] as const)(
		'the same price twice in one message is applied in the order sent (%s)',
		(side) => {
			// As captured on BTC/USD: a level written, then deleted, in one update. Either side, the
			// level at 62802.5 would be the best.
			const write = (levels: WireLevel[]) => {
				const book = new OrderBook(10);
				book.replace([['62803.0', '1.00000000']], [['62800.0', '1.00000000']]);
				book.update(side === 'asks' ? levels : [], side === 'bids' ? levels : []);
				return book.top(10)[side];
			};

			const held: readonly [number, number] = side === 'asks' ? [62_803, 1] : [62_800, 1];
			expect(
				write([
					['62802.5', '0.00010000'],
					['62802.5', '0.00000000'],
				]),
			).toEqual([held]);
			expect(
				write([
					['62802.5', '0.00000000'],
					['62802.5', '0.00010000'],
				]),
			).toEqual([[62_802.5, 0.0001], held]);
			// A quantity changed twice keeps the last.
			expect(
				write([
					['62802.5', '0.00010000'],
					['62802.5', '0.00020000'],
				]),
			).toEqual([[62_802.5, 0.0002], held]);
		},
	);

	test('each side is cut to the depth after every message, and what falls off stays off', () => {
		const book = new OrderBook(3);
		// A snapshot deeper than the depth is cut too.
		book.replace(
			[
				['10', '1'],
				['11', '1'],
				['12', '1'],
				['13', '1'],
			],
			[
				['9', '1'],
				['8', '1'],
				['7', '1'],
			],
		);
		expect(prices(book.top(10).asks)).toEqual([10, 11, 12]);

		// A better ask enters: 12 falls off, and Kraken says nothing of it.
		book.update([['9.5', '1']], []);
		expect(prices(book.top(10).asks)).toEqual([9.5, 10, 11]);

		// The best deleted: the window is short by one until the exchange refills it...
		expect(book.update([['9.5', '0']], [])).toBe(0);
		expect(prices(book.top(10).asks)).toEqual([10, 11]);

		// ...and a deletion of the level that fell off names a price this book no longer holds.
		expect(book.update([['12', '0']], [])).toBe(1);

		// The refill ("r" on v1) is an ordinary upsert.
		book.update([['12', '2']], []);
		expect(book.top(10).asks).toEqual([
			[10, 1],
			[11, 1],
			[12, 2],
		]);
	});

	test('top gives each side best first, up to the count asked for', () => {
		const book = new OrderBook(25);
		const asks = Array.from({length: 25}, (_, index): WireLevel => [String(100 + index), '1']);
		const bids = Array.from({length: 25}, (_, index): WireLevel => [String(99 - index), '2']);
		book.replace(asks.toReversed(), bids.toReversed());
		const top = book.top(5);
		expect(top.asks).toEqual([100, 101, 102, 103, 104].map((price) => [price, 1]));
		expect(top.bids).toEqual([99, 98, 97, 96, 95].map((price) => [price, 2]));
		expect(book.top(30).asks).toHaveLength(25);
	});

	test('the real v2 BTC/USD depth-10 snapshot and its two updates give Kraken’s checksums', () => {
		const book = new OrderBook(10);
		const [snapshot, ...updates] = [
			v2BookFrames.btcSnapshot,
			v2BookFrames.btcUpdate1,
			v2BookFrames.btcUpdate2,
		].map(v2Message);
		book.replace(snapshot!.asks, snapshot!.bids);
		expect(book.checksum()).toBe(975_661_613);
		const checksums = updates.map((update) => {
			book.update(update.asks, update.bids);
			return book.checksum();
		});
		expect(checksums).toEqual([265_834_348, 1_348_273_380]);
		// The first update swapped 62806.6 for 62808.0 at the end of the window.
		expect(prices(book.top(10).asks)).toEqual([
			62_802.6, 62_803.7, 62_803.8, 62_803.9, 62_806.5, 62_806.8, 62_807.1, 62_807.2, 62_807.4,
			62_808,
		]);
	});

	test('the same book from parsed numbers does not give Kraken’s checksum', () => {
		// A negative control: `0.00005100` parsed and printed is `0.000051`, another token.
		const snapshot = v2Message(v2BookFrames.btcSnapshot);
		const reprinted = (levels: readonly WireLevel[]) =>
			levels.map(([price, qty]): WireLevel => [String(Number(price)), String(Number(qty))]);
		const book = new OrderBook(10);
		book.replace(reprinted(snapshot.asks), reprinted(snapshot.bids));
		expect(book.checksum()).not.toBe(975_661_613);
	});

	test('vector 1 (Kraken’s v2 guide) and vector 2 (its best ask deleted), through the book', () => {
		const book = new OrderBook(10);
		// Given worst first, to show the book orders them.
		book.replace(docsBook.asks.toReversed(), docsBook.bids.toReversed());
		expect(book.asks.tokens(10) + book.bids.tokens(10)).toBe(docsBook.crcInput);
		expect(book.checksum()).toBe(docsBook.checksum);

		book.update([['45285.2', '0']], []);
		expect(book.asks.size).toBe(9);
		expect(book.checksum()).toBe(docsBook.checksumWithoutBestAsk);
	});

	test('vector 3 (Kraken’s v1 guide): prices of five places, quantities of eight', () => {
		const asks = Array.from({length: 10}, (_, index): WireLevel => [
			(0.050_05 + index * 0.000_05).toFixed(5),
			'0.00000500',
		]);
		const bidPrices = ['0.05000', '0.04995', '0.04990', '0.04980', '0.04975', '0.04970'];
		const bids = [...bidPrices, '0.04965', '0.04960', '0.04955', '0.04950'].map(
			(price): WireLevel => [price, '0.00000500'],
		);
		const book = new OrderBook(10);
		book.replace(asks, bids);
		expect(book.checksum()).toBe(974_947_235);
	});

	test.each<[string, readonly string[]]>([
		[
			'XDG/USD (prices padded to nine places, deletions refilled by "r" levels)',
			v1BookFrames.xdgStream,
		],
		['LUNA/EUR (a quantity of 301727260.79999999)', v1BookFrames.lunaStream],
		['GST/EUR (eight bids; one price twice in an update)', v1BookFrames.gstStream],
	])(
		'a real v1 stream, %s, matches every checksum with its strings kept verbatim',
		(_name, frames) => {
			const book = new OrderBook(10);
			const [snapshot, ...updates] = frames.map(v1Message);
			expect(snapshot?.isSnapshot).toBe(true);
			book.replace(snapshot!.asks, snapshot!.bids);
			const computed = updates.map((update) => {
				book.update(update.asks, update.bids);
				return book.checksum();
			});
			expect(computed).toEqual(updates.map((update) => update.checksum));
		},
	);

	test('XDG/USD reformatted to seven places does not match (the strings must be verbatim)', () => {
		const [snapshot, update] = v1BookFrames.xdgStream.slice(0, 2).map(v1Message);
		const sevenPlaces = (levels: readonly WireLevel[]) =>
			levels.map(([price, qty]): WireLevel => [Number(price).toFixed(7), qty]);
		const book = new OrderBook(10);
		book.replace(sevenPlaces(snapshot!.asks), sevenPlaces(snapshot!.bids));
		book.update(sevenPlaces(update!.asks), sevenPlaces(update!.bids));
		expect(update?.checksum).toBe(2_219_685_759);
		expect(book.checksum()).toBe(3_893_118_612);
	});

	test('without the cut to the depth, the real BTC/USD stream would not match', () => {
		// An eleventh ask, which Kraken's depth-10 book drops: a book that keeps it reads the same
		// ten levels until a deletion lets it move up into the ten the checksum covers.
		const snapshot = v2Message(v2BookFrames.btcSnapshot);
		const update = v2Message(v2BookFrames.btcUpdate1);
		const extra: WireLevel = ['62807.9', '9.00000000'];
		const cut = new OrderBook(10);
		const uncut = new OrderBook(25);
		for (const book of [cut, uncut]) {
			book.replace([...snapshot.asks, extra], snapshot.bids);
			book.update(update.asks, update.bids);
		}

		expect(cut.checksum()).toBe(265_834_348);
		expect(uncut.checksum()).not.toBe(265_834_348);
	});

	test('a checksum kept between messages is the one the book as it stands gives, over 5,000 random changes at depth 100', () => {
		const random = seededRandom(41);
		const price = () => (1000 + Math.floor(random() * 400) / 10).toFixed(1);
		const quantity = () => (random() < 0.3 ? '0.00000000' : (random() * 5).toFixed(8));
		const book = new OrderBook(100);
		const levels = (count: number) =>
			Array.from({length: count}, (): WireLevel => [price(), quantity()]);
		book.replace(levels(150), levels(150));
		let unchanged = 0;
		for (let message = 0; message < 5000; message++) {
			const before = book.checksum();
			book.update(levels(Math.floor(random() * 3)), levels(Math.floor(random() * 3)));
			// The same levels in a book of their own, whose checksum is made from nothing kept.
			const fresh = new OrderBook(100);
			const sideOf = (side: OrderBook['asks']) =>
				Array.from({length: side.size}, (_, index) => side.level(index)!);
			fresh.replace(sideOf(book.asks), sideOf(book.bids));
			expect(book.checksum()).toBe(fresh.checksum());
			unchanged += book.checksum() === before ? 1 : 0;
		}

		// Both kinds were tried: messages that left the best levels alone, and ones that did not.
		expect(unchanged).toBeGreaterThan(1000);
		expect(5000 - unchanged).toBeGreaterThan(100);
	});
});
