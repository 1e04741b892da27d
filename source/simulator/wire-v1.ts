import type {ListedPair} from './pair-catalog.js';
import type {Quote, Summary} from './market-types.js';
import type {ExchangeTrade} from './market-types.js';

/*
 * Frames the simulated exchange sends to v1 clients, in the shapes of Kraken's real v1 frames
 * (docs.kraken.com/api/docs/websocket-v1 and the captures in docs/kraken-protocol.md).
 */

export function systemStatusV1(connectionId: string, status: string, version: string): string {
	// The id is written as a bare integer above 2^53, as Kraken does, to keep clients honest.
	return `{"connectionID":${connectionId},"event":"systemStatus","status":${JSON.stringify(status)},"version":${JSON.stringify(version)}}`;
}

/** A `subscriptionStatus` frame, keys in Kraken's alphabetical order (docs: subscriptionStatus). */
export function subscriptionStatusV1(
	fields: Readonly<{
		status: 'subscribed' | 'unsubscribed' | 'error';
		/** The echo of the request's `subscription`: `{"name":"trade"}`. */
		subscription: Readonly<Record<string, unknown>>;
		pair?: string;
		/** `channelID` and `channelName`, on acks only. */
		channel?: Readonly<{id: number; name: string}>;
		reqid?: number;
		errorMessage?: string;
	}>,
): string {
	const {status, subscription, pair, channel, reqid, errorMessage} = fields;
	return JSON.stringify({
		...(channel === undefined ? {} : {channelID: channel.id, channelName: channel.name}),
		...(errorMessage === undefined ? {} : {errorMessage}),
		event: 'subscriptionStatus',
		...(pair === undefined ? {} : {pair}),
		...(reqid === undefined ? {} : {reqid}),
		status,
		subscription,
	});
}

/** Echoes whatever reqid came, as Kraken does even when refusing it (`"reqid":"a"`). */
export function errorV1(event: string, errorMessage: string, reqid?: unknown): string {
	return JSON.stringify({
		errorMessage,
		event,
		...(reqid === undefined ? {} : {reqid}),
		status: 'error',
	});
}

export function pongV1(reqid: number | undefined): string {
	return JSON.stringify(reqid === undefined ? {event: 'pong'} : {event: 'pong', reqid});
}

export const heartbeatV1 = '{"event":"heartbeat"}';

export const rateLimitV1 = '{"Error":"Exceeded msg rate"}';

/** `[channelID, [[price, volume, time, side, orderType, misc], ...], "trade", pair]`. */
export function tradeFrameV1(
	channelId: number,
	pair: ListedPair,
	trades: readonly ExchangeTrade[],
): string {
	// v1 sends decimal strings padded to at least five places, e.g. "37080.10000".
	const priceDecimals = Math.max(5, pair.priceDecimals);
	const entries = trades.map((trade) => {
		const seconds = Math.floor(trade.timeMicros / 1_000_000);
		const micros = String(trade.timeMicros % 1_000_000).padStart(6, '0');
		return `["${trade.price.toFixed(priceDecimals)}","${trade.volume.toFixed(pair.volumeDecimals)}","${seconds}.${micros}","${trade.side === 'buy' ? 'b' : 's'}","${trade.orderType === 'market' ? 'm' : 'l'}",""]`;
	});
	return `[${channelId},[${entries.join(',')}],"trade",${JSON.stringify(pair.v1Name)}]`;
}

/** v1 prices are padded to at least five decimals ("37080.10000"), quantities to the lot's. */
const v1Price = (pair: ListedPair, value: number) => value.toFixed(Math.max(5, pair.priceDecimals));
const v1Volume = (pair: ListedPair, value: number) => value.toFixed(pair.volumeDecimals);

