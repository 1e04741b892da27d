import type {BookTop, Candle, Ticker, Trade} from '../model/types.js';
import type {BookEvent, CandleEvent, TickerEvent, TradeEvent} from './public-types.js';

// The model's types as the library promises them: the fields of the --json lines, times as
// Dates, `simulated` where the exchange says it is kraken-tape's simulator.

const simulatedMark = (isSimulated: boolean) => (isSimulated ? {simulated: true as const} : {});

export function publicTrade(trade: Trade, isSimulated: boolean): TradeEvent {
	return {
		pair: trade.pair,
		side: trade.side,
		price: trade.price,
		volume: trade.volume,
		time: new Date(trade.time),
		orderType: trade.orderType,
		...(trade.tradeId === undefined ? {} : {tradeId: trade.tradeId}),
		...(trade.isBackfilled ? {backfilled: true as const} : {}),
		...simulatedMark(isSimulated),
	};
}

export function publicTicker(ticker: Ticker, isSimulated: boolean): TickerEvent {
	return {
		...ticker,
		changePct: Math.round(ticker.changePct * 100) / 100,
		time: new Date(ticker.time),
		...simulatedMark(isSimulated),
	};
}

export function publicCandle(candle: Candle, isSimulated: boolean): CandleEvent {
	return {...candle, start: new Date(candle.start), ...simulatedMark(isSimulated)};
}

/** The best ten levels a side, as a --json book line holds. */
export function publicBook(top: BookTop, isSimulated: boolean): BookEvent {
	return {
		pair: top.pair,
		bids: top.bids.slice(0, 10),
		asks: top.asks.slice(0, 10),
		...(top.checksum === undefined ? {} : {checksum: top.checksum}),
		time: new Date(top.time),
		...simulatedMark(isSimulated),
	};
}
