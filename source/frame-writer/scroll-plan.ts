import {
	cursorTo,
	deleteLines,
	insertLines,
	resetScrollRegion,
	setScrollRegion,
} from './control-sequences.js';

/**
 * Rows top..bottom (0-based, inclusive) shifted by `shift` rows: down (lines inserted at the top,
 * the bottom ones pushed out) when positive, up (lines deleted at the top) when negative.
 */
export type ScrollMove = Readonly<{top: number; bottom: number; shift: number}>;

/** Rows are line identities: equal numbers look the same. */
type Rows = readonly number[];

/** How many moves one frame may use, and how many candidates each round weighs. */
const maximumMoves = 3;
const candidatesPerRound = 8;

export function moveSequence(move: ScrollMove): string {
	const count = Math.abs(move.shift);
	return (
		setScrollRegion(move.top + 1, move.bottom + 1) +
		cursorTo(move.top + 1) +
		(move.shift > 0 ? insertLines(count) : deleteLines(count)) +
		resetScrollRegion
	);
}

/** The screen after a move; rows scrolled in are `blank`. */
export function applyMove(screen: Rows, move: ScrollMove, blank: number): number[] {
	const moved = [...screen];
	for (let row = move.top; row <= move.bottom; row++) {
		const source = row - move.shift;
		moved[row] = source >= move.top && source <= move.bottom ? (screen[source] ?? blank) : blank;
	}

	return moved;
}

/**
 * Moves worth trying: each maximal run of rows where `target` shows what `screen` shows a fixed
 * number of rows away (a diagonal of the row-equality matrix), ranked by how many of its rows are
 * wrong where they stand. O(rows²), which is nothing for a screenful.
 */
export function findMoves(screen: Rows, target: Rows): ScrollMove[] {
	const height = target.length;
	const candidates: Array<{move: ScrollMove; gain: number}> = [];
	for (let shift = 1 - height; shift < height; shift++) {
		if (shift === 0) {
			continue;
		}

		let runStart: number | undefined;
		let gain = 0;
		const first = Math.max(0, shift);
		const last = Math.min(height, height + shift);
		for (let row = first; row <= last; row++) {
			const isMatch = row < last && target[row] === screen[row - shift];
			if (isMatch) {
				runStart ??= row;
				gain += target[row] === screen[row] ? 0 : 1;
				continue;
			}

			if (runStart !== undefined && gain > 0) {
				// Rows runStart..row-1 of the target come from runStart-shift..row-1-shift.
				const move =
					shift > 0
						? {top: runStart - shift, bottom: row - 1, shift}
						: {top: runStart, bottom: row - 1 - shift, shift};
				candidates.push({move, gain});
			}

			runStart = undefined;
			gain = 0;
		}
	}

	candidates.sort((first, second) => second.gain - first.gain);
	return candidates.slice(0, candidatesPerRound).map((candidate) => candidate.move);
}

/**
 * Chooses scroll moves greedily: each round takes the candidate that most lowers the total cost
 * (its own bytes plus `rowCost` of every row that is still wrong), until none lowers it.
 */
export function planMoves(
	screen: Rows,
	target: Rows,
	rowCost: (row: number, shown: number, wanted: number) => number,
	blank: number,
): {moves: ScrollMove[]; screen: Rows} {
	const totalCost = (rows: Rows) =>
		rows.reduce(
			(sum, shown, row) =>
				sum + (shown === target[row] ? 0 : rowCost(row, shown, target[row] ?? blank)),
			0,
		);
	const moves: ScrollMove[] = [];
	let current = screen;
	let currentCost = totalCost(current);
	for (let round = 0; round < maximumMoves && currentCost > 0; round++) {
		let best: {move: ScrollMove; rows: number[]; cost: number; rowsCost: number} | undefined;
		for (const move of findMoves(current, target)) {
			const rows = applyMove(current, move, blank);
			const rowsCost = totalCost(rows);
			const cost = moveSequence(move).length + rowsCost;
			if (cost < (best?.cost ?? currentCost)) {
				best = {move, rows, cost, rowsCost};
			}
		}

		if (!best) {
			break;
		}

		moves.push(best.move);
		current = best.rows;
		currentCost = best.rowsCost;
	}

	return {moves, screen: current};
}
