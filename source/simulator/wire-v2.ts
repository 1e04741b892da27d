import type {ListedPair} from './pair-catalog.js';
import type {Quote, Summary} from './market-types.js';
import type {ExchangeTrade} from './market-types.js';

/*
 * Frames the simulated exchange sends to v2 clients, in the shapes of Kraken's real v2 frames
 * (docs.kraken.com/api/docs/websocket-v2 and the captures in docs/kraken-protocol.md).
 */

/** RFC 3339 with microseconds, as Kraken writes `timestamp`, `time_in` and `time_out`. */
export function timestampOf(micros: number): string {
	const iso = new Date(Math.floor(micros / 1000)).toISOString();
	return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}

export function nowStamp(): string {
	return timestampOf(Date.now() * 1000);
}

export function statusV2(connectionId: string, system: string, version: string): string {
	// The id is written as a bare integer above 2^53, as Kraken does, to keep clients honest.
	return `{"channel":"status","data":[{"api_version":"v2","connection_id":${connectionId},"system":${JSON.stringify(system)},"version":${JSON.stringify(version)}}],"type":"update"}`;
}

/** `result.channel` is `trade` unless `result` names another; `channel` comes first either way. */
export function acknowledgementV2(
	method: string,
	requestId: number | undefined,
	result: Readonly<{channel?: string; symbol: string} & Record<string, unknown>>,
	timeIn: string,
	timeOut = nowStamp(),
): string {
	return JSON.stringify({
		method,
		...(requestId === undefined ? {} : {req_id: requestId}),
		result: {channel: 'trade', ...result},
		success: true,
		time_in: timeIn,
		time_out: timeOut,
	});
}

export function errorV2(
	method: string,
	error: string,
	requestId: number | undefined,
	timeIn: string,
	symbol?: string,
	timeOut = nowStamp(),
): string {
	return JSON.stringify({
		error,
		method,
		...(requestId === undefined ? {} : {req_id: requestId}),
		success: false,
		...(symbol === undefined ? {} : {symbol}),
		time_in: timeIn,
		time_out: timeOut,
	});
}

export function pongV2(
	requestId: number | undefined,
	timeIn: string,
	timeOut = nowStamp(),
): string {
	return JSON.stringify({
		method: 'pong',
		...(requestId === undefined ? {} : {req_id: requestId}),
		time_in: timeIn,
		time_out: timeOut,
	});
}

export const heartbeatV2 = '{"channel":"heartbeat"}';

/** Numbers keep the engine's precision in the text (`"qty":0.10000000`), as Kraken's do. */
export function tradeMessageV2(
	type: 'snapshot' | 'update',
	pair: ListedPair,
	trades: readonly ExchangeTrade[],
): string {
	const data = trades.map(
		(trade) =>
			`{"symbol":${JSON.stringify(pair.symbol)},"side":"${trade.side}","price":${trade.price.toFixed(pair.priceDecimals)},"qty":${trade.volume.toFixed(pair.volumeDecimals)},"ord_type":"${trade.orderType}","trade_id":${trade.tradeId},"timestamp":"${timestampOf(trade.timeMicros)}"}`,
	);
	return `{"channel":"trade","type":"${type}","data":[${data.join(',')}]}`;
}

/** A price at the pair's decimals, a quantity at its lot decimals: the engine's text, as Kraken's. */
const priceText = (pair: ListedPair, value: number) => value.toFixed(pair.priceDecimals);
const volumeText = (pair: ListedPair, value: number) => value.toFixed(pair.volumeDecimals);

/** The v2 ticker, on every trade (event_trigger trades): every figure over 24 hours. */
export function tickerMessageV2(
	type: 'snapshot' | 'update',
	pair: ListedPair,
	figures: Readonly<{day: Summary; quote: Quote; timeMicros: number}>,
): string {
	const {day, quote} = figures;
	const change = day.close - day.open;
	const percent = day.open > 0 ? (change / day.open) * 100 : 0;
	const price = (value: number) => priceText(pair, value);
	return `{"channel":"ticker","type":"${type}","data":[{"symbol":${JSON.stringify(pair.symbol)},"bid":${price(quote.bid)},"bid_qty":${volumeText(pair, quote.bidQty)},"ask":${price(quote.ask)},"ask_qty":${volumeText(pair, quote.askQty)},"last":${price(day.close)},"volume":${volumeText(pair, day.volume)},"vwap":${price(day.vwap)},"low":${price(day.low)},"high":${price(day.high)},"change":${price(change)},"change_pct":${percent.toFixed(2)},"trades":${day.trades},"timestamp":"${timestampOf(figures.timeMicros)}"}]}`;
}

/** RFC 3339 with nine fractional digits, as Kraken writes `interval_begin`. */
function nanosecondStamp(milliseconds: number): string {
	return `${new Date(milliseconds).toISOString().slice(0, 19)}.${String(milliseconds % 1000).padStart(3, '0')}000000Z`;
}

/** v2 candles: `interval_begin` is the start; the row's `timestamp`, the end, is deprecated. */
export function ohlcMessageV2(
	type: 'snapshot' | 'update',
	pair: ListedPair,
	interval: number,
	candles: readonly Summary[],
): string {
	const price = (value: number) => priceText(pair, value);
	const data = candles.map(
		(candle) =>
			`{"symbol":${JSON.stringify(pair.symbol)},"open":${price(candle.open)},"high":${price(candle.high)},"low":${price(candle.low)},"close":${price(candle.close)},"trades":${candle.trades},"volume":${volumeText(pair, candle.volume)},"vwap":${price(candle.vwap)},"interval_begin":"${nanosecondStamp(candle.start)}","interval":${interval},"timestamp":"${timestampOf((candle.start + interval * 60_000) * 1000)}"}`,
	);
	return `{"channel":"ohlc","type":"${type}","timestamp":"${nowStamp()}","data":[${data.join(',')}]}`;
}

/** A book level as the text of its two numbers: `["62802.5", "0.02987767"]`. */
export type BookLevelV2 = readonly [price: string, qty: string];

/**
 * A v2 book snapshot or update: prices and quantities are bare numbers written from the text
 * given, trailing zeros kept (`{"price":62803.7,"qty":0.10000000}`), since the checksum is taken
 * from that text; `timestamp` is when the book last changed (docs/kraken-protocol.md, 9).
 */
export function bookMessageV2(
	type: 'snapshot' | 'update',
	pair: ListedPair,
	book: Readonly<{
		bids: readonly BookLevelV2[];
		asks: readonly BookLevelV2[];
		checksum: number;
		timeMicros: number;
	}>,
): string {
	const levels = (side: readonly BookLevelV2[]) =>
		side.map(([price, qty]) => `{"price":${price},"qty":${qty}}`).join(',');
	return `{"channel":"book","type":"${type}","data":[{"symbol":${JSON.stringify(pair.symbol)},"bids":[${levels(book.bids)}],"asks":[${levels(book.asks)}],"checksum":${book.checksum},"timestamp":"${timestampOf(book.timeMicros)}"}]}`;
}
