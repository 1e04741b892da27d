import {performance} from 'node:perf_hooks';
import type {ListedPair} from '../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../source/simulator/market-types.js';

/**
 * Trade `id` of a pair: deterministic, near the pair's usual price, stamped now (so all count in
 * trades/min). The burst tests and the benchmark's firehose (bench/firehose/server.ts) share it.
 */
export function syntheticTrade(pair: ListedPair, id: number, price?: number): ExchangeTrade {
	return {
		side: id % 2 === 0 ? 'buy' : 'sell',
		price: price ?? pair.startPrice * (1 + ((id % 201) - 100) / 10_000),
		volume: pair.typicalVolume * (0.5 + (id % 10) / 10),
		orderType: id % 3 === 0 ? 'market' : 'limit',
		timeMicros: Math.floor((performance.timeOrigin + performance.now()) * 1000),
		tradeId: id,
	};
}
