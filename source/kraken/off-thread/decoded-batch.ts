import type {Trade} from '../../model/types.js';
import type {FeedMessage} from '../feed-message.js';

/*
 * Decoded messages on their way from the decoding worker to the client. Posting the trades as
 * objects cost the main thread as much to take in (structured clone) as parsing their frames had,
 * so trades travel as numbers in one Float64Array, transferred rather than copied, and become
 * objects again on the main thread; their pairs travel once a batch. Book frames travel as their
 * text, decoded again on the main thread: their levels are texts the checksum is made of, and
 * cloning them decoded cost the main thread more than decoding them (npm run bench, book row).
 * The other messages are few (acks, tickers, candles, heartbeats) and are cloned as they are.
 *
 * Records, one after another in `numbers`:
 *   trades:  1, count, isSnapshot (1 or 0), receivedAt, then per trade
 *            pair (index into `pairs`), side (1 buy, 0 sell), price, volume, time,
 *            orderType (1 market, 0 limit), tradeId (NaN when the frame has none)
 *   other:   2, index into `others`, receivedAt
 *   text:    3, index into `texts` (a frame to decode on the main thread), receivedAt
 */

export type DecodedBatch = Readonly<{
	numbers: Float64Array;
	/** How many of `numbers` are written. */
	length: number;
	pairs: readonly string[];
	others: readonly FeedMessage[];
	texts: readonly string[];
	/** How many messages the batch holds. */
	messages: number;
}>;

const tradesRecord = 1;
const otherRecord = 2;
const textRecord = 3;
const tradeFields = 7;

/**
 * Gathers decoded messages into a batch. Trades from a codec have no `isBackfilled` (that is set
 * for REST's), so the fields above are all a wire trade has.
 */
export class BatchBuilder {
	#numbers = new Float64Array(4096);
	#length = 0;
	#pairs: string[] = [];
	#pairIndex = new Map<string, number>();
	#others: FeedMessage[] = [];
	#texts: string[] = [];
	#messages = 0;

	get messages(): number {
		return this.#messages;
	}

	/** A frame the main thread decodes itself. */
	addText(text: string, receivedAt: number): void {
		this.#messages++;
		this.#reserve(3);
		this.#push(textRecord);
		this.#push(this.#texts.length);
		this.#push(receivedAt);
		this.#texts.push(text);
	}

	add(message: FeedMessage, receivedAt: number): void {
		this.#messages++;
		if (message.kind !== 'trades') {
			this.#reserve(3);
			this.#push(otherRecord);
			this.#push(this.#others.length);
			this.#push(receivedAt);
			this.#others.push(message);
			return;
		}

		const {trades} = message;
		this.#reserve(4 + trades.length * tradeFields);
		this.#push(tradesRecord);
		this.#push(trades.length);
		this.#push(message.isSnapshot ? 1 : 0);
		this.#push(receivedAt);
		for (const trade of trades) {
			this.#push(this.#pairOf(trade.pair));
			this.#push(trade.side === 'buy' ? 1 : 0);
			this.#push(trade.price);
			this.#push(trade.volume);
			this.#push(trade.time);
			this.#push(trade.orderType === 'market' ? 1 : 0);
			this.#push(trade.tradeId ?? Number.NaN);
		}
	}

	/** The batch so far, and a fresh start for the next. */
	take(): DecodedBatch {
		const batch = {
			numbers: this.#numbers,
			length: this.#length,
			pairs: this.#pairs,
			others: this.#others,
			texts: this.#texts,
			messages: this.#messages,
		};
		this.#numbers = new Float64Array(4096);
		this.#length = 0;
		this.#pairs = [];
		this.#pairIndex = new Map();
		this.#others = [];
		this.#texts = [];
		this.#messages = 0;
		return batch;
	}

	#pairOf(pair: string): number {
		let index = this.#pairIndex.get(pair);
		if (index === undefined) {
			index = this.#pairs.length;
			this.#pairs.push(pair);
			this.#pairIndex.set(pair, index);
		}

		return index;
	}

	#reserve(count: number): void {
		if (this.#length + count <= this.#numbers.length) {
			return;
		}

		let size = this.#numbers.length * 2;
		while (size < this.#length + count) {
			size *= 2;
		}

		const grown = new Float64Array(size);
		grown.set(this.#numbers.subarray(0, this.#length));
		this.#numbers = grown;
	}

	#push(value: number): void {
		this.#numbers[this.#length++] = value;
	}
}

/**
 * Hands each message of a batch to `each`, in the order they were added; the frames sent as text
 * are decoded with `decode`.
 */
export function readBatch(
	batch: DecodedBatch,
	decode: (text: string) => FeedMessage,
	each: (message: FeedMessage, receivedAt: number) => void,
): void {
	const {numbers, length, pairs, others, texts} = batch;
	let at = 0;
	while (at < length) {
		if (numbers[at] === otherRecord) {
			each(others[numbers[at + 1]!]!, numbers[at + 2]!);
			at += 3;
			continue;
		}

		if (numbers[at] === textRecord) {
			each(decode(texts[numbers[at + 1]!]!), numbers[at + 2]!);
			at += 3;
			continue;
		}

		const count = numbers[at + 1]!;
		const isSnapshot = numbers[at + 2] === 1;
		const receivedAt = numbers[at + 3]!;
		at += 4;
		const trades: Trade[] = [];
		for (let index = 0; index < count; index++, at += tradeFields) {
			const pair = pairs[numbers[at]!]!;
			const side = numbers[at + 1] === 1 ? 'buy' : 'sell';
			const orderType = numbers[at + 5] === 1 ? 'market' : 'limit';
			const tradeId = numbers[at + 6]!;
			const price = numbers[at + 2]!;
			const volume = numbers[at + 3]!;
			const time = numbers[at + 4]!;
			trades.push(
				Number.isNaN(tradeId)
					? {pair, side, price, volume, time, orderType}
					: {pair, side, price, volume, time, orderType, tradeId},
			);
		}

		each({kind: 'trades', trades, isSnapshot}, receivedAt);
	}
}
