import type {ListedPair} from './pair-catalog.js';
import type {Quote, Summary} from './market-types.js';
import type {PairNames} from './rest/kraken-pair-keys.js';
import type {ExchangeTrade} from './market-types.js';

/*
 * Bodies the simulated exchange answers REST calls with, in the shapes of Kraken's
 * (docs.kraken.com/api/docs/rest-api, GET /0/public/*; real bodies in
 * docs/kraken-channels.md, 3.3, 4 and 5): `{"error":[],"result":{...}}`, or errors alone.
 */

/** A successful answer around `result`, already JSON. */
export const restResult = (result: string) => `{"error":[],"result":${result}}`;

/** A refusal, which Kraken sends with HTTP 200 for bad arguments and throttling alike. */
export const restError = (error: string) => JSON.stringify({error: [error]});

/** Trade and ticker prices are padded to Kraken's legacy width of five places (`"30243.40000"`). */
const paddedPrice = (pair: ListedPair, value: number) =>
	value.toFixed(Math.max(5, pair.priceDecimals));

/** OHLC prices are at the pair's decimals (`"30306.1"`), as the v2 ohlc channel writes them. */
const price = (pair: ListedPair, value: number) => value.toFixed(pair.priceDecimals);

const volume = (pair: ListedPair, value: number) => value.toFixed(pair.volumeDecimals);

/**
 * A trade's time as the JSON number Kraken writes, seconds with the fraction's trailing zeros
 * left off (`1688669597.827736`), written from the whole microseconds: no double in between.
 */
export function tradeTimeText(micros: number): string {
	const whole = Math.round(micros);
	const fraction = String(whole % 1_000_000)
		.padStart(6, '0')
		.replace(/0+$/, '');
	return `${Math.floor(whole / 1_000_000)}.${fraction === '' ? '0' : fraction}`;
}

/** A trade's time in nanoseconds, as the decimal string REST's `last` is (19 digits today). */
export const tradeNanosText = (micros: number) => `${BigInt(Math.round(micros)) * 1000n}`;

/**
 * `{"XXBTZUSD":[[price, volume, time, "b"|"s", "m"|"l", "", trade_id], …], "last":"<ns>"}`,
 * oldest first; `last` a string, since it is above 2^53.
 */
export function tradesResult(
	names: PairNames,
	trades: readonly ExchangeTrade[],
	last: string,
): string {
	const {pair} = names;
	const rows = trades.map(
		(trade) =>
			`["${paddedPrice(pair, trade.price)}","${volume(pair, trade.volume)}",${tradeTimeText(trade.timeMicros)},"${trade.side === 'buy' ? 'b' : 's'}","${trade.orderType === 'market' ? 'm' : 'l'}","",${trade.tradeId}]`,
	);
	return restResult(`{${JSON.stringify(names.key)}:[${rows.join(',')}],"last":"${last}"}`);
}

/**
 * `{"XXBTZUSD":[[time, open, high, low, close, vwap, volume, count], …], "last":<seconds>}`:
 * `time` is the candle's start in seconds; a candle without trades is flat at the last close,
 * with a vwap and volume of zero (`[1591475580,"0.02499",…,"0.00000","0.00000000",0]`).
 */
export function ohlcResult(
	names: PairNames,
	candles: readonly Summary[],
	lastSeconds: number,
): string {
	const {pair} = names;
	const rows = candles.map((candle) => {
		const prices = [candle.open, candle.high, candle.low, candle.close, candle.vwap]
			.map((value) => `"${price(pair, value)}"`)
			.join(',');
		return `[${candle.start / 1000},${prices},"${volume(pair, candle.volume)}",${candle.trades}]`;
	});
	return restResult(`{${JSON.stringify(names.key)}:[${rows.join(',')}],"last":${lastSeconds}}`);
}

/** A pair's ticker figures: the same the WebSocket v1 ticker is made from. */
export type TickerFigures = Readonly<{
	day: Summary;
	today: Summary | undefined;
	quote: Quote;
	lastVolume: number;
}>;

