import {restError, restResult, tickerEntry} from '../wire-rest.js';
import {isRefusal, pairListArgument} from './rest-arguments.js';
import type {RestMarket} from './rest-market.js';

/**
 * GET /0/public/Ticker[?pair=A,B] (docs/kraken-channels.md, 5.2): each pair's figures as the
 * WebSocket v1 ticker sends them (the pair's history over today and the last 24 hours, the best
 * bid and ask of its book), under its key; `o` is today's open alone. All pairs when none is
 * named. A pair that has not traded yet (a replay's, before its first trade) has no entry.
 */
export function answerTicker(query: URLSearchParams, market: RestMarket): string {
	const pairs = pairListArgument(query, market.pairs);
	if (isRefusal(pairs)) {
		return restError(pairs.error);
	}

	const now = market.now();
	const entries: string[] = [];
	for (const names of pairs) {
		const history = market.history(names.pair);
		const figures = history.ticker(now);
		const {quote} = history;
		if (figures && quote) {
			const entry = tickerEntry(names.pair, {...figures, quote, lastVolume: history.lastVolume});
			entries.push(`${JSON.stringify(names.key)}:${entry}`);
		}
	}

	return restResult(`{${entries.join(',')}}`);
}
