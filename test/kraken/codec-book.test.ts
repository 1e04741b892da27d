import {describe, expect, test} from 'vitest';
import type {BookMessage, Codec, FeedMessage} from '../../source/kraken/feed-message.js';
import {codecV1} from '../../source/kraken/v1/codec.js';
import {codecV2} from '../../source/kraken/v2/codec.js';
import {v1BookFrames, v2BookFrames} from '../fixtures/book-frames.js';
import {v1Frames, v2Frames} from '../fixtures/frames.js';
import {createRandom, type Random} from '../helpers/random-frames.js';

// The book channel on both APIs (docs/kraken-protocol.md, 9), decoded from real frames: every
// level keeps the text the exchange wrote, which the checksum is made of; a frame that names its
// pair but cannot be applied is a message with a problem for that pair (its book must be rebuilt),
// never a frame set aside; and no frame, however mangled, makes the codecs throw.

const bookOf = (message: FeedMessage): readonly BookMessage[] => {
	expect(message.kind).toBe('book');
	return message.kind === 'book' ? message.messages : [];
};

const microsTime = (text: string) => Date.parse(text);

describe('v2 book', () => {
	const decode = (text: string) => codecV2.decode(text);

	test('the real snapshot keeps every price and quantity as written, best first', () => {
		expect(bookOf(decode(v2BookFrames.btcSnapshot))).toEqual([
			{
				pair: 'BTC/USD',
				isSnapshot: true,
				asks: [
					['62802.6', '1.09074394'],
					['62803.7', '0.05598472'],
					['62803.8', '0.95536416'],
					['62803.9', '1.16228981'],
					['62806.5', '0.18489680'],
					['62806.6', '3.79004471'],
					['62806.8', '0.00005100'],
					['62807.1', '0.36000000'],
					['62807.2', '0.65540712'],
					['62807.4', '0.50920200'],
				],
				bids: [
					['62802.5', '0.02987767'],
					['62800.7', '0.05598472'],
					['62800.6', '0.00005100'],
					['62797.5', '0.00005100'],
					// 62797.0 stays 62797.0: the trailing zero is part of its token.
					['62797.0', '0.00012700'],
					['62796.2', '0.00019900'],
					['62794.3', '0.00005100'],
					['62794.0', '0.00532806'],
					['62793.9', '0.79625467'],
					['62793.1', '0.00318620'],
				],
				checksum: 975_661_613,
				time: microsTime('2026-08-16T23:37:04.316445Z'),
			},
		]);
	});

	test('a real update keeps its levels in the order sent, deletions included', () => {
		expect(bookOf(decode(v2BookFrames.btcUpdate1))).toEqual([
			{
				pair: 'BTC/USD',
				isSnapshot: false,
				asks: [
					['62806.6', '0.00000000'],
					['62808.0', '0.79607759'],
					['62803.8', '4.74541363'],
				],
				bids: [],
				checksum: 265_834_348,
				time: microsTime('2026-08-16T23:37:05.376419Z'),
			},
		]);
		expect(bookOf(decode(v2BookFrames.ethUpdate))).toEqual([
			expect.objectContaining({
				pair: 'ETH/USD',
				asks: [
					['1797.29', '0.00000000'],
					['1797.52', '1.56601318'],
				],
				checksum: 3_329_440_863,
			}),
		]);
	});

	test('a frame written with spaces, as Kraken’s guide prints it, keeps its text too', () => {
		const [message] = bookOf(decode(v2BookFrames.docsSnapshot));
		expect(message?.problem).toBeUndefined();
		expect(message?.asks[0]).toEqual(['45285.2', '0.00100000']);
		expect(message?.bids.slice(0, 4)).toEqual([
			['45283.5', '0.10000000'],
			['45283.4', '1.54582015'],
			['45282.1', '0.10000000'],
			['45281.0', '0.10000000'],
		]);
		expect(message?.checksum).toBe(3_310_070_434);
	});

	test('a book frame whose channel is not its first key still keeps its text', () => {
		const reordered = v2BookFrames.btcUpdate1.replace(
			'{"channel":"book","type":"update",',
			'{"type":"update","channel":"book",',
		);
		expect(reordered).not.toBe(v2BookFrames.btcUpdate1);
		const last = `{"type":"update","data":${v2BookFrames.btcUpdate1.slice(v2BookFrames.btcUpdate1.indexOf('['), -1)},"channel":"book"}`;
		for (const frame of [reordered, last]) {
			expect(decode(frame)).toEqual(decode(v2BookFrames.btcUpdate1));
		}

		expect(bookOf(decode(last))[0]?.asks[0]).toEqual(['62806.6', '0.00000000']);
	});

	test('every entry of data is a message of its own', () => {
		const entry = (symbol: string, price: string) =>
			`{"symbol":"${symbol}","bids":[{"price":${price},"qty":0.50000000}],"asks":[],"checksum":1}`;
		const frame = `{"channel":"book","type":"update","data":[${entry('BTC/USD', '100.0')},${entry('ETH/USD', '2.50')}]}`;
		expect(bookOf(decode(frame))).toEqual([
			{pair: 'BTC/USD', isSnapshot: false, asks: [], bids: [['100.0', '0.50000000']], checksum: 1},
			{pair: 'ETH/USD', isSnapshot: false, asks: [], bids: [['2.50', '0.50000000']], checksum: 1},
		]);
	});

	const update = v2BookFrames.btcUpdate1;
	test.each<[string, string]>([
		['a negative quantity', update.replace('"qty":4.74541363', '"qty":-4.74541363')],
		['a quantity as a word', update.replace('"qty":4.74541363', '"qty":"lots"')],
		['a quantity of null', update.replace('"qty":4.74541363', '"qty":null')],
		['a quantity of true', update.replace('"qty":4.74541363', '"qty":true')],
		['a quantity in exponent form', update.replace('"qty":4.74541363', '"qty":4.7e-5')],
		['a price in exponent form', update.replace('"price":62808.0', '"price":6.28080E4')],
		['a price of zero', update.replace('"price":62808.0', '"price":0.0')],
		['a level without a price', update.replace('"price":62808.0,', '')],
		[
			'a level that is a list',
			update.replace('{"price":62808.0,"qty":0.79607759}', '[62808.0,0.79607759]'),
		],
		['a level that is a number', update.replace('{"price":62808.0,"qty":0.79607759}', '62808.0')],
		['a side that is not a list', update.replace('"bids":[]', '"bids":{}')],
		['an update without a checksum', update.replace(',"checksum":265834348', '')],
		['a checksum as text', update.replace('"checksum":265834348', '"checksum":"265834348"')],
		[
			'a checksum with a fraction',
			update.replace('"checksum":265834348', '"checksum":265834348.5'),
		],
		['a negative checksum', update.replace('"checksum":265834348', '"checksum":-265834348')],
		['a checksum beyond 32 bits', update.replace('"checksum":265834348', '"checksum":4294967296')],
		[
			'a snapshot without a checksum',
			v2BookFrames.btcSnapshot.replace(',"checksum":975661613', ''),
		],
	])('%s is a problem for that pair, not an unrecognised frame', (_name, frame) => {
		expect(frame).not.toBe(update);
		const messages = bookOf(decode(frame));
		expect(messages).toEqual([
			expect.objectContaining({pair: 'BTC/USD', problem: expect.stringMatching(/\S/)}),
		]);
	});

	test.each<[string, string]>([
		['no symbol', update.replace('"symbol":"BTC/USD",', '')],
		['a symbol that is no pair', update.replace('"symbol":"BTC/USD"', '"symbol":"BTC-USD"')],
		['a symbol that is a number', update.replace('"symbol":"BTC/USD"', '"symbol":7')],
		['an entry that is not an object', '{"channel":"book","type":"update","data":[5]}'],
		['no type', update.replace('"type":"update",', '')],
		['another type', update.replace('"type":"update"', '"type":"delta"')],
		['data that is not a list', '{"channel":"book","type":"update","data":{}}'],
	])('a frame with %s names no pair, so it is unrecognised', (_name, frame) => {
		expect(decode(frame)).toEqual({kind: 'unrecognised', reason: expect.stringMatching(/\S/)});
	});
});

