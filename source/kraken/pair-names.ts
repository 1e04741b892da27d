import type {ApiVersion} from '../model/types.js';

/**
 * Kraken names two assets differently on its two APIs: v1 (and REST `wsname`) says XBT and XDG,
 * v2 says BTC and DOGE, and each rejects the other's names ("Currency pair not supported
 * XBT/EUR"). See docs.kraken.com, spot-websocket v1 vs v2.
 */
const v1ToV2 = new Map([
	['XBT', 'BTC'],
	['XDG', 'DOGE'],
]);
const v2ToV1 = new Map([...v1ToV2].map(([v1, v2]) => [v2, v1]));

// Asset codes are letters and digits (1INCH, USDT, EUR); Kraken's longest are well under 12.
const pairPattern = /^([A-Za-z\d]{1,12})\/([A-Za-z\d]{1,12})$/;

export type PairParseResult =
	Readonly<{ok: true; pair: string}> | Readonly<{ok: false; message: string}>;

/** Translates one asset code to the naming of `api`. */
export function assetFor(api: ApiVersion, asset: string): string {
	const table = api === 'v1' ? v2ToV1 : v1ToV2;
	return table.get(asset) ?? asset;
}

/**
 * Accepts `XBT/USD`, `btc/usd`, `xdg/doge`-style names in any case and returns the pair as
 * `api` names it, or a message saying why the text is not a pair.
 */
export function parsePair(text: string, api: ApiVersion): PairParseResult {
	// Matched before upper-casing: toUpperCase turns some non-ASCII letters into ASCII (ß to SS).
	const match = pairPattern.exec(text.trim());
	if (!match) {
		return {
			ok: false,
			message: `"${text}" is not a currency pair: write it as BASE/QUOTE, for example XBT/USD`,
		};
	}

	const [base, quote] = match
		.slice(1, 3)
		.map((asset) => assetFor(api, (asset ?? '').toUpperCase()));
	// Compared after translation: XBT/BTC names one asset twice.
	if (base === quote) {
		return {ok: false, message: `"${text}" is not a currency pair: base and quote are the same`};
	}

	return {ok: true, pair: `${base}/${quote}`};
}
