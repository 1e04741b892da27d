import {clientOptionsFor} from './library-options.js';
import {feedStream} from './feed-stream.js';
import type {
	BookEvent,
	CandleEvent,
	TickerEvent,
	TradeEvent,
	WatchOptions,
} from './public-types.js';
import {publicBook, publicCandle, publicTicker, publicTrade} from './to-public.js';

/**
 * Every trade of the pairs, as the `--json` trade lines hold them: a v2 snapshot's last 50 first,
 * then live, in order per pair, with any gap after a reconnect filled from Kraken's REST history
 * (those marked `backfilled`). Throws a KrakenTapeError at once for a bad pair or option.
 */
export function watchTrades(
	pairs: readonly string[] | string,
	options: WatchOptions = {},
): AsyncIterableIterator<TradeEvent> {
	const clientOptions = clientOptionsFor(pairs, ['trade'], options);
	return feedStream(clientOptions, options, (client, push, isSimulated) => {
		client.on('trades', (trades) => {
			for (const trade of trades) {
				push(publicTrade(trade, isSimulated()));
			}
		});
	});
}

/** Each pair's 24-hour figures, from the first (the snapshot) on. */
export function watchTicker(
	pairs: readonly string[] | string,
	options: WatchOptions = {},
): AsyncIterableIterator<TickerEvent> {
	const clientOptions = clientOptionsFor(pairs, ['ticker'], options);
	return feedStream(clientOptions, options, (client, push, isSimulated) => {
		client.on('ticker', (ticker) => push(publicTicker(ticker, isSimulated())));
	});
}

/**
 * Candles of `options.interval` minutes (1 by default): the snapshot's, then the one in progress
 * again on every trade; a candle with a new start means the one before it is final.
 */
export function watchCandles(
	pairs: readonly string[] | string,
	options: WatchOptions = {},
): AsyncIterableIterator<CandleEvent> {
	const clientOptions = clientOptionsFor(pairs, ['ohlc'], options);
	return feedStream(clientOptions, options, (client, push, isSimulated) => {
		client.on('candles', (candles) => {
			for (const candle of candles) {
				push(publicCandle(candle, isSimulated()));
			}
		});
	});
}

/**
 * Each pair's book, kept at `options.depth` levels a side (10 by default) and checked against
 * Kraken's checksum on every message: its best ten a side after each turn's messages. A book that
 * fails is not passed on until rebuilt (an `onEvent` resync says so).
 */
export function watchBook(
	pairs: readonly string[] | string,
	options: WatchOptions = {},
): AsyncIterableIterator<BookEvent> {
	const clientOptions = clientOptionsFor(pairs, ['book'], options);
	return feedStream(clientOptions, options, (client, push, isSimulated) => {
		client.on('book', (top) => push(publicBook(top, isSimulated())));
	});
}
