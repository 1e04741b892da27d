/** Column widths of the trade tape for a terminal width; 0 hides a column. */
export type TapeColumns = Readonly<{
	price: number;
	volume: number;
	notional: number;
	orderType: number;
}>;

/** Time (12) and side (2) always show; narrower terminals drop order type, then notional. */
export function tapeColumns(width: number): TapeColumns {
	if (width < 56) {
		// Grid cards and narrow panes: price and volume share what is left.
		const share = Math.max(8, Math.floor((width - 14) / 2));
		return {price: share, volume: share, notional: 0, orderType: 0};
	}

	const wide = width >= 90;
	return {
		price: wide ? 16 : 14,
		volume: wide ? 16 : 14,
		notional: width >= 56 ? (wide ? 16 : 13) : 0,
		orderType: width >= 70 ? 7 : 0,
	};
}
