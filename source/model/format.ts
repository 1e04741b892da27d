/** Local wall-clock time with milliseconds: `14:03:07.412`. */
export function formatClock(time: number): string {
	const date = new Date(time);
	const pad = (value: number, width = 2) => String(value).padStart(width, '0');
	return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/**
 * `68,466.9`: fixed decimals, thousands grouped. By hand rather than with Intl.NumberFormat: the
 * first Intl formatter loads locale data (30 ms of the first frame), and every price on every
 * frame goes through here.
 */
export function formatPrice(price: number, decimals: number): string {
	const fixed = toFixedHalfUp(Math.abs(price), decimals);
	const point = fixed.indexOf('.');
	const integer = point === -1 ? fixed : fixed.slice(0, point);
	const grouped = integer.length > 3 ? integer.replace(/\B(?=(\d{3})+$)/g, ',') : integer;
	// A price that rounds to zero is not negative.
	const sign = price < 0 && Number(fixed) !== 0 ? '-' : '';
	return `${sign}${grouped}${point === -1 ? '' : fixed.slice(point)}`;
}

/**
 * Rounds as a person (and Intl) would, from the shortest decimal form of the number: 17,102.475
 * becomes 17,102.48, where toFixed alone gives .47 because the double is a hair below .475.
 * Shifting by writing the exponent into the text keeps the shift exact.
 */
function toFixedHalfUp(value: number, decimals: number): string {
	const rounded = Number(`${Math.round(Number(`${value}e${decimals}`))}e-${decimals}`);
	// Numbers that print with an exponent of their own (below 1e-6, or huge) fall back to toFixed.
	return Number.isFinite(rounded) ? rounded.toFixed(decimals) : value.toFixed(decimals);
}

/**
 * The most decimals, up to `decimals`, at which `value` written by formatPrice fits `width`
 * characters; none when even that does not fit. A column sized by its widest value gets one
 * count of decimals for every row, so the points line up.
 */
export function decimalsToFit(value: number, decimals: number, width: number): number {
	for (let fitting = decimals; fitting > 0; fitting--) {
		if (formatPrice(value, fitting).length <= width) {
			return fitting;
		}
	}

	return 0;
}

/** Quote-currency amounts: two decimals, or six for tiny ones (ETH/BTC notional in BTC). */
export function formatNotional(value: number): string {
	return formatPrice(value, Math.abs(value) < 1 ? 6 : 2);
}

/** `+1,234.5 (+1.83%)`: signed, so it reads without colour; no change has no sign. */
export function formatChange(change: number, percent: number, decimals: number): string {
	const sign = change > 0 ? '+' : change < 0 ? '-' : '';
	return `${sign}${formatPrice(Math.abs(change), decimals)} (${sign}${Math.abs(percent).toFixed(2)}%)`;
}

/** `+6.84%`, `-1.20%`, `0.00%`: signed, so it reads without colour. */
export function formatPercent(percent: number): string {
	const fixed = Math.abs(percent).toFixed(2);
	const sign = Number(fixed) === 0 ? '' : percent > 0 ? '+' : '-';
	return `${sign}${fixed}%`;
}

/** A spread in basis points of the mid price: `0.15 bp`, `12.3 bp`, `140 bp`. */
export function formatBasisPoints(spread: number, mid: number): string {
	const points = mid > 0 ? (spread / mid) * 10_000 : 0;
	return `${points.toFixed(points < 10 ? 2 : points < 100 ? 1 : 0)} bp`;
}

/** Compact amounts for a narrow strip: 950.00, 12.3k, 4.56M. */
export function formatCompact(value: number): string {
	// Rounding decides the unit: 999,960 would otherwise read "1000.0k".
	if (value >= 999_950) {
		return `${(value / 1_000_000).toFixed(2)}M`;
	}

	return value >= 10_000
		? `${(value / 1000).toFixed(1)}k`
		: formatPrice(value, value < 100 ? 4 : 2);
}

/**
 * Splits a formatted price where it starts to differ from the previous one, so the digits that
 * changed can be highlighted: `68,412.3` after `68,409.9` is `68,4` + `12.3`.
 */
export function splitChangedDigits(
	current: string,
	previous: string | undefined,
): Readonly<{same: string; changed: string}> {
	// Padding never counts as changed.
	const padding = current.length - current.trimStart().length;
	if (previous === undefined || previous.length !== current.length) {
		return {same: current.slice(0, padding), changed: current.slice(padding)};
	}

	let index = 0;
	while (index < current.length && current[index] === previous[index]) {
		index++;
	}

	return {same: current.slice(0, index), changed: current.slice(index)};
}

/** A bar of `width` cells split by the buy share of volume; an even split when none. */
export function imbalanceBar(
	buyVolume: number,
	sellVolume: number,
	width: number,
	buy: string,
	sell: string,
): string {
	const total = buyVolume + sellVolume;
	const buyCells = total > 0 ? Math.round((buyVolume / total) * width) : Math.round(width / 2);
	return buy.repeat(buyCells) + sell.repeat(width - buyCells);
}

/** Decimal places in a number's shortest text form; eight for anything written with an exponent. */
export function decimalPlaces(value: number): number {
	const text = String(value);
	const point = text.indexOf('.');
	return text.includes('e-') ? 8 : point === -1 ? 0 : text.length - point - 1;
}
