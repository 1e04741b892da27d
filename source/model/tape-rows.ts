import type {TradeHistory} from './trade-ring.js';
import type {TapeMarker, Trade} from './types.js';

/** One row of a tape: a trade (with the one before it, for its changed digits) or a mark. */
export type TapeRow =
	| Readonly<{kind: 'trade'; trade: Trade; previous: Trade | undefined}>
	| Readonly<{kind: 'marker'; marker: TapeMarker}>;

/**
 * Up to `count` rows, newest first, starting `skip` trades back from the newest: the trades, and
 * each mark between the two trades it was made between (a mark made after the newest trade is
 * the top row). A mark counts as a row, not as a trade, so scrolling moves by trades.
 */
export function tapeRows(
	trades: TradeHistory,
	markers: readonly TapeMarker[],
	count: number,
	skip: number,
): TapeRow[] {
	const rows: TapeRow[] = [];
	let markerIndex = markers.length - 1;
	// Each trade is built once: it is one row's trade and the row above's `previous`.
	let trade = trades.fromNewest(skip);
	for (let age = skip; rows.length < count && trade !== undefined; age++) {
		// The trade's place among every trade ever pushed: marks made above it have a greater one.
		const sequence = trades.pushed - 1 - age;
		while (markerIndex >= 0 && markers[markerIndex]!.position > sequence + 1) {
			markerIndex--;
		}

		while (
			rows.length < count &&
			markerIndex >= 0 &&
			markers[markerIndex]!.position === sequence + 1
		) {
			rows.push({kind: 'marker', marker: markers[markerIndex--]!});
		}

		const previous = trades.fromNewest(age + 1);
		if (rows.length < count) {
			rows.push({kind: 'trade', trade, previous});
		}

		trade = previous;
	}

	return rows;
}
