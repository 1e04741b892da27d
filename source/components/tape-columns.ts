/** Column widths of the trade tape for a terminal width; 0 hides a column. */
export type TapeColumns = Readonly<{
	price: number;
	volume: number;
	notional: number;
	orderType: number;
}>;

/**
 * Time (12) and side (2) always show, and two columns stay free for the big-trade mark; narrower
 * terminals drop order type, then notional.
 */
export function tapeColumns(width: number): TapeColumns {
	if (width < 58) {
		// Grid cards and narrow panes: price and volume share what is left after time and side
		// (14) and the big-trade mark (2), so a marked row never runs past the edge.
		const share = Math.max(8, Math.floor((width - 16) / 2));
		return {price: share, volume: share, notional: 0, orderType: 0};
	}

	const wide = width >= 90;
	return {
		price: wide ? 16 : 14,
		volume: wide ? 16 : 14,
		notional: wide ? 16 : 13,
		orderType: width >= 70 ? 7 : 0,
	};
}
