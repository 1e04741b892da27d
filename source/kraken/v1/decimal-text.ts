/*
 * v1 sends every number as a decimal text ("67653.20000", "0.01000000", "1534614057.321597"),
 * three a trade. Checking each with a pattern and converting it with Number() was a fifth of the
 * decoding worker's time in a v1 burst (npm run bench, ingest row); one pass over the characters
 * does both.
 */

/** 10^0 to 10^22: every one a double exactly. */
const powersOfTen = Array.from({length: 23}, (_, exponent) => 10 ** exponent);

/**
 * The value of `text` if it is digits, optionally followed by a point and more digits (what
 * `/^\d+(\.\d+)?$/` accepts), else NaN. The value is Number(text)'s to the bit: while the digits
 * make an integer below 2^53 and there are at most 22 after the point, the integer and the power of
 * ten are both exact, and one division rounds correctly (Clinger's fast path, the one strtod
 * takes). Longer texts go to Number().
 */
export function decimalValue(text: string): number {
	const {length} = text;
	let mantissa = 0;
	let point = -1;
	for (let index = 0; index < length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 48 && code <= 57) {
			mantissa = mantissa * 10 + (code - 48);
		} else if (code === 46 && point === -1 && index > 0) {
			point = index;
		} else {
			return Number.NaN;
		}
	}

	if (length === 0 || point === length - 1) {
		return Number.NaN;
	}

	// Past 2^53 the sum above may have rounded; it only grows, so the last value tells.
	const decimals = point === -1 ? 0 : length - point - 1;
	return mantissa <= Number.MAX_SAFE_INTEGER && decimals < powersOfTen.length
		? mantissa / powersOfTen[decimals]!
		: Number(text);
}