describe('v1 book', () => {
	const decode = (text: string) => codecV1.decode(text);

	test('the real snapshot: asks and bids as written, no checksum, the latest level time', () => {
		expect(bookOf(decode(v1BookFrames.xbtSnapshot))).toEqual([
			{
				pair: 'XBT/USD',
				isSnapshot: true,
				asks: [
					['37080.20000', '0.44907155'],
					['37080.50000', '0.01086516'],
					['37096.10000', '0.00100000'],
				],
				bids: [
					['37080.10000', '24.49109974'],
					['37079.90000', '0.08764809'],
					['37079.80000', '0.02789714'],
				],
				time: 1_699_797_211_977,
			},
		]);
	});

	test('a real update keeps its levels in order, and its checksum from `c`', () => {
		expect(bookOf(decode(v1BookFrames.xbtBids))).toEqual([
			{
				pair: 'XBT/USD',
				isSnapshot: false,
				asks: [],
				bids: [
					['37079.40000', '0.36000000'],
					['37080.10000', '24.89569974'],
				],
				checksum: 2_845_854_188,
				time: 1_699_797_212_921,
			},
		]);
		expect(bookOf(decode(v1Frames.book))).toEqual([
			expect.objectContaining({bids: [['39071.40000', '7.26106570']], checksum: 2_040_672_112}),
		]);
	});

	test('a republished ("r") level is an ordinary level; its older time does not lead', () => {
		expect(bookOf(decode(v1BookFrames.xbtRepublished))).toEqual([
			{
				pair: 'XBT/USD',
				isSnapshot: false,
				asks: [
					['37109.60000', '0.00000000'],
					['37110.40000', '2.69466902'],
				],
				bids: [],
				checksum: 1_339_898_949,
				time: 1_699_797_213_028,
			},
		]);
	});

	test('a five-element frame is one message of both sides, its checksum from the last map', () => {
		expect(bookOf(decode(v1Frames.bookFiveElements))).toEqual([
			{
				pair: 'XBT/USD',
				isSnapshot: false,
				asks: [['38800.00000', '0.02203518']],
				bids: [['38800.00000', '0.03017320']],
				checksum: 2_479_000_840,
				time: 1_622_766_170_577,
			},
		]);
		// Either order of the maps (docs/kraken-protocol.md, 9).
		const swapped =
			'[320,{"b":[["38800.00000","0.03017320","1622766170.577304"]]},{"a":[["38800.00000","0.02203518","1622766170.577187"]],"c":"2479000840"},"book-25","XBT/USD"]';
		expect(bookOf(decode(swapped))).toEqual(bookOf(decode(v1Frames.bookFiveElements)));
	});

	test('padded prices keep every zero (XDG/USD, nine places)', () => {
		const [message] = bookOf(decode(v1BookFrames.xdgStream[1]!));
		expect(message?.asks).toEqual([
			['0.074700000', '0.00000000'],
			['0.074738500', '125000.00000000'],
		]);
		expect(message?.checksum).toBe(2_219_685_759);
	});

	const update = v1BookFrames.xbtBids;
	test.each<[string, string]>([
		['a negative quantity', update.replace('"0.36000000"', '"-0.36000000"')],
		['a quantity as a word', update.replace('"0.36000000"', '"lots"')],
		['a quantity as a number', update.replace('"0.36000000"', '0.36')],
		['a quantity in exponent form', update.replace('"0.36000000"', '"3.6e-1"')],
		['a price in exponent form', update.replace('"37079.40000"', '"3.70794E4"')],
		['a price of zero', update.replace('"37079.40000"', '"0.00000"')],
		['a level of two elements', update.replace(',"1699797212.921034"', '')],
		[
			'a level that is text',
			update.replace('["37079.40000","0.36000000","1699797212.921034"]', '"37079.4"'),
		],
		['a side that is not a list', '[336,{"b":{},"c":"1"},"book-10","XBT/USD"]'],
		['an update without a checksum', update.replace(',"c":"2845854188"', '')],
		['a checksum that is a word', update.replace('"c":"2845854188"', '"c":"none"')],
		['a checksum as a bare number', update.replace('"c":"2845854188"', '"c":2845854188')],
		['a negative checksum', update.replace('"c":"2845854188"', '"c":"-2845854188"')],
		['a checksum beyond 32 bits', update.replace('"c":"2845854188"', '"c":"4294967296"')],
		['a checksum of eleven digits', update.replace('"c":"2845854188"', '"c":"28458541880"')],
		[
			'a checksum in the first of two maps',
			'[320,{"a":[["38800.00000","0.02203518","1622766170.577187"]],"c":"2479000840"},{"b":[["38800.00000","0.03017320","1622766170.577304"]]},"book-25","XBT/USD"]',
		],
		['a snapshot level that is no number', v1BookFrames.xbtSnapshot.replace('"0.44907155"', '"?"')],
	])('%s is a problem for that pair, not an unrecognised frame', (_name, frame) => {
		expect(frame).not.toBe(update);
		const messages = bookOf(decode(frame));
		expect(messages).toEqual([
			expect.objectContaining({pair: 'XBT/USD', problem: expect.stringMatching(/\S/)}),
		]);
	});

	test.each<[string, string]>([
		['no pair', '[336,{"b":[["37079.40000","0.36000000","1699797212.921034"]],"c":"1"},"book-10"]'],
		['a pair that is no pair', update.replace('"XBT/USD"', '"XBT-USD"')],
		['a pair that is a number', update.replace('"XBT/USD"', '42')],
		['a channel id that is text', update.replace('[336,', '["336",')],
		['three payloads', '[320,{"a":[]},{"a":[]},{"b":[],"c":"1"},"book-25","XBT/USD"]'],
		[
			'a payload that is a list',
			'[320,[["38800.00000","0.02203518","1622766170.577187"]],"book-25","XBT/USD"]',
		],
		['no payload', '[320,"book-25","XBT/USD"]'],
		['a channel name without its depth', update.replace('"book-10"', '"book"')],
	])('a frame with %s is unrecognised', (_name, frame) => {
		expect(decode(frame)).toEqual({kind: 'unrecognised', reason: expect.stringMatching(/\S/)});
	});
});