/**
 * One pair's entry of GET Ticker: the keys of the v1 ticker, but `a` and `b` are
 * `[price, whole lot volume, lot volume]` all strings, and `o` is one string, today's open.
 */
export function tickerEntry(pair: ListedPair, figures: TickerFigures): string {
	const {day, quote} = figures;
	const today = figures.today ?? day;
	const pricePair = (ofToday: number, ofDay: number) =>
		JSON.stringify([paddedPrice(pair, ofToday), paddedPrice(pair, ofDay)]);
	const level = (levelPrice: number, quantity: number) =>
		JSON.stringify([
			paddedPrice(pair, levelPrice),
			String(Math.floor(quantity)),
			quantity.toFixed(3),
		]);
	return `{${[
		`"a":${level(quote.ask, quote.askQty)}`,
		`"b":${level(quote.bid, quote.bidQty)}`,
		`"c":${JSON.stringify([paddedPrice(pair, day.close), volume(pair, figures.lastVolume)])}`,
		`"v":${JSON.stringify([volume(pair, today.volume), volume(pair, day.volume)])}`,
		`"p":${pricePair(today.vwap, day.vwap)}`,
		`"t":[${today.trades},${day.trades}]`,
		`"l":${pricePair(today.low, day.low)}`,
		`"h":${pricePair(today.high, day.high)}`,
		`"o":${JSON.stringify(paddedPrice(pair, today.open))}`,
	].join(',')}}`;
}

/** What AssetPairs says of a pair beyond its names (`ordermin` and `costmin` are strings). */
export type PairTerms = Readonly<{costDecimals: number; orderMin: string; costMin: string}>;

/** `0.1` for one decimal, `1` for none: the tick as a decimal string. */
const tickText = (decimals: number) => (decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`);

/**
 * One entry of GET AssetPairs, keys in Kraken's order; no leverage, and the fee schedules empty,
 * as Kraken's own are on every pair today.
 */
export function assetPairEntry(names: PairNames, terms: PairTerms): Record<string, unknown> {
	const {pair} = names;
	return {
		altname: names.altname,
		wsname: names.wsname,
		aclass_base: 'currency',
		base: names.base,
		aclass_quote: 'currency',
		quote: names.quote,
		lot: 'unit',
		cost_decimals: terms.costDecimals,
		pair_decimals: pair.priceDecimals,
		lot_decimals: pair.volumeDecimals,
		lot_multiplier: 1,
		leverage_buy: [],
		leverage_sell: [],
		fees: [],
		fees_maker: [],
		fee_volume_currency: 'ZUSD',
		margin_call: 80,
		margin_stop: 40,
		ordermin: terms.orderMin,
		costmin: terms.costMin,
		tick_size: tickText(pair.priceDecimals),
		status: 'online',
	};
}

/** One entry of GET Assets: `{"aclass":"currency","altname":"XBT","decimals":10,…}`. */
export function assetEntry(
	code: string,
	decimals: number,
	displayDecimals: number,
): Record<string, unknown> {
	return {
		aclass: 'currency',
		altname: code,
		decimals,
		display_decimals: displayDecimals,
		status: 'enabled',
	};
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** GET Time: `{"unixtime":1591502873,"rfc1123":"Sun,  7 Jun 20 04:07:53 +0000"}`. */
export function timeResult(now: number): string {
	const date = new Date(now);
	const two = (value: number) => String(value).padStart(2, '0');
	const rfc1123 = `${weekdays[date.getUTCDay()]}, ${String(date.getUTCDate()).padStart(2, ' ')} ${months[date.getUTCMonth()]} ${two(date.getUTCFullYear() % 100)} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
	return restResult(JSON.stringify({unixtime: Math.floor(now / 1000), rfc1123}));
}

/** GET SystemStatus: `{"status":"online","timestamp":"2023-07-06T18:52:00Z"}`. */
export function systemStatusResult(status: string, now: number): string {
	const timestamp = `${new Date(now).toISOString().slice(0, 19)}Z`;
	return restResult(JSON.stringify({status, timestamp}));
}