/** `"1534614057.321597"`: seconds with microseconds. */
const v1Time = (micros: number) =>
	`${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;

/**
 * `[channelID, {a, b, c, v, p, t, l, h, o}, "ticker", pair]`: each daily figure is `[today, last 24
 * hours]`, today from 00:00 UTC; `a` and `b` are `[price, whole lot volume, lot volume]`.
 */
export function tickerFrameV1(
	channelId: number,
	pair: ListedPair,
	figures: Readonly<{day: Summary; today: Summary | undefined; quote: Quote; lastVolume: number}>,
): string {
	const {day, quote} = figures;
	const today = figures.today ?? day;
	const price = (value: number) => JSON.stringify(v1Price(pair, value));
	const volume = (value: number) => JSON.stringify(v1Volume(pair, value));
	const pairOf = (format: (value: number) => string, ofToday: number, ofDay: number) =>
		`[${format(ofToday)},${format(ofDay)}]`;
	const body = [
		`"a":[${price(quote.ask)},${Math.floor(quote.askQty)},${volume(quote.askQty)}]`,
		`"b":[${price(quote.bid)},${Math.floor(quote.bidQty)},${volume(quote.bidQty)}]`,
		`"c":[${price(day.close)},${volume(figures.lastVolume)}]`,
		`"v":${pairOf(volume, today.volume, day.volume)}`,
		`"p":${pairOf(price, today.vwap, day.vwap)}`,
		`"t":[${today.trades},${day.trades}]`,
		`"l":${pairOf(price, today.low, day.low)}`,
		`"h":${pairOf(price, today.high, day.high)}`,
		`"o":${pairOf(price, today.open, day.open)}`,
	];
	return `[${channelId},{${body.join(',')}},"ticker",${JSON.stringify(pair.v1Name)}]`;
}

/**
 * `[channelID, [time, etime, open, high, low, close, vwap, volume, count], "ohlc-<interval>",
 * pair]`: `time` is the candle's last update, `etime` its end.
 */
export function ohlcFrameV1(
	channelId: number,
	pair: ListedPair,
	interval: number,
	candle: Summary,
): string {
	const price = (value: number) => JSON.stringify(v1Price(pair, value));
	const end = (candle.start + interval * 60_000) * 1000;
	const fields = [
		JSON.stringify(v1Time(candle.lastMicros)),
		JSON.stringify(v1Time(end)),
		price(candle.open),
		price(candle.high),
		price(candle.low),
		price(candle.close),
		price(candle.vwap),
		JSON.stringify(v1Volume(pair, candle.volume)),
		String(candle.trades),
	];
	return `[${channelId},[${fields.join(',')}],"ohlc-${interval}",${JSON.stringify(pair.v1Name)}]`;
}

/**
 * A v1 book level as text: `[price, volume, time]`, or `[price, volume, time, "r"]` for a level
 * republished into the window when one above it left (docs/kraken-protocol.md, 9).
 */
export type BookLevelV1 = Readonly<{
	price: string;
	volume: string;
	timeMicros: number;
	republished: boolean;
}>;

const bookLevelsV1 = (levels: readonly BookLevelV1[]) =>
	levels
		.map(
			(level) =>
				`["${level.price}","${level.volume}","${v1Time(level.timeMicros)}"${level.republished ? ',"r"' : ''}]`,
		)
		.join(',');

/** `[channelID, {"as": [...], "bs": [...]}, "book-<depth>", pair]`: asks rising, bids falling. */
export function bookSnapshotFrameV1(
	channelId: number,
	pair: ListedPair,
	depth: number,
	book: Readonly<{asks: readonly BookLevelV1[]; bids: readonly BookLevelV1[]}>,
): string {
	return `[${channelId},{"as":[${bookLevelsV1(book.asks)}],"bs":[${bookLevelsV1(book.bids)}]},"book-${depth}",${JSON.stringify(pair.v1Name)}]`;
}

/**
 * `[channelID, {"a": [...]}, {"b": [...], "c": "<checksum>"}, "book-<depth>", pair]`: a map for
 * each side that changed, asks first, the checksum (unsigned, as a string) in the last one.
 * Only called with a change on one side at least.
 */
export function bookUpdateFrameV1(
	channelId: number,
	pair: ListedPair,
	depth: number,
	changes: Readonly<{asks: readonly BookLevelV1[]; bids: readonly BookLevelV1[]}>,
	checksum: number,
): string {
	const maps = [
		...(changes.asks.length > 0 ? [`"a":[${bookLevelsV1(changes.asks)}]`] : []),
		...(changes.bids.length > 0 ? [`"b":[${bookLevelsV1(changes.bids)}]`] : []),
	];
	maps[maps.length - 1] += `,"c":"${checksum}"`;
	return `[${channelId},${maps.map((map) => `{${map}}`).join(',')},"book-${depth}",${JSON.stringify(pair.v1Name)}]`;
}
