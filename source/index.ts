// kraken-tape as a library: Kraken's public market data for your own code, through the same
// client the command uses (reconnects, watchdog, repeats dropped, gaps filled from REST, books
// checked against Kraken's checksum). Importing it loads no Ink, React or Yoga, and nothing
// connects until the first iteration.
export {KrakenTapeError} from './library/library-error.js';
export {waitForPrice} from './library/wait-for-price.js';
export {watchBook, watchCandles, watchTicker, watchTrades} from './library/watch.js';
export type {
	AlertEvent,
	ApiVersion,
	BookDepth,
	BookEvent,
	CandleEvent,
	CandleInterval,
	FeedEvent,
	TickerEvent,
	TradeEvent,
	WatchOptions,
} from './library/public-types.js';
