import {crc32} from 'node:zlib';
import type {ApiVersion} from '../../source/model/types.js';

/*
 * An order book kept from an exchange's frames the way Kraken's documentation says a client
 * must keep it (docs/kraken-protocol.md, 9), written from the protocol, not from the simulator
 * or our client: every number stays the text it was sent as (v2's bare numbers are quoted before
 * JSON.parse), each message's levels are applied in order, each side is cut to the subscribed
 * depth after every message, and each checksum is recomputed from that text with zlib's CRC32.
 */

/** A level as sent: price and quantity text. */
export type TextLevel = readonly [price: string, quantity: string];

export type CheckedBook = Readonly<{asks: readonly TextLevel[]; bids: readonly TextLevel[]}>;

/** What one book message held, for tests that look closer. */
export type BookMessage = Readonly<{
	pair: string;
	kind: 'snapshot' | 'update';
	asks: readonly TextLevel[];
	bids: readonly TextLevel[];
	/** v1: levels marked `"r"`. */
	republished: number;
	/** v1: the number of level maps (two when both sides changed). */
	maps: number;
	checksum?: number;
}>;

/** Prices a message names more than once on one side. */
export function repeatedPrices(message: BookMessage): number {
	let repeats = 0;
	for (const side of [message.asks, message.bids]) {
		const prices = side.map(([price]) => Number(price));
		repeats += prices.length - new Set(prices).size;
	}

	return repeats;
}

