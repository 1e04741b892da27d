import type {BookDepth, BookHealth, BookTop} from '../../model/types.js';
import type {BookMessage} from '../feed-message.js';
import {OrderBook} from './order-book.js';

/** Levels a side passed on with every verified book: more than any screen shows. */
export const bookTopLevels = 30;

/**
 * Where a pair's book stands: waiting for the snapshot its subscription brings, live (each
 * message applied and checked), or resyncing (failed, its subscription being renewed: messages
 * still in flight from the old one are dropped unread).
 */
type Phase = 'awaiting-snapshot' | 'live' | 'resyncing';

type PairBook = {
	book: OrderBook;
	phase: Phase;
	failures: number;
	resyncs: number;
	/** Failures since the book last verified an update: a book that keeps failing waits longer. */
	failingRun: number;
	isStale: boolean;
};

/** What a verified message left, apart from the levels themselves (read with `top`). */
export type BookStamp = Readonly<{checksum?: number; time: number}>;

export type BookKeeperHooks = Readonly<{
	/**
	 * A book after a message was applied and verified (or a v1 snapshot, which has no checksum).
	 * Its levels are read with `top` while it stands so: making them for every message of a deep,
	 * busy book would cost more than checking it.
	 */
	verified(pair: string, stamp: BookStamp): void;
	health(health: BookHealth): void;
	/**
	 * Renew the pair's book subscription (unsubscribe, then subscribe for a new snapshot);
	 * `failingRun` counts the failures in a row, for the caller to space renewals out.
	 */
	resync(pair: string, failingRun: number): void;
}>;

/**
 * Every pair's order book, kept from the exchange's text and checked against its checksum on
 * every message (docs/kraken-protocol.md, 9). A book that fails is marked stale at once and never
 * passed on until a new snapshot has rebuilt it; its subscription alone is renewed.
 */
export class BookKeeper {
	readonly #hooks: BookKeeperHooks;
	readonly #books = new Map<string, PairBook>();

	constructor(hooks: BookKeeperHooks) {
		this.#hooks = hooks;
	}

	/**
	 * The exchange acknowledged the pair's book: a snapshot comes next. A live book stays live
	 * ("Already subscribed" is taken as an ack, and brings no snapshot).
	 */
	subscribed(pair: string, depth: BookDepth): void {
		const entry = this.#books.get(pair);
		if (entry?.book.depth === depth) {
			entry.phase = entry.phase === 'live' ? 'live' : 'awaiting-snapshot';
		} else {
			this.#books.set(pair, {
				book: new OrderBook(depth),
				phase: 'awaiting-snapshot',
				failures: entry?.failures ?? 0,
				resyncs: entry?.resyncs ?? 0,
				failingRun: entry?.failingRun ?? 0,
				isStale: entry?.isStale ?? false,
			});
		}
	}

	forget(pair: string): void {
		this.#books.delete(pair);
	}

	/** The connection is gone: every book is rebuilt from the next connection's snapshot. */
	connectionLost(): void {
		for (const [pair, entry] of this.#books) {
			entry.phase = 'resyncing';
			this.#setStale(pair, entry, 'rebuilding after the connection dropped');
		}
	}

	accept(message: BookMessage, receivedAt: number): void {
		const entry = this.#books.get(message.pair);
		if (!entry || entry.phase === 'resyncing') {
			return;
		}

		if (message.problem !== undefined) {
			this.#fail(message.pair, entry, message.problem);
			return;
		}

		const {book} = entry;
		if (message.isSnapshot) {
			book.replace(message.asks, message.bids);
			entry.phase = 'live';
		} else if (entry.phase === 'awaiting-snapshot') {
			this.#fail(message.pair, entry, 'an update before any snapshot');
			return;
		} else {
			book.update(message.asks, message.bids);
		}

		// A v1 snapshot carries no checksum: the first update verifies it.
		if (message.checksum !== undefined) {
			const computed = book.checksum();
			if (computed !== message.checksum) {
				this.#fail(
					message.pair,
					entry,
					`checksum ${message.checksum} from the exchange, ${computed} here`,
				);
				return;
			}
		}

		if (entry.isStale) {
			entry.isStale = false;
			this.#hooks.health(this.#healthOf(message.pair, entry));
		}

		// A verified update, not only a snapshot: a book that fails at its first update still fails.
		if (!message.isSnapshot) {
			entry.failingRun = 0;
		}

		const time = message.time ?? receivedAt;
		this.#hooks.verified(
			message.pair,
			message.checksum === undefined ? {time} : {checksum: message.checksum, time},
		);
	}

	/**
	 * A live book's best levels as it stands, with the stamp of the message that left it so; none
	 * for a book that is not live (waiting for its snapshot, or failed and being rebuilt).
	 */
	top(pair: string, stamp: BookStamp): BookTop | undefined {
		const entry = this.#books.get(pair);
		if (!entry || entry.phase !== 'live' || entry.isStale) {
			return undefined;
		}

		const {book} = entry;
		return {pair, ...book.top(bookTopLevels), ...stamp, depth: book.depth as BookDepth};
	}

	#fail(pair: string, entry: PairBook, reason: string): void {
		entry.failures++;
		entry.resyncs++;
		entry.failingRun++;
		entry.phase = 'resyncing';
		entry.book.replace([], []);
		this.#setStale(pair, entry, reason);
		this.#hooks.resync(pair, entry.failingRun);
	}

	#setStale(pair: string, entry: PairBook, reason: string): void {
		entry.isStale = true;
		this.#hooks.health({...this.#healthOf(pair, entry), reason});
	}

	#healthOf(pair: string, entry: PairBook): BookHealth {
		const {failures, resyncs, isStale} = entry;
		return {pair, state: isStale ? 'stale' : 'synced', failures, resyncs};
	}
}
