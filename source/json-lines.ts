import {alertFields} from './model/alert-fields.js';
import type {AlertEvent, BookLevel, BookTop, Candle, Ticker, Trade} from './model/types.js';

// The lines --json writes, one JSON object each (json-mode.ts writes them).

/** The last trade time written and its text: the trades of a frame mostly share their time. */
let lastTime = Number.NaN;
let lastTimeText = '';

function timeText(time: number): string {
	if (time !== lastTime) {
		lastTime = time;
		lastTimeText = new Date(time).toISOString();
	}

	return lastTimeText;
}

/** A pair's name as a JSON string, made once a pair: names come from a short list. */
const pairTexts = new Map<string, string>();

function pairText(pair: string): string {
	let text = pairTexts.get(pair);
	if (text === undefined) {
		text = JSON.stringify(pair);
		if (pairTexts.size < 1000) {
			pairTexts.set(pair, text);
		}
	}

	return text;
}

/**
 * The trade line, written out by hand: JSON.stringify of an object built per trade would be the
 * largest cost of --json after parsing (npm run bench). Strings that came from the network go
 * through JSON.stringify, so they are escaped as JSON.stringify escapes them everywhere else.
 */
export function tradeLine(trade: Trade, isSimulated: boolean): string {
	const tradeId = trade.tradeId === undefined ? '' : `,"tradeId":${trade.tradeId}`;
	const backfilled = trade.isBackfilled ? ',"backfilled":true' : '';
	return `{"type":"trade","pair":${pairText(trade.pair)},"side":"${trade.side}","price":${trade.price},"volume":${trade.volume},"time":"${timeText(trade.time)}","orderType":"${trade.orderType}"${tradeId}${backfilled}${isSimulated ? ',"simulated":true' : ''}}`;
}

/** The 24-hour figures; the change in percent to two decimals, as v2 sends it. */
export function tickerLine(ticker: Ticker, isSimulated: boolean): string {
	const {pair, last, bid, bidQty, ask, askQty, high, low, volume, vwap, change} = ticker;
	return JSON.stringify({
		type: 'ticker',
		pair,
		last,
		bid,
		bidQty,
		ask,
		askQty,
		high,
		low,
		volume,
		vwap,
		change,
		changePct: Math.round(ticker.changePct * 100) / 100,
		time: new Date(ticker.time).toISOString(),
		...(isSimulated ? {simulated: true} : {}),
	});
}

export function candleLine(candle: Candle, isSimulated: boolean): string {
	const {pair, interval, open, high, low, close, vwap, volume, trades} = candle;
	return JSON.stringify({
		type: 'candle',
		pair,
		interval,
		start: new Date(candle.start).toISOString(),
		open,
		high,
		low,
		close,
		vwap,
		volume,
		trades,
		...(isSimulated ? {simulated: true} : {}),
	});
}

/** Levels a side a book line holds, best first: the ten the checksum covers. */
const bookLineLevels = 10;

const levelsText = (levels: readonly BookLevel[]) =>
	`[${levels
		.slice(0, bookLineLevels)
		.map(([price, quantity]) => `[${price},${quantity}]`)
		.join(',')}]`;

/** A verified book's best levels; a v1 snapshot has no checksum to give. */
export function bookLine(top: BookTop, isSimulated: boolean): string {
	const checksum = top.checksum === undefined ? '' : `,"checksum":${top.checksum}`;
	return `{"type":"book","pair":${JSON.stringify(top.pair)},"bids":${levelsText(top.bids)},"asks":${levelsText(top.asks)}${checksum},"time":"${new Date(top.time).toISOString()}"${isSimulated ? ',"simulated":true' : ''}}`;
}

/** The alert's values, the same an alert command gets in its environment (alert-fields.ts). */
export function alertLine(alert: AlertEvent, isSimulated: boolean): string {
	const {pair, rule, time} = alertFields(alert);
	return JSON.stringify({
		type: 'alert',
		pair,
		rule,
		price: alert.price,
		time,
		...(isSimulated ? {simulated: true} : {}),
	});
}
