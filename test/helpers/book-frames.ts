// A scripted exchange's order book for one pair, and its frames in either API's shapes
// (docs/kraken-protocol.md, 9): v2 numbers written bare at full precision with their trailing zeros,
// v1 numbers as strings, every checksum computed by bookChecksum over the server's own book. The
// server's book is kept the plainest way (a map a side, sorted when read), apart from the client's
// binary-search sides, so that it can judge every book the client emits.
import {bookChecksum, type WireLevel} from '../../source/kraken/book/checksum.js';
import type {ApiVersion, BookLevel, BookTop} from '../../source/model/types.js';
import type {Random} from './random-frames.js';

/** Levels to write, per side, in the order written; a quantity of zero deletes. */
export type BookChanges = Readonly<{asks?: readonly WireLevel[]; bids?: readonly WireLevel[]}>;

/** The server's book after one message, as a client's BookTop would show it. */
export type BookState = Readonly<{
	asks: readonly BookLevel[];
	bids: readonly BookLevel[];
	checksum: number;
}>;

/** Levels a BookTop carries a side (book-keeper.ts). */
const topLevels = 30;

/** One pair's book as the exchange keeps it: cut to the subscribed depth after every message. */
export class ServerBook {
	readonly depth: number;
	readonly #asks = new Map<number, WireLevel>();
	readonly #bids = new Map<number, WireLevel>();

	constructor(depth: number) {
		this.depth = depth;
	}

