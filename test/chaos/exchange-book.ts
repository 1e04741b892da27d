import WebSocket from 'ws';
import {bookChecksum, type WireLevel} from '../../source/kraken/book/checksum.js';
import type {ApiVersion} from '../../source/model/types.js';
import type {ListedPair} from '../../source/simulator/pair-catalog.js';
import type {Levels, WrittenBook} from './client-output.js';

/** Levels a side the client's book lines hold, and the depth asked of the exchange. */
const depth = 10;

type SnapshotV2 = {
	channel?: string;
	type?: string;
	data?: Array<{
		symbol: string;
		bids: Array<{price: number; qty: number}>;
		asks: Array<{price: number; qty: number}>;
		checksum: number;
	}>;
};

/** `[channelID, {"as": [[price, volume, time], …], "bs": […]}, "book-10", pair]`. */
type SnapshotV1 = [number, {as?: string[][]; bs?: string[][]}, string, string];

const numbersV1 = (levels: readonly string[][]): Levels =>
	levels.map(([price, volume]) => [Number(price), Number(volume)] as const);
const textsV1 = (levels: readonly string[][]): WireLevel[] =>
	levels.map(([price, volume]) => [price ?? '', volume ?? ''] as const);

/**
 * Each pair's book as the exchange has it, from a book snapshot at depth 10 on a connection of
 * its own straight to the exchange (no proxy, no faults): keyed by v2 symbol. A v1 snapshot has
 * no checksum; its checksum is made from its text as v1 writes it, as the client's would be.
 */
export async function exchangeBooks(
	exchangeUrl: string,
	api: ApiVersion,
	pairs: readonly ListedPair[],
): Promise<Map<string, WrittenBook>> {
	const books = new Map<string, WrittenBook>();
	const symbolOf = new Map(pairs.map((pair) => [pair.v1Name, pair.symbol]));
	const socket = new WebSocket(`${exchangeUrl}${api === 'v1' ? '/' : '/v2'}`, {
		perMessageDeflate: false,
	});
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no book snapshot within 10 s')), 10_000);
			socket.on('error', reject);
			socket.on('open', () => {
				socket.send(
					JSON.stringify(
						api === 'v1'
							? {
									event: 'subscribe',
									pair: pairs.map((pair) => pair.v1Name),
									subscription: {name: 'book', depth},
								}
							: {
									method: 'subscribe',
									params: {
										channel: 'book',
										symbol: pairs.map((pair) => pair.symbol),
										depth,
										snapshot: true,
									},
								},
					),
				);
			});
			socket.on('message', (data) => {
				const message = JSON.parse(String(data)) as unknown;
				if (Array.isArray(message)) {
					const [, sides, , name] = message as SnapshotV1;
					if (sides.as !== undefined && sides.bs !== undefined) {
						books.set(symbolOf.get(name) ?? name, {
							asks: numbersV1(sides.as),
							bids: numbersV1(sides.bs),
							checksum: bookChecksum(textsV1(sides.as), textsV1(sides.bs)),
						});
					}
				} else {
					const frame = message as SnapshotV2;
					if (frame.channel === 'book' && frame.type === 'snapshot') {
						for (const book of frame.data ?? []) {
							const numbers = (side: typeof book.bids): Levels =>
								side.map(({price, qty}) => [price, qty] as const);
							books.set(book.symbol, {
								bids: numbers(book.bids),
								asks: numbers(book.asks),
								checksum: book.checksum,
							});
						}
					}
				}

				if (books.size === pairs.length) {
					clearTimeout(timer);
					resolve();
				}
			});
		});
	} finally {
		socket.terminate();
	}

	return books;
}

/**
 * Why a written book differs from the exchange's, or `undefined` when it is the same. A v1 book
 * line after a snapshot alone has no checksum to compare; a v2 line always has one.
 */
export function bookDifference(
	written: WrittenBook | undefined,
	exchange: WrittenBook | undefined,
	api: ApiVersion,
): string | undefined {
	if (written === undefined || exchange === undefined) {
		return written === undefined ? 'no book line written' : 'the exchange sent no book';
	}

	const text = (levels: Levels) => JSON.stringify(levels.slice(0, depth));
	if (text(written.bids) !== text(exchange.bids)) {
		return `bids differ: ${text(written.bids)} against ${text(exchange.bids)}`;
	}

	if (text(written.asks) !== text(exchange.asks)) {
		return `asks differ: ${text(written.asks)} against ${text(exchange.asks)}`;
	}

	const hasChecksum = api === 'v2' || written.checksum !== undefined;
	if (hasChecksum && written.checksum !== exchange.checksum) {
		return `checksum ${written.checksum} against ${exchange.checksum}`;
	}

	return undefined;
}
