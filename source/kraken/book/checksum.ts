import {crc32} from 'node:zlib';

/**
 * A level as the exchange wrote it: price and quantity as the text of the frame, which the
 * checksum needs digit for digit (a parsed `0.10000000` is `0.1`, and its token would be `1`
 * instead of `10000000`).
 */
export type WireLevel = readonly [price: string, quantity: string];

/** Levels a side the checksum covers, or fewer when the side is shorter. */
export const checksumLevels = 10;

/** A number's text without its point and leading zeros: `0.00100000` is `100000`. */
export function checksumToken(text: string): string {
	const digits = text.replace('.', '');
	let start = 0;
	while (start < digits.length - 1 && digits[start] === '0') {
		start++;
	}

	return digits.slice(start);
}

/** A level's part of the checksum: its price's token, then its quantity's. */
export const levelToken = ([price, quantity]: WireLevel): string =>
	checksumToken(price) + checksumToken(quantity);

/**
 * Kraken's book checksum (docs/kraken-protocol.md, 9): the CRC32 (zlib's) of the tokens of the
 * best ten asks, lowest first, then the best ten bids, highest first, as an unsigned number.
 * Takes the sides best first and reads only their first ten.
 */
export function bookChecksum(asks: readonly WireLevel[], bids: readonly WireLevel[]): number {
	let text = '';
	for (const side of [asks, bids]) {
		for (let index = 0; index < Math.min(checksumLevels, side.length); index++) {
			text += levelToken(side[index]!);
		}
	}

	return crc32(text) >>> 0;
}
