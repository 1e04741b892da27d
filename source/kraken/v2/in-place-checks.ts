import * as z from 'zod';
import {describeIssues, isJsonObject, type FeedMessage} from '../feed-message.js';
import {readUtcTime} from './utc-time.js';

/*
 * The rules of the v2 channel schemas, as plain tests on a parsed frame. Trade, ticker and candle
 * frames are nearly all the traffic, and zod builds a checked copy of each; these let a decoder
 * accept a frame where it lies. Each decoder's in-place check only ever accepts what its schema
 * accepts (test/kraken/v2-in-place-checks.test.ts holds them to the same answers over broken
 * frames); what it refuses goes to the schema, which has the last word and says what is wrong.
 */

export const pairName = /^[A-Za-z\d.]{1,16}\/[A-Za-z\d.]{1,16}$/;
/** An ISO 8601 time with an offset (`Z` or `+02:00`), as the schemas' `z.iso.datetime`. */
export const timestamp = z.iso.datetime({offset: true});
const timestampPattern = timestamp.def.pattern;

/** The `data` of a frame of this channel, a snapshot or an update; undefined for any other. */
export function channelData(
	value: Record<string, unknown>,
	channel: string,
): readonly unknown[] | undefined {
	const {data} = value;
	return value['channel'] === channel &&
		(value['type'] === 'snapshot' || value['type'] === 'update') &&
		Array.isArray(data)
		? (data as unknown[])
		: undefined;
}

/**
 * A frame of this channel, a snapshot or an update, whose `data` is an array of objects each
 * passing `isEntry`.
 */
export function isChannelMessage(
	value: Record<string, unknown>,
	channel: string,
	isEntry: (entry: Record<string, unknown>) => boolean,
): boolean {
	const data = channelData(value, channel);
	if (data === undefined) {
		return false;
	}

	for (const entry of data) {
		if (!isJsonObject(entry) || !isEntry(entry)) {
			return false;
		}
	}

	return true;
}

/** The last pair name found good: a stream's frames name the same pair again and again. */
let lastPairName: string | undefined;

export function isPairName(value: unknown): value is string {
	if (lastPairName !== undefined && value === lastPairName) {
		return true;
	}

	const isGood = typeof value === 'string' && pairName.test(value);
	if (isGood) {
		lastPairName = value;
	}

	return isGood;
}

/** `z.number()`: finite, as JSON's numbers always are. */
export function isNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

export function isPositive(value: unknown): value is number {
	return isNumber(value) && value > 0;
}

export function isNonNegative(value: unknown): value is number {
	return isNumber(value) && value >= 0;
}

/** `z.number().int().nonnegative()`: zod's integers are the safe ones. */
export function isCount(value: unknown): value is number {
	return Number.isSafeInteger(value) && (value as number) >= 0;
}

export function isTimestamp(value: unknown): value is string {
	return (
		typeof value === 'string' && timestampPattern !== undefined && timestampPattern.test(value)
	);
}

/**
 * The time of a value `timestamp` accepts, as Date.parse reads it; undefined for any other. Kraken's
 * own form is read by hand (utc-time.ts), which only ever accepts what the pattern does, so the
 * pattern is tested only for other forms.
 */
export function timeIfTimestamp(value: unknown): number | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}

	return readUtcTime(value) ?? (isTimestamp(value) ? Date.parse(value) : undefined);
}

/**
 * A frame's message: converted where it lies when its in-place check accepts it, else judged by
 * its schema, which converts what it accepts and says what is wrong with the rest.
 */
export function decodeChecked<Message>(
	value: Record<string, unknown>,
	channel: Readonly<{
		name: string;
		isChecked: (value: Record<string, unknown>) => value is Record<string, unknown> & Message;
		schema: z.ZodType<Message>;
		convert: (message: Message) => FeedMessage;
	}>,
): FeedMessage {
	if (channel.isChecked(value)) {
		return channel.convert(value);
	}

	const parsed = channel.schema.safeParse(value);
	return parsed.success
		? channel.convert(parsed.data)
		: {kind: 'unrecognised', reason: `${channel.name} ${describeIssues(parsed.error.issues)}`};
}

/**
 * What is wrong with a frame an in-place reader refused, in the schema's words. The reader accepts
 * all the schema does, so a frame the schema accepts here is refused all the same, and said so.
 */
export function refusal(value: unknown, schema: z.ZodType, name: string): FeedMessage {
	const parsed = schema.safeParse(value);
	return {
		kind: 'unrecognised',
		reason: parsed.success
			? `${name} the in-place reader refused`
			: `${name} ${describeIssues(parsed.error.issues)}`,
	};
}
