import type {WireLevel} from './checksum.js';

/** A price or quantity as Kraken writes it: digits, perhaps a point and more digits. */
const decimalText = /^\d+(?:\.\d+)?$/;

/**
 * v2 writes prices and quantities as bare JSON numbers at the pair's full precision
 * (`"qty":0.10000000`), and JSON.parse would keep only the double (0.1): the checksum needs the
 * text. Quoting them first keeps it; only book levels use these two keys. JSON allows spaces
 * around the colon (Kraken's guide prints `"qty": 0.10000000`), so the pattern does too.
 */
export function quoteBookNumbers(text: string): string {
	return text.replaceAll(/"(price|qty)"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/g, '"$1":"$2"');
}

/** Checks a level's two texts; the reason it cannot be a level, or undefined when it can. */
export function levelProblem(price: unknown, quantity: unknown): string | undefined {
	if (typeof price !== 'string' || !decimalText.test(price)) {
		return `a level priced ${describe(price)}`;
	}

	if (typeof quantity !== 'string' || !decimalText.test(quantity)) {
		return `a level at ${price} with quantity ${describe(quantity)}`;
	}

	return Number(price) > 0 ? undefined : `a level priced ${price}`;
}

const describe = (value: unknown) =>
	typeof value === 'string' ? JSON.stringify(value.slice(0, 24)) : String(value).slice(0, 24);

/** Levels read by `read` from a list, or the first problem with one. */
export function readLevels(
	list: unknown,
	read: (entry: unknown) => readonly [unknown, unknown] | undefined,
): Readonly<{levels: WireLevel[]}> | Readonly<{problem: string}> {
	if (!Array.isArray(list)) {
		return {problem: 'a side that is not a list'};
	}

	const levels: WireLevel[] = [];
	for (const entry of list as unknown[]) {
		const pair = read(entry);
		if (!pair) {
			return {problem: 'a level of the wrong shape'};
		}

		const problem = levelProblem(pair[0], pair[1]);
		if (problem) {
			return {problem};
		}

		levels.push(pair as WireLevel);
	}

	return {levels};
}
