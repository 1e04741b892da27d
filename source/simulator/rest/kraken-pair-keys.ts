import type {ListedPair} from '../pair-catalog.js';

/*
 * How Kraken's REST API names assets and pairs (GET /0/public/Assets and AssetPairs). Its oldest
 * assets have ids with an X (crypto) or Z (fiat) before the code (XXBT, ZUSD); the rest are their
 * codes (SOL). A pair's key, the key of every REST result, is the two ids joined when both are
 * old (XXBTZUSD, XETHXXBT), its altname otherwise (SOLUSD), with a few keys of Kraken's own
 * making. A pair is asked for by its key, its altname (XBTUSD), its v1 name (XBT/USD, `wsname`)
 * or its v2 name (BTC/USD).
 */

/** The prefixed ids, by v1 code (Kraken's AssetPairs and Assets). */
const prefixedIds = new Map([
	['XBT', 'XXBT'],
	['ETH', 'XETH'],
	['XRP', 'XXRP'],
	['LTC', 'XLTC'],
	['XDG', 'XXDG'],
	['ETC', 'XETC'],
	['XLM', 'XXLM'],
	['XMR', 'XXMR'],
	['ZEC', 'XZEC'],
	['MLN', 'XMLN'],
	['REP', 'XREP'],
	['USD', 'ZUSD'],
	['EUR', 'ZEUR'],
	['GBP', 'ZGBP'],
	['JPY', 'ZJPY'],
	['CAD', 'ZCAD'],
	['AUD', 'ZAUD'],
]);

/** Keys that follow neither rule, by v1 name: XDGUSD though both ids are old, USDTZUSD though one is new. */
const keyExceptions = new Map([
	['XDG/USD', 'XDGUSD'],
	['XDG/EUR', 'XDGEUR'],
	['USDT/USD', 'USDTZUSD'],
	['USDC/USD', 'USDCUSD'],
]);

/** An asset's REST id from its v1 code: `XBT` is `XXBT`, `USD` is `ZUSD`, `SOL` is `SOL`. */
export const assetIdOf = (code: string) => prefixedIds.get(code) ?? code;

/** Fiat currencies: `aclass` is `currency` for them too, but their decimals are fewer. */
export const isFiat = (code: string) => prefixedIds.get(code)?.startsWith('Z') ?? false;

/** A pair's v1 base and quote codes: `XBT/USD` is `["XBT", "USD"]`. */
export function codesOf(pair: ListedPair): readonly [base: string, quote: string] {
	const [base = '', quote = ''] = pair.v1Name.split('/');
	return [base, quote];
}

/** Every REST name of a pair. */
export type PairNames = Readonly<{
	pair: ListedPair;
	/** The key of REST results: `XXBTZUSD`. */
	key: string;
	/** `XBTUSD`. */
	altname: string;
	/** The v1 name: `XBT/USD`. */
	wsname: string;
	/** Asset ids: `XXBT`, `ZUSD`. */
	base: string;
	quote: string;
}>;

export function pairNamesOf(pair: ListedPair): PairNames {
	const [base, quote] = codesOf(pair);
	const altname = `${base}${quote}`;
	const [baseId, quoteId] = [assetIdOf(base), assetIdOf(quote)];
	const isOld = prefixedIds.has(base) && prefixedIds.has(quote);
	return {
		pair,
		key: keyExceptions.get(pair.v1Name) ?? (isOld ? `${baseId}${quoteId}` : altname),
		altname,
		wsname: pair.v1Name,
		base: baseId,
		quote: quoteId,
	};
}

/** The exchange's pairs by every name REST takes, in any case. */
export class PairDirectory {
	readonly all: readonly PairNames[];
	readonly #byName = new Map<string, PairNames>();

	constructor(pairs: readonly ListedPair[]) {
		this.all = pairs.map((pair) => pairNamesOf(pair));
		for (const names of this.all) {
			for (const name of [names.key, names.altname, names.wsname, names.pair.symbol]) {
				this.#byName.set(name.toUpperCase(), names);
			}
		}
	}

	find(name: string): PairNames | undefined {
		return this.#byName.get(name.trim().toUpperCase());
	}

	/** The names of a listed pair (each is in the directory). */
	of(pair: ListedPair): PairNames {
		return this.all.find((names) => names.pair === pair) ?? pairNamesOf(pair);
	}
}
