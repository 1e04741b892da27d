/** Edits (insert, delete, substitute, swap two neighbours) that turn one text into the other. */
function editDistance(from: string, to: string): number {
	const rows = Array.from({length: from.length + 1}, (_, row) =>
		Array.from({length: to.length + 1}, (_, column) =>
			row === 0 ? column : column === 0 ? row : 0,
		),
	);
	for (let row = 1; row <= from.length; row++) {
		for (let column = 1; column <= to.length; column++) {
			const cost = from[row - 1] === to[column - 1] ? 0 : 1;
			const current = rows[row]!;
			const above = rows[row - 1]!;
			current[column] = Math.min(
				above[column]! + 1,
				current[column - 1]! + 1,
				above[column - 1]! + cost,
			);
			if (
				row > 1 &&
				column > 1 &&
				from[row - 1] === to[column - 2] &&
				from[row - 2] === to[column - 1]
			) {
				current[column] = Math.min(current[column]!, rows[row - 2]![column - 2]! + 1);
			}
		}
	}

	return rows[from.length]![to.length]!;
}

/** Case, dashes and underscores aside: `Rest_URL` is rest-url misspelt, not a different word. */
const folded = (text: string) => text.toLowerCase().replaceAll(/[-_\s]/g, '');

/**
 * The known name `written` most likely meant, when one is close: the same letters in another
 * case or punctuation, one that starts with it or it starts with (`pair` for pairs), or one within
 * a third of its length in edits. Undefined when nothing is close enough to be a fair guess.
 */
export function closestName(written: string, known: readonly string[]): string | undefined {
	const target = folded(written);
	if (target === '') {
		return undefined;
	}

	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const name of known) {
		const candidate = folded(name);
		const isPrefix =
			target.length >= 3 && (candidate.startsWith(target) || target.startsWith(candidate));
		const distance = candidate === target ? 0 : isPrefix ? 1 : editDistance(target, candidate);
		if (distance < bestDistance) {
			best = name;
			bestDistance = distance;
		}
	}

	return bestDistance <= Math.max(1, Math.floor(target.length / 3)) ? best : undefined;
}

/** ` (did you mean "pairs"?)`, or nothing when no name is close. */
export function didYouMean(written: string, known: readonly string[]): string {
	const name = closestName(written, known);
	return name === undefined ? '' : ` (did you mean "${name}"?)`;
}
