import {describe, expect, test} from 'vitest';
import {bookChecksum, levelToken, type WireLevel} from '../../source/kraken/book/checksum.js';

// Kraken's book checksum held to the published test vectors (docs/kraken-protocol.md, 9): the
// v2 guide's BTC/USD snapshot, the same after its best ask is deleted, and the v1 guide's book.
// The simulated exchange signs its frames with this function, so these pin both ends.

/** Vector 1: Kraken's v2 guide, BTC/USD, as the wire text has it (best first). */
const guideAsks: WireLevel[] = [
	['45285.2', '0.00100000'],
	['45286.4', '1.54571953'],
	['45286.6', '1.54571109'],
	['45289.6', '1.54560911'],
	['45290.2', '0.15890660'],
	['45291.8', '1.54553491'],
	['45294.7', '0.04454749'],
	['45296.1', '0.35380000'],
	['45297.5', '0.09945542'],
	['45299.5', '0.18772827'],
];
const guideBids: WireLevel[] = [
	['45283.5', '0.10000000'],
	['45283.4', '1.54582015'],
	['45282.1', '0.10000000'],
	['45281.0', '0.10000000'],
	['45280.3', '1.54592586'],
	['45279.0', '0.07990000'],
	['45277.6', '0.03310103'],
	['45277.5', '0.30000000'],
	['45277.3', '1.54602737'],
	['45276.6', '0.15445238'],
];

/** Vector 3: the v1 guide's book, every quantity 0.00000500. */
const v1GuidePrices = {
	asks: [
		'0.05005',
		'0.05010',
		'0.05015',
		'0.05020',
		'0.05025',
		'0.05030',
		'0.05035',
		'0.05040',
		'0.05045',
		'0.05050',
	],
	bids: [
		'0.05000',
		'0.04995',
		'0.04990',
		'0.04980',
		'0.04975',
		'0.04970',
		'0.04965',
		'0.04960',
		'0.04955',
		'0.04950',
	],
};
const withQuantity = (prices: readonly string[]): WireLevel[] =>
	prices.map((price) => [price, '0.00000500']);

describe('bookChecksum', () => {
	test('vector 1: the v2 guide snapshot is 3310070434, from this exact string', () => {
		expect([...guideAsks, ...guideBids].map(levelToken).join('')).toBe(
			'45285210000045286415457195345286615457110945289615456091145290215890660452918154553491452947445474945296135380000452975994554245299518772827452835100000004528341545820154528211000000045281010000000452803154592586452790799000045277633101034527753000000045277315460273745276615445238',
		);
		expect(bookChecksum(guideAsks, guideBids)).toBe(3_310_070_434);
	});

	test('vector 2: after the best ask is deleted (nine asks left) it is 1182027464', () => {
		expect(bookChecksum(guideAsks.slice(1), guideBids)).toBe(1_182_027_464);
	});

	test('vector 3: the v1 guide book is 974947235', () => {
		const asks = withQuantity(v1GuidePrices.asks);
		const bids = withQuantity(v1GuidePrices.bids);
		expect([...asks, ...bids].map(levelToken).join('')).toBe(
			'50055005010500501550050205005025500503050050355005040500504550050505005000500499550049905004980500497550049705004965500496050049555004950500',
		);
		expect(bookChecksum(asks, bids)).toBe(974_947_235);
	});

	test('only the best ten of a longer side count', () => {
		const deeper = [...guideAsks, ['45300.0', '9.00000000'] as const];
		expect(bookChecksum(deeper, guideBids)).toBe(3_310_070_434);
	});

	test('negative control: vector 1 through a float round-trip does not give 3310070434', () => {
		const throughFloat = (levels: readonly WireLevel[]): WireLevel[] =>
			levels.map(([price, quantity]) => [String(Number(price)), String(Number(quantity))]);
		const checksum = bookChecksum(throughFloat(guideAsks), throughFloat(guideBids));
		expect(checksum).not.toBe(3_310_070_434);
		// The figure the reference recomputed for this mistake.
		expect(checksum).toBe(4_237_635_173);
	});
});
