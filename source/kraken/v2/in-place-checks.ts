import * as z from 'zod';

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

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A channel frame's envelope: this channel, a snapshot or an update, and an array of data. */
export function isEnvelope(
	value: Record<string, unknown>,
	channel: string,
): value is Record<string, unknown> & {data: unknown[]} {
	return (
		value['channel'] === channel &&
		(value['type'] === 'snapshot' || value['type'] === 'update') &&
		Array.isArray(value['data'])
	);
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
