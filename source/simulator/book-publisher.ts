import type {BookSideName, RestingLevel, SimulatedBook} from './simulated-book.js';

/** A book as it was last published: both sides whole, best first. */
export type PublishedBook = Readonly<{
	asks: readonly RestingLevel[];
	bids: readonly RestingLevel[];
	version: number;
	/** When the book last changed, in microseconds: the frames' `timestamp`. */
	timeMicros: number;
}>;

/** One level of an update as a subscriber is sent it. */
export type LevelChange = Readonly<{
	ticks: number;
	/** Zero deletes the level. */
	lots: number;
	timeMicros: number;
	/**
	 * The level itself did not change: it entered the subscriber's window because one above it
	 * left (v1 marks it `"r"`, republished, and it keeps its older time).
	 */
	republished: boolean;
}>;

export type WindowChanges = Readonly<{
	asks: readonly LevelChange[];
	bids: readonly LevelChange[];
}>;

const sides = ['ask', 'bid'] as const;

const levelsOf = (book: PublishedBook, side: BookSideName) =>
	side === 'ask' ? book.asks : book.bids;

/** Whether a price rests on a side (best first, so the prices rise for asks and fall for bids). */
function rests(levels: readonly RestingLevel[], side: BookSideName, ticks: number): boolean {
	const direction = side === 'ask' ? 1 : -1;
	let low = 0;
	let high = levels.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (levels[middle]!.ticks * direction < ticks * direction) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	return levels[low]?.ticks === ticks;
}

/**
 * What a subscriber of `depth` levels is sent of one side's move: the levels of its window that
 * changed, the deletions of levels that left the book from its window, and the levels that came
 * into its window when others left it. Nothing is sent for a level pushed out of the window by a
 * better one: the subscriber cuts its book to the depth after each message, as Kraken's clients
 * must (Kraken never sends those). A level taken away and placed again within the move is sent
 * twice, deleted then placed, as it happened.
 *
 * Both windows are best first, so one walk along them, a merge, finds every difference: a level
 * in the old window only, better than the new window's next, was deleted (had it stayed in the
 * book it would still be in the window); one in the new window only came in.
 */
function sideChanges(
	before: PublishedBook,
	after: PublishedBook,
	side: BookSideName,
	depth: number,
): LevelChange[] {
	const shown = levelsOf(before, side);
	const now = levelsOf(after, side);
	const shownCount = Math.min(depth, shown.length);
	const windowCount = Math.min(depth, now.length);
	const direction = side === 'ask' ? 1 : -1;
	const changes: LevelChange[] = [];
	const deletion = (ticks: number) =>
		changes.push({ticks, lots: 0, timeMicros: after.timeMicros, republished: false});
	const placing = ({ticks, lots, timeMicros}: RestingLevel, republished: boolean) =>
		changes.push({ticks, lots, timeMicros, republished});
	let old = 0;
	let current = 0;
	while (old < shownCount || current < windowCount) {
		const was = old < shownCount ? shown[old] : undefined;
		const is = current < windowCount ? now[current] : undefined;
		if (was && is && was.ticks === is.ticks) {
			if (is.placedIn > before.version) {
				deletion(is.ticks);
				placing(is, false);
			} else if (is.lots !== was.lots) {
				placing(is, false);
			}

			old++;
			current++;
		} else if (was && (!is || was.ticks * direction < is.ticks * direction)) {
			// Past the end of a full new window, a level may rest still, pushed out: not sent.
			if (is || windowCount < depth || !rests(now, side, was.ticks)) {
				deletion(was.ticks);
			}

			old++;
		} else if (is) {
			placing(is, is.version <= before.version);
			current++;
		}
	}

	return changes;
}

/**
 * The book's change between two publications. Each subscriber's changes depend on its depth
 * alone, so they are worked out once per depth and shared by every session that asks.
 */
export class BookMove {
	readonly before: PublishedBook;
	readonly after: PublishedBook;
	readonly #byDepth = new Map<number, WindowChanges>();

	constructor(before: PublishedBook, after: PublishedBook) {
		this.before = before;
		this.after = after;
	}

	changes(depth: number): WindowChanges {
		let changes = this.#byDepth.get(depth);
		if (!changes) {
			const [asks, bids] = sides.map((side) => sideChanges(this.before, this.after, side, depth));
			changes = {asks: asks!, bids: bids!};
			this.#byDepth.set(depth, changes);
		}

		return changes;
	}
}

/** A copy of the book as it stands: the level records never change, so the arrays suffice. */
const capture = (book: SimulatedBook): PublishedBook => ({
	asks: [...book.levels('ask')],
	bids: [...book.levels('bid')],
	version: book.version,
	timeMicros: book.timeMicros,
});

/**
 * What subscribers have been sent of one pair's book. Every session's subscribers stand at the
 * same place, the book as last published cut to their depth (a snapshot is taken from it too),
 * so one move serves them all. The exchange publishes after every change of the book and sends
 * the move to every session before the book changes again.
 */
export class BookPublisher {
	readonly book: SimulatedBook;
	#published: PublishedBook;

	constructor(book: SimulatedBook) {
		this.book = book;
		this.#published = capture(book);
	}

	get published(): PublishedBook {
		return this.#published;
	}

	/** The book's move since the last publication; undefined when it has not changed. */
	publish(): BookMove | undefined {
		if (this.book.version === this.#published.version) {
			return undefined;
		}

		const before = this.#published;
		this.#published = capture(this.book);
		return new BookMove(before, this.#published);
	}
}
