import {RingBuffer} from '../model/ring-buffer.js';
import {listedPairs, type ListedPair} from './pair-catalog.js';
import {inventPastDay} from './invented-history.js';
import {normal, poisson, seededRandom} from './random.js';
import type {ExchangeTrade, TradeSource, TradesListener} from './trade-source.js';

export type SimulatedMarketOptions = Readonly<{
	seed?: number;
	/** How often the market moves; all trades of a pair in one tick go out in one frame. */
	tickMs?: number;
	/** Scales every pair's order rate, for tests and load. */
	rateMultiplier?: number;
	pairs?: readonly ListedPair[];
}>;

type PairBook = {
	readonly pair: ListedPair;
	logPrice: number;
	nextTradeId: number;
	/** 1 in calm markets; jumps for a while to make the bursts real tapes have. */
	intensity: number;
	readonly history: RingBuffer<ExchangeTrade>;
};

const snapshotDepth = 50;

/**
 * A random-walk market: prices move in log space with each pair's real decimals, taker orders
 * arrive in Poisson bursts and sweep one to several price levels, so one frame often carries
 * several trades with one timestamp, as Kraken's do.
 */
export function createSimulatedMarket(options: SimulatedMarketOptions = {}): TradeSource {
	const random = seededRandom(options.seed ?? Date.now());
	const tickMs = options.tickMs ?? 100;
	const rateMultiplier = options.rateMultiplier ?? 1;
	const pairs = options.pairs ?? listedPairs;
	const listeners = new Set<TradesListener>();
	const books = new Map<ListedPair, PairBook>(
		pairs.map((pair) => [
			pair,
			{
				pair,
				logPrice: Math.log(pair.startPrice * (1 + normal(random) * 0.01)),
				nextTradeId: 10_000_000 + Math.floor(random() * 80_000_000),
				intensity: 1,
				history: new RingBuffer<ExchangeTrade>(snapshotDepth),
			},
		]),
	);
	let timer: NodeJS.Timeout | undefined;

	function takerOrder(book: PairBook, timeMicros: number): ExchangeTrade[] {
		const {pair} = book;
		const side = random() < 0.5 ? 'buy' : 'sell';
		book.logPrice += normal(random) * 0.0004;
		const tick = 10 ** -pair.priceDecimals;
		const fills = 1 + Math.min(4, poisson(random, 0.6));
		const totalVolume = pair.typicalVolume * Math.exp(normal(random) * 0.9);
		const orderType = random() < 0.65 ? 'market' : 'limit';
		const trades: ExchangeTrade[] = [];
		let price = Math.exp(book.logPrice);
		for (let fill = 0; fill < fills; fill++) {
			const volume = Math.max(
				10 ** -pair.volumeDecimals,
				round((totalVolume / fills) * (0.4 + random() * 1.2), pair.volumeDecimals),
			);
			trades.push({
				side,
				price: Math.max(tick, round(price, pair.priceDecimals)),
				volume,
				orderType,
				timeMicros,
				tradeId: book.nextTradeId++,
			});
			// A buy sweeps up the asks, a sell down the bids.
			price += (side === 'buy' ? 1 : -1) * tick * (1 + Math.floor(random() * 3));
		}

		book.logPrice = Math.log(Math.max(tick, price));
		return trades;
	}

	function tick(): void {
		const startMicros = Date.now() * 1000;
		for (const book of books.values()) {
			if (random() < 0.01) {
				book.intensity = book.intensity > 1 ? 1 : 4 + random() * 8;
			}

			const mean = book.pair.ordersPerSecond * book.intensity * rateMultiplier * (tickMs / 1000);
			const orders = poisson(random, mean);
			if (orders === 0) {
				continue;
			}

			const trades: ExchangeTrade[] = [];
			for (let order = 0; order < orders; order++) {
				const offset = Math.floor((order / orders) * tickMs * 1000 + random() * 997);
				trades.push(...takerOrder(book, startMicros + offset));
			}

			for (const trade of trades) {
				book.history.push(trade);
			}

			for (const listener of listeners) {
				listener(book.pair, trades);
			}
		}
	}

	// A day of invented minutes up to the warm-up, ending at each pair's starting price, then a
	// minute of trades, so the first v2 client gets a snapshot, a ticker and candles at once.
	const warmUpStart = (Date.now() - 60_000) * 1000;
	const pastDays = new Map(
		[...books.values()].map((book) => [
			book.pair,
			inventPastDay(book.pair, Math.exp(book.logPrice), warmUpStart / 1000, random),
		]),
	);
	for (const book of books.values()) {
		let offset = 0;
		while (book.history.size < snapshotDepth) {
			// About 30 orders fill the snapshot: spread them over the minute up to now.
			offset = Math.min(offset + Math.floor(random() * 3_800_000), 59_900_000);
			for (const trade of takerOrder(book, warmUpStart + offset)) {
				book.history.push(trade);
			}
		}
	}

	return {
		pairs,
		description: 'simulated random-walk market (a day of invented history behind it)',
		onTrades(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		recent(pair, count) {
			return books.get(pair)?.history.newest(count).reverse() ?? [];
		},
		pastMinutes: (pair) => pastDays.get(pair) ?? [],
		start() {
			timer ??= setInterval(tick, tickMs);
		},
		stop() {
			clearInterval(timer);
			timer = undefined;
		},
	};
}

function round(value: number, decimals: number): number {
	return Number(value.toFixed(decimals));
}
