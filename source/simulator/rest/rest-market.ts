import type {ListedPair} from '../pair-catalog.js';
import type {PairHistory} from '../pair-history.js';
import type {PairDirectory} from './kraken-pair-keys.js';
import type {TradeLog} from './trade-log.js';

/**
 * What REST answers are made from: the same trades, histories and books the WebSocket channels
 * read, so a trade, a candle or a ticker reads the same over both.
 */
export type RestMarket = Readonly<{
	pairs: PairDirectory;
	/** The pair's trades as the exchange sent them. */
	trades(pair: ListedPair): TradeLog;
	history(pair: ListedPair): PairHistory;
	/** The engine's status as the WebSocket status channel last said it (`online`, `maintenance`…). */
	systemStatus(): string;
	/** Now, in milliseconds. */
	now(): number;
}>;
