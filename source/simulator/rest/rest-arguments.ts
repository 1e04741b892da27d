import type {PairDirectory, PairNames} from './kraken-pair-keys.js';

/*
 * Reading a REST call's query. Kraken's words for what it refuses: a pair it does not list is
 * `EQuery:Unknown asset pair`; a missing or malformed argument `EGeneral:Invalid arguments`.
 */

export const invalidArguments = 'EGeneral:Invalid arguments';
export const unknownPair = 'EQuery:Unknown asset pair';

export type Refusal = Readonly<{error: string}>;

/** The pair a call names in `pair`, by any of its REST names. */
export function pairArgument(query: URLSearchParams, pairs: PairDirectory): PairNames | Refusal {
	const name = query.get('pair');
	if (name === null || name.trim() === '') {
		return {error: invalidArguments};
	}

	return pairs.find(name) ?? {error: unknownPair};
}

/**
 * The pairs of a comma-separated `pair`, or every pair when there is none (AssetPairs and
 * Ticker: "leaving pair blank returns all tradeable pairs").
 */
export function pairListArgument(
	query: URLSearchParams,
	pairs: PairDirectory,
): readonly PairNames[] | Refusal {
	const list = query.get('pair');
	if (list === null || list.trim() === '') {
		return pairs.all;
	}

	const found: PairNames[] = [];
	for (const name of list.split(',')) {
		const names = pairs.find(name);
		if (!names) {
			return {error: unknownPair};
		}

		if (!found.includes(names)) {
			found.push(names);
		}
	}

	return found;
}

/** A whole number in `[min, max]`, `fallback` when absent; undefined when anything else. */
export function integerArgument(
	text: string | null,
	fallback: number,
	min: number,
	max: number,
): number | undefined {
	if (text === null) {
		return fallback;
	}

	if (!/^\d{1,15}$/.test(text)) {
		return undefined;
	}

	const value = Number(text);
	return value >= min && value <= max ? value : undefined;
}

/** Below this a whole `since` is seconds (today's are ten digits); from it, nanoseconds (19). */
const nanosecondsFrom = 10n ** 12n;

/**
 * Trades' `since` in nanoseconds: seconds, whole (`1616663618`) or not (`1616663618.5`), or
 * nanoseconds (`1616663618500000000`), told apart by size. Read as text, so a 19-digit id
 * (above 2^53) keeps every digit. Undefined when absent, a refusal when malformed.
 */
export function sinceNanoseconds(text: string | null): bigint | undefined | Refusal {
	if (text === null || text === '') {
		return undefined;
	}

	const match = /^(\d{1,30})(?:\.(\d{1,30}))?$/.exec(text.trim());
	if (!match) {
		return {error: invalidArguments};
	}

	const whole = BigInt(match[1]!);
	const fraction = match[2];
	if (fraction === undefined && whole >= nanosecondsFrom) {
		return whole;
	}

	return whole * 1_000_000_000n + BigInt(`${fraction ?? ''}`.padEnd(9, '0').slice(0, 9));
}

/** OHLC's `since`: seconds, the fraction dropped. Undefined when absent, a refusal when malformed. */
export function sinceSeconds(text: string | null): number | undefined | Refusal {
	if (text === null || text === '') {
		return undefined;
	}

	const match = /^(\d{1,15})(?:\.\d*)?$/.exec(text.trim());
	return match ? Number(match[1]) : {error: invalidArguments};
}

export const isRefusal = (value: unknown): value is Refusal =>
	typeof value === 'object' && value !== null && 'error' in value;
