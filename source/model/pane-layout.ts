/** Rows of pane from which the chart sits above the tape rather than stepping aside. */
export const chartBesideTapeRows = 24;

/** How the focused pair's pane is shared between its candle chart and its tape. */
export type PaneSplit = Readonly<{chartRows: number; tapeRows: number}>;

/**
 * A tall pane gives the chart its top third and the tape the rest; a short one (80x24 is short)
 * keeps the whole pane for the tape, so it stays readable. The chart key turns that around: a
 * tall pane drops the chart, a short one shows the chart in place of the tape. Without candles
 * asked for, the tape has it all.
 */
export function splitPane(rows: number, hasChart: boolean, isChartToggled: boolean): PaneSplit {
	if (!hasChart) {
		return {chartRows: 0, tapeRows: rows};
	}

	if (rows >= chartBesideTapeRows) {
		const chartRows = isChartToggled ? 0 : Math.floor(rows / 3);
		return {chartRows, tapeRows: rows - chartRows};
	}

	return isChartToggled ? {chartRows: rows, tapeRows: 0} : {chartRows: 0, tapeRows: rows};
}
