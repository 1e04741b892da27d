import {restError, tradeNanosText, tradesResult} from '../wire-rest.js';
import {
	integerArgument,
	invalidArguments,
	isRefusal,
	pairArgument,
	sinceNanoseconds,
} from './rest-arguments.js';
import type {RestMarket} from './rest-market.js';

/** "Return specific number of trades, up to 1000" (docs: Get Recent Trades); 1000 by default. */
const maxCount = 1000;

/**
 * GET /0/public/Trades?pair=P&since=S&count=N (docs/kraken-channels.md, 4): the pair's trades,
 * oldest first, as the WebSocket sent them (the same ids, times and prices). Without `since`,
 * the latest `count`; with it, the first `count` at or after it: `since` is inclusive, so paging
 * with `since=last` repeats the previous page's trades of that last time (one at least), never
 * leaves one out. `last` is the last row's time in nanoseconds, a string; with no rows, `since`
 * itself (in nanoseconds), or "0" when there was none.
 */
export function answerTrades(query: URLSearchParams, market: RestMarket): string {
	const names = pairArgument(query, market.pairs);
	if (isRefusal(names)) {
		return restError(names.error);
	}

	const count = integerArgument(query.get('count'), maxCount, 1, maxCount);
	const since = sinceNanoseconds(query.get('since'));
	if (count === undefined) {
		return restError(invalidArguments);
	}

	if (isRefusal(since)) {
		return restError(since.error);
	}

	const log = market.trades(names.pair);
	// A trade at or after `since` has a time of at least `since` rounded up to the microsecond.
	const trades =
		since === undefined
			? log.latest(count)
			: log.slice(log.firstAtOrAfter(Number((since + 999n) / 1000n)), count);
	const lastTrade = trades.at(-1);
	const last = lastTrade ? tradeNanosText(lastTrade.timeMicros) : String(since ?? 0n);
	return tradesResult(names, trades, last);
}