	get asks(): WireLevel[] {
		return best(this.#asks, 1).slice(0, this.depth);
	}

	get bids(): WireLevel[] {
		return best(this.#bids, -1).slice(0, this.depth);
	}

	replace(changes: BookChanges): void {
		this.#asks.clear();
		this.#bids.clear();
		this.apply(changes);
	}

	apply({asks = [], bids = []}: BookChanges): void {
		for (const [side, levels] of [
			[this.#asks, asks],
			[this.#bids, bids],
		] as const) {
			for (const level of levels) {
				if (Number(level[1]) === 0) {
					side.delete(Number(level[0]));
				} else {
					side.set(Number(level[0]), level);
				}
			}
		}

		this.#truncate(this.#asks, 1);
		this.#truncate(this.#bids, -1);
	}

	checksum(): number {
		return bookChecksum(this.asks, this.bids);
	}

	state(): BookState {
		const numbers = (levels: readonly WireLevel[]) =>
			levels.slice(0, topLevels).map(([price, qty]): BookLevel => [Number(price), Number(qty)]);
		return {asks: numbers(this.asks), bids: numbers(this.bids), checksum: this.checksum()};
	}

	#truncate(side: Map<number, WireLevel>, direction: 1 | -1): void {
		for (const [price] of best(side, direction).slice(this.depth)) {
			side.delete(Number(price));
		}
	}
}

const best = (side: ReadonlyMap<number, WireLevel>, direction: 1 | -1): WireLevel[] =>
	[...side.entries()]
		.toSorted(([one], [other]) => (one - other) * direction)
		.map(([, level]) => level);

/**
 * One pair's book on the wire: each frame is built from the server's book, which remembers its
 * state after every message written, sent or not.
 */
export class BookScript {
	readonly api: ApiVersion;
	readonly pair: string;
	readonly book: ServerBook;
	/** The server's book after each message written, in order. */
	readonly states: BookState[] = [];
	#clock = 1_699_797_211_000_000;

	constructor(api: ApiVersion, pair: string, depth: number) {
		this.api = api;
		this.pair = pair;
		this.book = new ServerBook(depth);
	}

	/** A snapshot of the whole book, replaced by `levels` first when given. */
	snapshot(levels?: BookChanges): string {
		if (levels) {
			this.book.replace(levels);
		}

		this.states.push(this.book.state());
		const {asks, bids} = this.book;
		return this.api === 'v1'
			? this.#v1([{as: this.#v1Levels(asks), bs: this.#v1Levels(bids)}])
			: this.#v2('snapshot', asks, bids, this.book.checksum());
	}

	/**
	 * An update: `changes` applied to the server's book, the frame carrying its checksum after
	 * them. `sent` writes other levels than those applied (levels reordered, say) under that
	 * checksum, as a faulty exchange would.
	 */
	update(changes: BookChanges, sent: BookChanges = changes): string {
		this.book.apply(changes);
		this.states.push(this.book.state());
		const checksum = this.book.checksum();
		const {asks = [], bids = []} = sent;
		if (this.api === 'v2') {
			return this.#v2('update', asks, bids, checksum);
		}

		// Both sides changed: two payloads, the checksum in the last (docs/kraken-protocol.md, 9).
		const payloads: Array<Record<string, unknown>> = [];
		if (asks.length > 0) {
			payloads.push({a: this.#v1Levels(asks)});
		}

		if (bids.length > 0 || payloads.length === 0) {
			payloads.push({b: this.#v1Levels(bids)});
		}

		payloads.at(-1)!['c'] = String(checksum);
		return this.#v1(payloads);
	}

	#v1(payloads: ReadonlyArray<Record<string, unknown>>): string {
		const name = `book-${this.book.depth}`;
		return JSON.stringify([336, ...payloads, name, this.pair]);
	}

	#v1Levels(levels: readonly WireLevel[]): string[][] {
		return levels.map(([price, qty]) => [price, qty, this.#seconds()]);
	}

	/** v2 writes numbers bare, so the level text goes in as written (`"qty":0.10000000`). */
	#v2(
		type: 'snapshot' | 'update',
		asks: readonly WireLevel[],
		bids: readonly WireLevel[],
		checksum: number,
	) {
		const levels = (side: readonly WireLevel[]) =>
			`[${side.map(([price, qty]) => `{"price":${price},"qty":${qty}}`).join(',')}]`;
		const time = new Date(this.#tick() / 1000).toISOString().replace('Z', '000Z');
		return `{"channel":"book","type":"${type}","data":[{"symbol":${JSON.stringify(this.pair)},"bids":${levels(bids)},"asks":${levels(asks)},"checksum":${checksum},"timestamp":"${time}"}]}`;
	}

	#seconds(): string {
		const micros = this.#tick();
		return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
	}

	/** Microseconds, a millisecond further on each call. */
	#tick(): number {
		this.#clock += 1000;
		return this.#clock;
	}
}

/**
 * The tops emitted for the script's pair that no state of the server's book explains, in order:
 * each must equal (every level a side, and the checksum where it has one) a state the server
 * reached, later than the one the previous top matched. A book that failed its check would be
 * one of these.
 */
export function unexplainedTops(tops: readonly BookTop[], script: BookScript): BookTop[] {
	const unexplained: BookTop[] = [];
	let next = 0;
	for (const top of tops.filter((entry) => entry.pair === script.pair)) {
		const index = script.states.findIndex(
			(state, position) =>
				position >= next &&
				(top.checksum === undefined || top.checksum === state.checksum) &&
				sameLevels(top.asks, state.asks) &&
				sameLevels(top.bids, state.bids),
		);
		if (index === -1) {
			unexplained.push(top);
		} else {
			next = index + 1;
		}
	}

	return unexplained;
}

const sameLevels = (one: readonly BookLevel[], other: readonly BookLevel[]) =>
	one.length === other.length &&
	one.every((level, index) => level[0] === other[index]?.[0] && level[1] === other[index]?.[1]);

/** A book frame with a checksum that is valid as a number but not the book's: one more. */
export function withOtherChecksum(frame: string): string {
	const other = (text: string) => String((Number(text) + 1) % 2 ** 32);
	return frame
		.replace(/"checksum":(\d+)/, (_match, text: string) => `"checksum":${other(text)}`)
		.replace(/"c":"(\d+)"/, (_match, text: string) => `"c":"${other(text)}"`);
}

/** A price of one decimal from a number of tenths. */
export const priceText = (tenths: number) => (tenths / 10).toFixed(1);

/** A random quantity at eight places, sometimes with trailing zeros the checksum must keep. */
export const qtyText = (random: Random) =>
	random.chance(0.3) ? `${random.integer(1, 9)}.10000000` : (random.next() * 5 + 0.0001).toFixed(8);

/**
 * A book of `levels` a side around a mid price of `mid` tenths, one tenth apart with gaps, best
 * first.
 */
export function randomBook(random: Random, mid: number, levels: number): Required<BookChanges> {
	const side = (direction: 1 | -1) => {
		const result: WireLevel[] = [];
		let tenths = mid;
		for (let index = 0; index < levels; index++) {
			tenths += direction * random.integer(1, 3);
			result.push([priceText(tenths), qtyText(random)]);
		}

		return result;
	};

	return {asks: side(1), bids: side(-1)};
}

/**
 * A plausible update of the server's book: a quantity changed, a level inserted inside the window
 * (the worst then falls off unannounced), or one deleted and the window refilled from beyond it
 * in the same message, as Kraken does.
 */
export function randomUpdate(random: Random, book: ServerBook): Required<BookChanges> {
	const changes = {asks: [] as WireLevel[], bids: [] as WireLevel[]};
	const isAsk = random.chance(0.5);
	const levels = isAsk ? book.asks : book.bids;
	const target = isAsk ? changes.asks : changes.bids;
	const direction = isAsk ? 1 : -1;
	const held = new Set(levels.map(([price]) => Number(price)));
	const chosen = random.pick(levels);
	switch (random.integer(0, 2)) {
		case 0: {
			target.push([chosen[0], qtyText(random)]);
			break;
		}

		case 1: {
			const tenths = Math.round(Number(chosen[0]) * 10) + direction;
			if (!held.has(tenths / 10) && tenths / 10 > 0) {
				target.push([priceText(tenths), qtyText(random)]);
			}

			break;
		}

		default: {
			const worst = Math.round(Number(levels.at(-1)![0]) * 10);
			target.push(
				[chosen[0], '0.00000000'],
				[priceText(worst + direction * random.integer(1, 3)), qtyText(random)],
			);
		}
	}

	return changes;
}