/** Text that mangles a frame: the characters JSON and numbers are made of. */
const noise = [...'0123456789.-+eE"{}[],: ', 'null', 'true', '1e400', '"r"', '\\', '\u0000'];

/** One random edit of a frame's text: a character dropped, doubled, replaced, or an insertion. */
function mutate(random: Random, text: string): string {
	const at = random.integer(0, text.length - 1);
	switch (random.integer(0, 4)) {
		case 0: {
			return text.slice(0, at) + text.slice(at + 1);
		}

		case 1: {
			return (
				text.slice(0, at) +
				text.slice(at, at + random.integer(1, 12)).repeat(2) +
				text.slice(at + 1)
			);
		}

		case 2: {
			return text.slice(0, at) + random.pick(noise) + text.slice(at + 1);
		}

		case 3: {
			return text.slice(0, at) + random.pick(noise) + text.slice(at);
		}

		default: {
			return text.slice(0, at);
		}
	}
}

/** A value somewhere in a frame's tree replaced by something of another kind. */
function replaceValue(random: Random, value: unknown): unknown {
	const replacements = [null, -1, 0, 1.5, 2 ** 40, 'x', '', '-0.5', '1e-5', [], {}, [[]], true];
	if (typeof value !== 'object' || value === null || random.chance(0.2)) {
		return random.pick(replacements);
	}

	const entries = Object.entries(value);
	if (entries.length === 0) {
		return random.pick(replacements);
	}

	const [key, child] = random.pick(entries);
	const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : {...value};
	(copy as Record<string, unknown>)[key] = replaceValue(random, child);
	return copy;
}

