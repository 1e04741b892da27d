import type {ListedPair} from './pair-catalog.js';

/*
 * The text of the book's numbers, written from whole units (price ticks, quantity lots) so no
 * double ever stands between the book and its text: the checksum is taken from this text, and a
 * double cannot carry 17 significant digits (`(270638277.50461281).toFixed(8)` is
 * `"270638277.50461280"`).
 */

/**
 * `units` (a whole number, not negative) as a decimal with `decimals` places, padded with zeros
 * to `width` places: `decimalText(628025, 1)` is `"62802.5"`, `decimalText(628025, 1, 5)` is
 * `"62802.50000"`, `decimalText(10_000_000, 8)` is `"0.10000000"`.
 */
export function decimalText(units: number, decimals: number, width = decimals): string {
	const digits = String(units).padStart(decimals + 1, '0');
	const whole = digits.slice(0, digits.length - decimals);
	const fraction =
		digits.slice(digits.length - decimals) + '0'.repeat(Math.max(0, width - decimals));
	return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** v2 writes a price at the pair's decimals, trailing zeros kept (`62803.0`). */
export const priceTextV2 = (pair: ListedPair, ticks: number) =>
	decimalText(ticks, pair.priceDecimals);

/** v1 pads a book price to the catalog's width for the pair (`37080.20000`, `0.150000000`). */
export const priceTextV1 = (pair: ListedPair, ticks: number) =>
	decimalText(ticks, pair.priceDecimals, pair.v1BookPriceDecimals);

/** Both APIs write a quantity at the pair's lot decimals (`0.10000000`). */
export const quantityText = (pair: ListedPair, lots: number) =>
	decimalText(lots, pair.volumeDecimals);

/** A price in ticks as a number: a division, so the double is the one nearest the decimal. */
export const priceOf = (pair: ListedPair, ticks: number) => ticks / 10 ** pair.priceDecimals;

/** A quantity in lots as a number, the same way. */
export const quantityOf = (pair: ListedPair, lots: number) => lots / 10 ** pair.volumeDecimals;

/** The nearest whole tick to a price. */
export const ticksOf = (pair: ListedPair, price: number) =>
	Math.round(price * 10 ** pair.priceDecimals);

/** The nearest whole lot to a quantity. */
export const lotsOf = (pair: ListedPair, quantity: number) =>
	Math.round(quantity * 10 ** pair.volumeDecimals);
