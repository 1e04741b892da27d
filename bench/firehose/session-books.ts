import type {WebSocket} from 'ws';
import {listedPairs, type ListedPair} from '../../source/simulator/pair-catalog.js';
import {acknowledgementV2, errorV2} from '../../source/simulator/wire-v2.js';
import {BookFlow} from './book-flow.js';
import {framedWrites, sendAsFastAsRead, sendAtRate} from './pacing.js';

export type BookCommand = Readonly<{
	/** Book updates to send, one a frame. */
	book: number;
	/** Updates per second; 0 sends as fast as the client reads. */
	rate: number;
	/** Follows the last update with one trade at this price, an end marker. */
	endPrice?: number;
}>;

/** The depths Kraken serves; any other is refused, not rounded (docs/kraken-protocol.md, 9). */
const bookDepths = new Set([10, 25, 100, 500, 1000]);

/**
 * The books one connection subscribed, by pair. Each pair's book starts afresh from the same
 * seed on every subscribe, so every client of a run is sent the same snapshot and updates.
 */
export class SessionBooks {
	readonly #flows = new Map<string, BookFlow>();
	#turn = 0;

	get pairs(): string[] {
		return [...this.#flows.keys()];
	}

	/**
	 * Answers a book subscribe as Kraken does: one ack a pair naming the depth, each followed by
	 * the pair's snapshot; an unserved depth is refused for the whole request, naming no pair.
	 * Returns whether the books were subscribed.
	 */
	subscribe(
		socket: WebSocket,
		request: Readonly<{pairs: readonly ListedPair[]; depth: number; reqId?: number}>,
		timeIn: string,
	): boolean {
		const {pairs, depth, reqId} = request;
		if (!bookDepths.has(depth)) {
			socket.send(errorV2('subscribe', 'Subscription depth not supported', reqId, timeIn));
			return false;
		}

		for (const pair of pairs) {
			const flow = new BookFlow(pair, depth, 1 + listedPairs.indexOf(pair));
			this.#flows.set(pair.symbol, flow);
			const result = {channel: 'book', depth, snapshot: true, symbol: pair.symbol};
			socket.send(acknowledgementV2('subscribe', reqId, result, timeIn));
			socket.send(flow.snapshot());
		}

		return true;
	}

	/** The next `count` update frames, the pairs taking turns message by message. */
	updates(count: number): string[] {
		const flows = [...this.#flows.values()];
		if (flows.length === 0) {
			throw new Error('book updates before any book subscription');
		}

		const frames: string[] = [];
		for (let made = 0; made < count; made++) {
			frames.push(flows[this.#turn++ % flows.length]!.update());
		}

		return frames;
	}

	/** Each pair's checksum as its book stands after the last update made. */
	checksums(): Record<string, number> {
		return Object.fromEntries([...this.#flows].map(([symbol, flow]) => [symbol, flow.checksum]));
	}
}

const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Streams `command`'s updates; `endMarker` makes the trade frames that follow them, `sent` is told
 * as frames go out at a rate. Resolves with when the first frame went, in epoch milliseconds.
 */
export async function streamBook(
	socket: WebSocket,
	books: SessionBooks,
	command: BookCommand,
	hooks: Readonly<{endMarker: (price: number) => string[]; sent: () => void}>,
): Promise<number> {
	if (command.rate > 0) {
		const startedAt = epochNow();
		const pace = {count: command.book, rate: command.rate};
		await sendAtRate(socket, pace, (due) => books.updates(due), hooks.sent);
		return startedAt;
	}

	// Built before the clock starts, as trades are: at depth 1000 making them is real work.
	const frames = books.updates(command.book);
	if (command.endPrice !== undefined) {
		frames.push(...hooks.endMarker(command.endPrice));
	}

	const writes = framedWrites(frames);
	const firstFrameAt = epochNow();
	await sendAsFastAsRead(socket, writes);
	return firstFrameAt;
}
