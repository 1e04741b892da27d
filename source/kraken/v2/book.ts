import {readLevels} from '../book/wire-text.js';
import type {BookMessage, FeedMessage} from '../feed-message.js';
import {pairName} from './in-place-checks.js';
import {timeOf} from './utc-time.js';

/*
 * The v2 `book` channel (docs/kraken-protocol.md, 9): `{"channel":"book","type":"snapshot"|
 * "update","data":[{"symbol","bids":[{"price","qty"}],"asks":[…],"checksum","timestamp"}]}`, every
 * message with a checksum. The frame's numbers arrive quoted (wire-text.ts), so each level keeps
 * the exact text the checksum is made of. Checked by hand, not by zod: at depth 1000 a snapshot
 * is two thousand levels, and updates come by the hundred a second.
 */

const readLevel = (entry: unknown) => {
	if (typeof entry !== 'object' || entry === null) {
		return undefined;
	}

	const {price, qty} = entry as Record<string, unknown>;
	return [price, qty] as const;
};

/** One entry of `data`: a message, one with a problem, or undefined when it names no pair. */
function readEntry(entry: unknown, isSnapshot: boolean): BookMessage | undefined {
	if (typeof entry !== 'object' || entry === null) {
		return undefined;
	}

	const {symbol, asks, bids, checksum, timestamp} = entry as Record<string, unknown>;
	if (typeof symbol !== 'string' || !pairName.test(symbol)) {
		return undefined;
	}

	const time = typeof timestamp === 'string' ? timeOf(timestamp) : Number.NaN;
	const message = {
		pair: symbol,
		isSnapshot,
		asks: [],
		bids: [],
		...(Number.isFinite(time) ? {time} : {}),
	};
	if (
		typeof checksum !== 'number' ||
		!Number.isInteger(checksum) ||
		checksum < 0 ||
		checksum > 0xff_ff_ff_ff
	) {
		return {...message, problem: `a checksum that is not one: ${String(checksum).slice(0, 24)}`};
	}

	const askLevels = readLevels(asks ?? [], readLevel);
	const bidLevels = readLevels(bids ?? [], readLevel);
	for (const side of [askLevels, bidLevels]) {
		if ('problem' in side) {
			return {...message, checksum, problem: side.problem};
		}
	}

	return {
		...message,
		asks: 'levels' in askLevels ? askLevels.levels : [],
		bids: 'levels' in bidLevels ? bidLevels.levels : [],
		checksum,
	};
}

export function decodeBookMessage(value: Record<string, unknown>): FeedMessage {
	const {type, data} = value;
	if ((type !== 'snapshot' && type !== 'update') || !Array.isArray(data)) {
		return {kind: 'unrecognised', reason: 'book message without a type and data'};
	}

	const messages: BookMessage[] = [];
	for (const entry of data as unknown[]) {
		const message = readEntry(entry, type === 'snapshot');
		if (!message) {
			return {kind: 'unrecognised', reason: 'book message for no pair'};
		}

		messages.push(message);
	}

	return {kind: 'book', messages};
}
