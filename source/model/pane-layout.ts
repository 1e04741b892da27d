/**
 * What the focused pair's pane shows: `main` is everything that fits (the chart above on a tall
 * pane, the ladder beside the tape on a wide one); `chart` and `book` give the whole pane to one.
 * The view key steps through them, for what does not fit beside the tape.
 */
export type PaneView = 'main' | 'chart' | 'book';

/** Rows of pane from which the chart sits above the tape. */
export const chartBesideTapeRows = 24;

/** Columns from which the ladder stands beside the tape. */
export const ladderBesideTapeColumns = 120;

/** What the pane can show for the focused pair: the channels asked for. */
export type PaneContents = Readonly<{hasChart: boolean; hasBook: boolean}>;

/** The pane's parts: rows of chart on top, then the tape and the ladder side by side. */
export type PaneLayout = Readonly<{
	chartRows: number;
	/** Rows below the chart, for the tape and the ladder. */
	lowerRows: number;
	/** Zero when the tape is not shown. */
	tapeColumns: number;
	/** Zero when the ladder is not shown. */
	ladderColumns: number;
}>;

/** The ladder's width beside the tape: enough for its columns and a bar, more on wide screens. */
const ladderWidthBeside = (columns: number) => (columns >= 160 ? 56 : 46);

/** The views there are something to show in, in the order the view key steps through them. */
export function panesOf({hasChart, hasBook}: PaneContents): PaneView[] {
	return ['main', ...(hasChart ? ['chart' as const] : []), ...(hasBook ? ['book' as const] : [])];
}

/** The view after `view`, wrapping round; `main` when the view has nothing to show. */
export function nextPane(view: PaneView, contents: PaneContents): PaneView {
	const panes = panesOf(contents);
	const index = panes.indexOf(view);
	return panes[(index + 1) % panes.length] ?? 'main';
}

/**
 * The pane of `rows` by `columns` laid out for `view`. In `main` a tall pane (80x24 is not) gives
 * the chart its top third, and a wide one gives the ladder its right side; a view with nothing to
 * show (no candles or no book asked for) falls back to `main`.
 */
export function layoutPane(
	size: Readonly<{rows: number; columns: number}>,
	contents: PaneContents,
	view: PaneView,
): PaneLayout {
	const {rows, columns} = size;
	const shown = panesOf(contents).includes(view) ? view : 'main';
	if (shown === 'chart') {
		return {chartRows: rows, lowerRows: 0, tapeColumns: 0, ladderColumns: 0};
	}

	if (shown === 'book') {
		return {chartRows: 0, lowerRows: rows, tapeColumns: 0, ladderColumns: columns};
	}

	const chartRows = contents.hasChart && rows >= chartBesideTapeRows ? Math.floor(rows / 3) : 0;
	const ladderColumns =
		contents.hasBook && columns >= ladderBesideTapeColumns ? ladderWidthBeside(columns) : 0;
	return {
		chartRows,
		lowerRows: rows - chartRows,
		// A column of space between the tape and the ladder.
		tapeColumns: ladderColumns > 0 ? columns - ladderColumns - 1 : columns,
		ladderColumns,
	};
}
