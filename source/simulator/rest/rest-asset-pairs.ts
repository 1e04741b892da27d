import type {ListedPair} from '../pair-catalog.js';
import {assetEntry, assetPairEntry, restError, restResult, type PairTerms} from '../wire-rest.js';
import {assetIdOf, codesOf, isFiat, type PairNames} from './kraken-pair-keys.js';
import {isRefusal, pairListArgument} from './rest-arguments.js';
import type {RestMarket} from './rest-market.js';

/** Asset decimals and display decimals as Kraken's Assets gives them; others get 8 and 5. */
const assetDecimals = new Map<string, readonly [number, number]>([
	['XBT', [10, 5]],
	['ETH', [10, 5]],
	['LTC', [10, 5]],
	['SOL', [10, 5]],
	['DOT', [10, 8]],
	['LINK', [10, 5]],
	['XDG', [8, 2]],
	['XRP', [8, 5]],
	['ADA', [8, 6]],
	['USDT', [8, 4]],
]);

const decimalsOf = (code: string): readonly [number, number] =>
	assetDecimals.get(code) ?? (isFiat(code) ? [4, 2] : [8, 5]);

/** An asset's price in dollars, where the listed pairs say it. */
function dollarsOf(code: string, pairs: readonly ListedPair[]): number | undefined {
	if (code === 'USD') {
		return 1;
	}

	for (const pair of pairs) {
		const [base, quote] = codesOf(pair);
		if (base === code && quote === 'USD') {
			return pair.startPrice;
		}
	}

	return undefined;
}

/** The 1-2-5 step at or below `value`, as a decimal string: 0.0000735 is "0.00005". */
function roundNumberBelow(value: number): string {
	const exponent = Math.floor(Math.log10(value));
	// A hair over, so 0.5 / 0.1 landing just under 5 still reads as 5.
	const leading = (value / 10 ** exponent) * (1 + 1e-9);
	const digit = leading >= 5 ? 5 : leading >= 2 ? 2 : 1;
	return exponent >= 0 ? String(digit * 10 ** exponent) : `0.${'0'.repeat(-exponent - 1)}${digit}`;
}

/**
 * A pair's order minimums: about five dollars of the base (`ordermin`) and fifty cents of the
 * quote (`costmin`), as Kraken's are (XBTUSD: 0.00005 and 0.5); costs in a crypto quote carry
 * ten decimals, in cash two more than the price's, five at least (XBTUSD 5, XDGUSD 9).
 */
function termsOf(pair: ListedPair, pairs: readonly ListedPair[]): PairTerms {
	const [base, quote] = codesOf(pair);
	const quoteDollars = dollarsOf(quote, pairs) ?? 1;
	const baseDollars = dollarsOf(base, pairs) ?? pair.startPrice * quoteDollars;
	const isCash = isFiat(quote) || quote === 'USDT' || quote === 'USDC';
	return {
		costDecimals: isCash ? Math.max(5, pair.priceDecimals + 2) : 10,
		orderMin: roundNumberBelow(5 / baseDollars),
		costMin: roundNumberBelow(0.5 / quoteDollars),
	};
}

/**
 * GET /0/public/AssetPairs[?pair=A,B] (docs/kraken-channels.md, 5.1): each pair's names,
 * asset ids and decimals under its key; every pair when none is named. `info`, `aclass_base`
 * and `country_code` are not read.
 */
export function answerAssetPairs(query: URLSearchParams, market: RestMarket): string {
	const pairs = pairListArgument(query, market.pairs);
	if (isRefusal(pairs)) {
		return restError(pairs.error);
	}

	const listed = market.pairs.all.map((names) => names.pair);
	const result: Record<string, unknown> = {};
	for (const names of pairs) {
		result[names.key] = assetPairEntry(names, termsOf(names.pair, listed));
	}

	return restResult(JSON.stringify(result));
}

/** Every asset of the listed pairs, in the order they first appear, by id. */
function assetsOf(pairs: readonly PairNames[]): Map<string, string> {
	const assets = new Map<string, string>();
	for (const names of pairs) {
		for (const code of codesOf(names.pair)) {
			assets.set(assetIdOf(code), code);
		}
	}

	return assets;
}

/**
 * GET /0/public/Assets[?asset=A,B]: each asset of the listed pairs under its id (`XXBT`), with
 * its v1 code as `altname`; an asset is asked for by either. ccxt's loadMarkets reads it to turn
 * AssetPairs' ids into codes.
 */
export function answerAssets(query: URLSearchParams, market: RestMarket): string {
	const assets = assetsOf(market.pairs.all);
	const asked = query.get('asset');
	const result: Record<string, unknown> = {};
	const names = asked === null || asked.trim() === '' ? [...assets.keys()] : asked.split(',');
	for (const name of names) {
		const upper = name.trim().toUpperCase();
		const id = assets.has(upper) ? upper : assetIdOf(upper);
		const code = assets.get(id);
		if (code === undefined) {
			return restError('EQuery:Unknown asset');
		}

		const [decimals, displayDecimals] = decimalsOf(code);
		result[id] = assetEntry(code, decimals, displayDecimals);
	}

	return restResult(JSON.stringify(result));
}