const decimal = /^\d+(?:\.\d+)?$/;

/** What holds of anything a codec makes of a book frame: a message applies, or says why not. */
function expectSound(message: FeedMessage): void {
	expect(['book', 'unrecognised', 'heartbeat', 'error', 'subscription-error']).toContain(
		message.kind,
	);
	if (message.kind !== 'book') {
		return;
	}

	for (const book of message.messages) {
		expect(typeof book.pair).toBe('string');
		if (book.problem !== undefined) {
			continue;
		}

		for (const [price, qty] of [...book.asks, ...book.bids]) {
			expect(price).toMatch(decimal);
			expect(qty).toMatch(decimal);
			expect(Number(price)).toBeGreaterThan(0);
		}

		if (book.checksum !== undefined) {
			expect(Number.isInteger(book.checksum) && book.checksum >= 0 && book.checksum < 2 ** 32).toBe(
				true,
			);
		} else {
			expect(book.isSnapshot).toBe(true);
		}
	}
}

describe.each<[string, Codec, readonly string[]]>([
	['v2', codecV2, Object.values(v2BookFrames)],
	[
		'v1',
		codecV1,
		[
			v1BookFrames.xbtSnapshot,
			v1BookFrames.xbtBids,
			v1BookFrames.xbtRepublished,
			v1Frames.bookFiveElements,
			...v1BookFrames.xdgStream.slice(0, 3),
		],
	],
])('%s book frames, mangled', (api, codec, frames) => {
	test('thousands of random edits of the text never make the codec throw', () => {
		const random = createRandom(api === 'v2' ? 2 : 1);
		for (let round = 0; round < 4000; round++) {
			let text = random.pick(frames);
			for (let edits = random.integer(1, 3); edits > 0; edits--) {
				text = mutate(random, text);
			}

			expectSound(codec.decode(text));
		}
	});

	test('thousands of values of the wrong kind never make the codec throw', () => {
		const random = createRandom(api === 'v2' ? 4 : 3);
		const trees = frames.map((frame) => JSON.parse(frame) as unknown);
		for (let round = 0; round < 3000; round++) {
			expectSound(codec.decode(JSON.stringify(replaceValue(random, random.pick(trees)))));
		}
	});
});

describe('whether a frame looks like a book frame, unparsed (where the decoding worker sends it)', () => {
	for (const [api, codec, books, others] of [
		['v1', codecV1, v1BookFrames, v1Frames],
		['v2', codecV2, v2BookFrames, v2Frames],
	] as const) {
		// A book frame the hint misses is decoded where it was read, and one it takes wrongly is
		// decoded on the main thread: the answer is the same either way, only the cost differs.
		test(`${api}: every real book frame does, and no other real frame`, () => {
			// Some fixtures are streams: lists of frames.
			const bookTexts = Object.values(books).flat();
			const otherTexts = Object.values(others)
				.flat()
				.filter((text) => codec.decode(text).kind !== 'book');
			expect(bookTexts.length).toBeGreaterThan(1);
			expect(otherTexts.length).toBeGreaterThan(5);
			for (const text of bookTexts) {
				expect(codec.looksLikeBook(text), text).toBe(true);
			}

			for (const text of otherTexts) {
				expect(codec.looksLikeBook(text), text).toBe(false);
			}
		});
	}
});
