import {assetFor} from '../kraken/pair-names.js';
import type {ApiVersion} from '../model/types.js';

/** A pair the simulated exchange lists, with the decimals Kraken uses for it. */
export type ListedPair = Readonly<{
	/** v2 naming (BTC/USD); the v1 name is derived. */
	symbol: string;
	v1Name: string;
	startPrice: number;
	priceDecimals: number;
	volumeDecimals: number;
	/** A typical taker order size, in base currency. */
	typicalVolume: number;
	/** Mean taker orders per second in calm markets. */
	ordersPerSecond: number;
	/**
	 * Decimals of a price in v1 book frames, at least `priceDecimals`: v1 pads book prices past the
	 * pair's decimals, and the checksum is taken from that text (docs/kraken-protocol.md, 9).
	 */
	v1BookPriceDecimals: number;
}>;

type Listing = Omit<ListedPair, 'v1Name' | 'symbol' | 'v1BookPriceDecimals'> &
	Partial<Pick<ListedPair, 'v1BookPriceDecimals'>>;

/**
 * v1 book prices carry five decimals at least, as every v1 book frame on record does
 * (`"37080.20000"` for XBT/USD, `"0.01200"` for GST/EUR); where a pair's own decimals are more,
 * its listing says how Kraken pads it.
 */
export const v1BookPriceDecimalsOf = (priceDecimals: number) => Math.max(5, priceDecimals);

// Prices are rough 2024-2026 levels; decimals follow Kraken's AssetPairs `pair_decimals`.
const listings: Record<string, Listing> = {
	'BTC/USD': {
		startPrice: 68_000,
		priceDecimals: 1,
		volumeDecimals: 8,
		typicalVolume: 0.02,
		ordersPerSecond: 3,
	},
	'ETH/USD': {
		startPrice: 3500,
		priceDecimals: 2,
		volumeDecimals: 8,
		typicalVolume: 0.4,
		ordersPerSecond: 2,
	},
	'XRP/USD': {
		startPrice: 0.52,
		priceDecimals: 5,
		volumeDecimals: 8,
		typicalVolume: 900,
		ordersPerSecond: 1.2,
	},
	'SOL/USD': {
		startPrice: 150,
		priceDecimals: 2,
		volumeDecimals: 8,
		typicalVolume: 6,
		ordersPerSecond: 1.2,
	},
	'DOGE/USD': {
		startPrice: 0.15,
		priceDecimals: 7,
		volumeDecimals: 8,
		typicalVolume: 4000,
		ordersPerSecond: 0.8,
		// Kraken's XDG/USD book frames write nine decimals: "0.074602700".
		v1BookPriceDecimals: 9,
	},
	'ADA/USD': {
		startPrice: 0.45,
		priceDecimals: 6,
		volumeDecimals: 8,
		typicalVolume: 1500,
		ordersPerSecond: 0.6,
	},
	'LTC/USD': {
		startPrice: 80,
		priceDecimals: 2,
		volumeDecimals: 8,
		typicalVolume: 5,
		ordersPerSecond: 0.5,
	},
	'DOT/USD': {
		startPrice: 7,
		priceDecimals: 4,
		volumeDecimals: 8,
		typicalVolume: 60,
		ordersPerSecond: 0.4,
	},
	'LINK/USD': {
		startPrice: 15,
		priceDecimals: 5,
		volumeDecimals: 8,
		typicalVolume: 30,
		ordersPerSecond: 0.4,
	},
	'BTC/EUR': {
		startPrice: 63_000,
		priceDecimals: 1,
		volumeDecimals: 8,
		typicalVolume: 0.02,
		ordersPerSecond: 1.5,
	},
	'ETH/EUR': {
		startPrice: 3250,
		priceDecimals: 2,
		volumeDecimals: 8,
		typicalVolume: 0.4,
		ordersPerSecond: 0.8,
	},
	'ETH/BTC': {
		startPrice: 0.052,
		priceDecimals: 5,
		volumeDecimals: 8,
		typicalVolume: 0.5,
		ordersPerSecond: 0.4,
	},
	'EUR/USD': {
		startPrice: 1.08,
		priceDecimals: 5,
		volumeDecimals: 8,
		typicalVolume: 2000,
		ordersPerSecond: 0.3,
	},
	'USDT/USD': {
		startPrice: 1,
		priceDecimals: 5,
		volumeDecimals: 8,
		typicalVolume: 5000,
		ordersPerSecond: 0.6,
	},
};

export function v1NameOf(symbol: string): string {
	const [base = '', quote = ''] = symbol.split('/');
	return `${assetFor('v1', base)}/${assetFor('v1', quote)}`;
}

export const listedPairs: readonly ListedPair[] = Object.entries(listings).map(
	([symbol, listing]) => ({
		symbol,
		v1Name: v1NameOf(symbol),
		...listing,
		v1BookPriceDecimals:
			listing.v1BookPriceDecimals ?? v1BookPriceDecimalsOf(listing.priceDecimals),
	}),
);

/** The listed pair a client asked for by its API's name, if the exchange lists it. */
export function findListedPair(
	pairs: readonly ListedPair[],
	name: string,
	api: ApiVersion,
): ListedPair | undefined {
	return pairs.find((pair) => (api === 'v1' ? pair.v1Name : pair.symbol) === name);
}
