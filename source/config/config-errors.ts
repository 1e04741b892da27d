import type * as z from 'zod';
import {didYouMean} from './did-you-mean.js';
import {flagOnlyKeys, knownKeysAt} from './config-schema.js';
import {lineOf, pathText, type ValuePath} from './toml-lines.js';

/** One problem, placed: the line it is on (when known) and what to say. */
type Problem = Readonly<{line: number | undefined; text: string}>;

function valueAt(document: unknown, path: ValuePath): unknown {
	let value = document;
	for (const part of path) {
		if (typeof value !== 'object' || value === null) {
			return undefined;
		}

		value = (value as Record<string | number, unknown>)[part];
	}

	return value;
}

/** A value as the file wrote it, for the message; tables and lists are named by their key alone. */
function shownValue(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
		? ` ${JSON.stringify(value)}`
		: '';
}

/** `unknown key "pair" (did you mean "pairs"?)`, or a word about a flag that has no key. */
function unknownKeyText(path: ValuePath, guess: string): string {
	const key = String(path.at(-1));
	const table = path.slice(0, -1);
	if (table.length === 0 && flagOnlyKeys.has(key)) {
		return `"${key}" is a flag only (--${key}), not a setting for the file`;
	}

	// An uncommented line of the starting file without its table's header.
	for (const [name, known] of [
		['keys', knownKeysAt(['keys'])],
		['colours', knownKeysAt(['colours'])],
	] as const) {
		if (table.length === 0 && known.includes(key)) {
			return `"${key}" belongs in the [${name}] table: put it under a [${name}] line`;
		}
	}

	// A table of an array of tables is written [[alert]] in the file.
	const name = pathText(table.filter((part) => typeof part === 'string'));
	const where =
		table.length === 0
			? ''
			: typeof table.at(-1) === 'number'
				? ` in [[${name}]]`
				: ` in [${name}]`;
	return `unknown key "${key}"${where}${guess}`;
}

function problemsOf(
	issue: z.core.$ZodIssue,
	document: unknown,
	lines: ReadonlyMap<string, number>,
): Problem[] {
	const path = issue.path as ValuePath;
	if (issue.code === 'unrecognized_keys') {
		return issue.keys.map((key) => ({
			line: lineOf(lines, [...path, key]),
			text: unknownKeyText([...path, key], didYouMean(key, knownKeysAt(path))),
		}));
	}

	if (
		issue.code === 'custom' &&
		(issue.params as {isUnknownKey?: boolean} | undefined)?.isUnknownKey
	) {
		return [{line: lineOf(lines, path), text: unknownKeyText(path, issue.message)}];
	}

	const label = pathText(path);
	const value = shownValue(valueAt(document, path));
	return [{line: lineOf(lines, path), text: `${label}${value}: ${issue.message}`}];
}

/**
 * The one line a bad file is reported with: `~/.config/kraken-tape/config.toml:7: pairs[2]
 * "BTCUSD": not BASE/QUOTE`. Of several problems, the first in the file is said: fixing from the
 * top is what a user does.
 */
export function configProblem(
	shown: string,
	issues: readonly z.core.$ZodIssue[],
	document: unknown,
	lines: ReadonlyMap<string, number>,
): string {
	const problems = issues.flatMap((issue) => problemsOf(issue, document, lines));
	const [first] = problems.toSorted(
		(a, b) => (a.line ?? Number.POSITIVE_INFINITY) - (b.line ?? Number.POSITIVE_INFINITY),
	);
	if (first === undefined) {
		return `${shown}: not a valid config file`;
	}

	return `${shown}${first.line === undefined ? '' : `:${first.line}`}: ${first.text}`;
}
