import type {WireLevel} from '../book/checksum.js';
import {readLevels} from '../book/wire-text.js';
import {isJsonObject, type BookMessage, type FeedMessage} from '../feed-message.js';
import {pairNameSchema} from './trade.js';

/*
 * The v1 `book` channel (docs/kraken-protocol.md, 9): `[channelID, payload, "book-<depth>",
 * pair]`, or two payloads when both sides changed. A snapshot's payload has `as` and `bs` and no
 * checksum; an update's has `a` and/or `b`, and the last payload carries the checksum `c` as a
 * quoted number. Levels are `[price, volume, timestamp]` strings, with a fourth element "r" on a
 * level republished to refill the window (an upsert like any other).
 */

const readLevel = (entry: unknown) =>
	Array.isArray(entry) && entry.length >= 3 ? ([entry[0], entry[1]] as const) : undefined;

/** The latest level timestamp (seconds, as text) of the lists, in milliseconds. */
function latestTime(lists: readonly unknown[]): number | undefined {
	let latest: number | undefined;
	for (const list of lists) {
		for (const entry of Array.isArray(list) ? (list as unknown[]) : []) {
			const seconds = Array.isArray(entry) ? Number(entry[2]) : Number.NaN;
			if (Number.isFinite(seconds)) {
				latest = Math.max(latest ?? 0, seconds * 1000);
			}
		}
	}

	return latest === undefined ? undefined : Math.round(latest);
}

/** Reads the payloads of one frame into one message for `pair`. */
function readPayloads(pair: string, payloads: ReadonlyArray<Record<string, unknown>>): BookMessage {
	const isSnapshot = payloads.some((payload) => 'as' in payload || 'bs' in payload);
	const askList = payloads.map((payload) => (isSnapshot ? payload['as'] : payload['a']));
	const bidList = payloads.map((payload) => (isSnapshot ? payload['bs'] : payload['b']));
	const time = latestTime([...askList, ...bidList]);
	const message = {pair, isSnapshot, asks: [], bids: [], ...(time === undefined ? {} : {time})};
	const asks: WireLevel[] = [];
	const bids: WireLevel[] = [];
	for (const [list, levels] of [
		[askList, asks],
		[bidList, bids],
	] as const) {
		for (const side of list) {
			if (side === undefined) {
				continue;
			}

			const read = readLevels(side, readLevel);
			if ('problem' in read) {
				return {...message, problem: read.problem};
			}

			levels.push(...read.levels);
		}
	}

	if (isSnapshot) {
		return {...message, asks, bids};
	}

	const checksumText = payloads.at(-1)?.['c'];
	if (typeof checksumText !== 'string' || !/^\d{1,10}$/.test(checksumText)) {
		return {
			...message,
			problem: `a checksum that is not one: ${String(checksumText).slice(0, 24)}`,
		};
	}

	const checksum = Number(checksumText);
	return checksum > 0xff_ff_ff_ff
		? {...message, problem: `a checksum out of range: ${checksumText}`}
		: {...message, asks, bids, checksum};
}

export function decodeBookFrame(value: unknown[]): FeedMessage {
	const channelName = value.at(-2);
	const pair = pairNameSchema.safeParse(value.at(-1));
	const payloads = value.slice(1, -2);
	if (
		typeof channelName !== 'string' ||
		!/^book-\d+$/.test(channelName) ||
		!pair.success ||
		typeof value[0] !== 'number' ||
		payloads.length < 1 ||
		payloads.length > 2 ||
		!payloads.every(isJsonObject)
	) {
		return {kind: 'unrecognised', reason: 'book frame of the wrong shape'};
	}

	return {
		kind: 'book',
		messages: [readPayloads(pair.data, payloads as Array<Record<string, unknown>>)],
	};
}