/** Quotes v2's bare `price` and `qty` numbers, so JSON.parse keeps their text. */
export const quoteBookNumbers = (raw: string) =>
	raw.replace(/"(price|qty)":(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/g, '"$1":"$2"');

/** A number's text without its point and leading zeros: Kraken's checksum token. */
const token = (text: string) => text.replace('.', '').replace(/^0+(?=\d)/, '');

/** Kraken's checksum of a book: CRC32 of the best ten asks then the best ten bids, as tokens. */
export function checksumOf(book: CheckedBook): number {
	const text = [...book.asks.slice(0, 10), ...book.bids.slice(0, 10)]
		.map(([price, quantity]) => token(price) + token(quantity))
		.join('');
	return crc32(text) >>> 0;
}

/** A side best first; `rising` for asks, whose prices rise from the best. */
type Side = {levels: TextLevel[]; rising: boolean};

/** Writes one level: zero deletes, anything else replaces the level at that price. */
function write(side: Side, [price, quantity]: TextLevel): void {
	const {levels, rising} = side;
	const key = rising ? Number(price) : -Number(price);
	let low = 0;
	let high = levels.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		const other = Number(levels[middle]![0]);
		if ((rising ? other : -other) < key) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	const isHeld = low < levels.length && Number(levels[low]![0]) === Number(price);
	if (Number(quantity) === 0) {
		levels.splice(low, isHeld ? 1 : 0);
	} else {
		levels.splice(low, isHeld ? 1 : 0, [price, quantity]);
	}
}

type PairBook = {asks: Side; bids: Side; depth: number};

/**
 * Books of every pair a connection's book frames name, checked message by message. `feed` takes
 * every frame of the connection and returns the book message it was, if it was one. v2 frames do
 * not say their depth: `depthOf` gives the depth each pair was subscribed at.
 */
export class BookChecker {
	readonly api: ApiVersion;
	/** Each checksum's failure, in words; empty while every one matched. */
	readonly failures: string[] = [];
	readonly messages: BookMessage[] = [];
	verified = 0;
	readonly #depthOf: (pair: string) => number;
	readonly #books = new Map<string, PairBook>();

	constructor(api: ApiVersion, depthOf: (pair: string) => number) {
		this.api = api;
		this.#depthOf = depthOf;
	}

	book(pair: string): CheckedBook {
		const book = this.#books.get(pair);
		return {asks: book?.asks.levels ?? [], bids: book?.bids.levels ?? []};
	}

	feed(text: string): BookMessage | undefined {
		const message = this.api === 'v1' ? readV1(text) : readV2(text);
		if (!message) {
			return undefined;
		}

		const {pair, kind} = message;
		const depth = this.#depthOf(pair);
		if (message.depth !== undefined && message.depth !== depth) {
			this.failures.push(`${pair}: a frame of book-${message.depth} for a depth of ${depth}`);
		}

		let book = this.#books.get(pair);
		if (kind === 'snapshot' || !book) {
			book = {asks: {levels: [], rising: true}, bids: {levels: [], rising: false}, depth};
			this.#books.set(pair, book);
		}

		for (const level of message.asks) {
			write(book.asks, level);
		}

		for (const level of message.bids) {
			write(book.bids, level);
		}

		book.asks.levels.splice(book.depth);
		book.bids.levels.splice(book.depth);
		if (message.checksum !== undefined) {
			const local = checksumOf(this.book(pair));
			if (local === message.checksum) {
				this.verified++;
			} else {
				this.failures.push(
					`${pair} message ${this.messages.length}: ${local} ≠ ${message.checksum}`,
				);
			}
		}

		this.messages.push(message);
		return message;
	}
}

/** A message as read, with the depth its frame names (v1 only). */
type Read = BookMessage & Readonly<{depth?: number}>;

function readV2(text: string): Read | undefined {
	if (!text.startsWith('{"channel":"book"')) {
		return undefined;
	}

	const message = JSON.parse(quoteBookNumbers(text)) as {
		type: 'snapshot' | 'update';
		data: Array<{
			symbol: string;
			asks: Array<{price: string; qty: string}>;
			bids: Array<{price: string; qty: string}>;
			checksum: number;
		}>;
	};
	const [entry] = message.data;
	if (!entry || message.data.length !== 1) {
		throw new Error(`a book message with ${message.data.length} entries: ${text}`);
	}

	const levels = (side: Array<{price: string; qty: string}>) =>
		side.map(({price, qty}): TextLevel => [price, qty]);
	return {
		pair: entry.symbol,
		kind: message.type,
		asks: levels(entry.asks),
		bids: levels(entry.bids),
		republished: 0,
		maps: 1,
		checksum: entry.checksum,
	};
}

type V1Map = Partial<Record<'as' | 'bs' | 'a' | 'b', string[][]>> & {c?: string};

function readV1(text: string): Read | undefined {
	if (!text.startsWith('[')) {
		return undefined;
	}

	const frame = JSON.parse(text) as unknown[];
	const name = frame.at(-2);
	if (typeof name !== 'string' || !name.startsWith('book-')) {
		return undefined;
	}

	// The pair is last, the channel name before it; the maps sit between the id and the name.
	const maps = frame.slice(1, -2) as V1Map[];
	const levels = (key: 'as' | 'bs' | 'a' | 'b') =>
		maps.flatMap((map) => map[key] ?? []).map(([price, volume]): TextLevel => [price!, volume!]);
	const isSnapshot = maps.some((map) => map.as ?? map.bs);
	const checksums = maps.map((map) => map.c);
	if (checksums.slice(0, -1).some((checksum) => checksum !== undefined)) {
		throw new Error(`a checksum before the last map: ${text}`);
	}

	const checksum = checksums.at(-1);
	return {
		pair: frame.at(-1) as string,
		kind: isSnapshot ? 'snapshot' : 'update',
		asks: levels(isSnapshot ? 'as' : 'a'),
		bids: levels(isSnapshot ? 'bs' : 'b'),
		republished: maps
			.flatMap((map) => [...(map.a ?? []), ...(map.b ?? [])])
			.filter((level) => level[3] === 'r').length,
		maps: maps.length,
		...(checksum === undefined ? {} : {checksum: Number(checksum)}),
		depth: Number(name.slice('book-'.length)),
	};
}
