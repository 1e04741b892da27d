import type {PairStatsSnapshot} from './pair-stats.js';

/** Without --big: a trade is big at ten times the pair's average notional, once 20 trades are in. */
const adaptiveMultiple = 10;
const adaptiveMinimumTrades = 20;

/** The notional from which a trade of this pair is highlighted, or undefined when not yet known. */
export function bigTradeThreshold(
	stats: PairStatsSnapshot,
	fixed: number | undefined,
): number | undefined {
	if (fixed !== undefined) {
		return fixed;
	}

	return stats.tradeCount >= adaptiveMinimumTrades
		? (stats.notional / stats.tradeCount) * adaptiveMultiple
		: undefined;
}
