import type {WireLevel} from '../book/checksum.js';
import type {BookMessage} from '../feed-message.js';
import {
	closeBrace,
	closeBracket,
	comma,
	giveUp,
	JsonScan,
	nine,
	openBrace,
	openBracket,
	zero,
} from './json-scan.js';
import {isPairName} from './in-place-checks.js';
import {timeOf} from './utc-time.js';

/*
 * A single pass over a v2 book frame as Kraken writes it, compact and channel first:
 * `{"channel":"book","type":…,"data":[{"symbol":…,"bids":[{"price":N,"qty":N},…],"asks":[…],
 * "checksum":N,"timestamp":…}]}`. Book frames come by the thousand a second at depth 1000, and
 * the general path reads each three times (quoting its numbers so JSON.parse keeps their text,
 * parsing, then checking every level); this reads it once, keeping each number's text as it goes.
 *
 * It only ever gives the answer the general path gives (test/kraken/v2-book-scanner.test.ts holds
 * the two to the same answer over real and mutated frames). Anything it is not sure of, it leaves
 * to the general path by giving up: whitespace, escapes, unknown or repeated keys, a number that
 * is not plain digits, a level that would be a problem. Problems are rare and the general path
 * says what they are.
 */

const frameStart = '{"channel":"book",';

/** Whether a decimal's text has a digit other than zero. */
function isPositive(decimal: string): boolean {
	for (let index = 0; index < decimal.length; index++) {
		const code = decimal.charCodeAt(index);
		if (code > zero && code <= nine) {
			return true;
		}
	}

	return false;
}

/** `[{"price":N,"qty":N},…]`, in that key order, the price above zero. */
function levels(scan: JsonScan): WireLevel[] {
	scan.expect(openBracket);
	const read: WireLevel[] = [];
	if (scan.take(closeBracket)) {
		return read;
	}

	do {
		scan.expect(openBrace);
		if (scan.key() !== 'price') {
			throw giveUp;
		}

		const price = scan.decimal();
		scan.expect(comma);
		if (scan.key() !== 'qty') {
			throw giveUp;
		}

		const quantity = scan.decimal();
		scan.expect(closeBrace);
		if (!isPositive(price)) {
			throw giveUp;
		}

		read.push([price, quantity]);
	} while (scan.take(comma));

	scan.expect(closeBracket);
	return read;
}

/** One entry of `data`, with a checksum and every level sound. */
function entry(scan: JsonScan, isSnapshot: boolean): BookMessage {
	scan.expect(openBrace);
	let pair: string | undefined;
	let asks: WireLevel[] | undefined;
	let bids: WireLevel[] | undefined;
	let checksum: number | undefined;
	let time: number | undefined;
	do {
		switch (scan.key()) {
			case 'symbol': {
				if (pair !== undefined) {
					throw giveUp;
				}

				pair = scan.string();
				break;
			}

			case 'bids': {
				if (bids) {
					throw giveUp;
				}

				bids = levels(scan);
				break;
			}

			case 'asks': {
				if (asks) {
					throw giveUp;
				}

				asks = levels(scan);
				break;
			}

			case 'checksum': {
				const text = scan.decimal();
				const value = Number(text);
				if (checksum !== undefined || text.includes('.') || value > 0xff_ff_ff_ff) {
					throw giveUp;
				}

				checksum = value;
				break;
			}

			case 'timestamp': {
				if (time !== undefined) {
					throw giveUp;
				}

				time = timeOf(scan.string());
				break;
			}

			default: {
				throw giveUp;
			}
		}
	} while (scan.take(comma));

	scan.expect(closeBrace);
	if (pair === undefined || checksum === undefined || !isPairName(pair)) {
		throw giveUp;
	}

	// Built whole, not spread: a frame by the thousand a second.
	return time !== undefined && Number.isFinite(time)
		? {pair, isSnapshot, asks: asks ?? [], bids: bids ?? [], time, checksum}
		: {pair, isSnapshot, asks: asks ?? [], bids: bids ?? [], checksum};
}

/**
 * A v2 book frame's messages, read in one pass, or undefined where the general path must read it
 * (which it always may: this is only ever a shortcut).
 */
export function scanBookFrame(text: string): BookMessage[] | undefined {
	if (!text.startsWith(frameStart)) {
		return undefined;
	}

	const scan = new JsonScan(text, frameStart.length);
	try {
		let type: string | undefined;
		let messages: BookMessage[] | undefined;
		do {
			const key = scan.key();
			if (key === 'type' && type === undefined && messages === undefined) {
				type = scan.string();
				if (type !== 'snapshot' && type !== 'update') {
					return undefined;
				}
			} else if (key === 'data' && type !== undefined && messages === undefined) {
				messages = [];
				scan.expect(openBracket);
				if (!scan.take(closeBracket)) {
					do {
						messages.push(entry(scan, type === 'snapshot'));
					} while (scan.take(comma));

					scan.expect(closeBracket);
				}
			} else {
				return undefined;
			}
		} while (scan.take(comma));

		scan.expect(closeBrace);
		return scan.index === text.length && messages ? messages : undefined;
	} catch (error) {
		if (error === giveUp) {
			return undefined;
		}

		throw error;
	}
}
