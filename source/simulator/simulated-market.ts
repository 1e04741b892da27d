import {RingBuffer} from '../model/ring-buffer.js';
import {moveBook} from './book-motion.js';
import {bookShapeOf, keepDeep, seedBook, type BookShape} from './book-shape.js';
import {takeLiquidity} from './book-taker.js';
import {lotsOf, priceOf, quantityOf, ticksOf} from './book-text.js';
import {InventedPast, inventedTradeCount} from './invented-past.js';
import {listedPairs, type ListedPair} from './pair-catalog.js';
import {normal, poisson, seededRandom} from './random.js';
import {SimulatedBook} from './simulated-book.js';
import type {ExchangeTrade} from './market-types.js';
import type {TradeSource, TradesListener} from './trade-source.js';

export type SimulatedMarketOptions = Readonly<{
	seed?: number;
	/** How often the market moves; all trades of a pair in one tick go out in one frame. */
	tickMs?: number;
	/** Scales every pair's order rate, for tests and load. */
	rateMultiplier?: number;
	pairs?: readonly ListedPair[];
}>;

type PairMarket = {
	readonly pair: ListedPair;
	/** The price makers quote around and takers lean towards, in log space: a random walk. */
	logFair: number;
	readonly book: SimulatedBook;
	readonly shape: BookShape;
	nextTradeId: number;
	/** 1 in calm markets; jumps for a while to make the bursts real tapes have. */
	intensity: number;
	/** The latest trades, for v2 snapshots. */
	readonly history: RingBuffer<ExchangeTrade>;
	/** What the pair's market had before it opened: REST's history of it, and the ticker's day. */
	readonly past: InventedPast;
	/** The last trade's time: a trade is never stamped earlier, however the ticks fall. */
	lastMicros: number;
};

const snapshotDepth = 50;
/** The fair price's volatility per square root of a second, as the invented day's minutes have. */
const fairVolatility = 0.00015;
/** Maker actions (place, join, cancel) per taker order, so the book moves between trades. */
const makersPerTaker = 8;

/**
 * A market of order books: each pair's book (simulated-book.ts) is moved by makers between
 * trades and walked by taker orders arriving in Poisson bursts, each filling one or several
 * levels, so one frame often carries several trades with one timestamp, as Kraken's do, and
 * every trade is at a price the book had. A random walk of the fair price leads both.
 */
export function createSimulatedMarket(options: SimulatedMarketOptions = {}): TradeSource {
	const random = seededRandom(options.seed ?? Date.now());
	const tickMs = options.tickMs ?? 100;
	const rateMultiplier = options.rateMultiplier ?? 1;
	const pairs = options.pairs ?? listedPairs;
	const listeners = new Set<TradesListener>();
	const bookListeners = new Set<(pair: ListedPair) => void>();
	const warmUpStart = (Date.now() - 60_000) * 1000;
	const markets = new Map<ListedPair, PairMarket>(
		pairs.map((pair) => {
			const logFair = Math.log(pair.startPrice * (1 + normal(random) * 0.01));
			const book = new SimulatedBook(pair);
			const shape = bookShapeOf(pair, Math.exp(logFair));
			seedBook(book, shape, Math.exp(logFair), random, warmUpStart);
			const firstTradeId = 10_000_000 + Math.floor(random() * 80_000_000);
			const before = {
				pair,
				shape,
				fairPrice: Math.exp(logFair),
				endMicros: warmUpStart,
				volatility: fairVolatility,
				firstTradeId,
			};
			return [
				pair,
				{
					pair,
					logFair,
					book,
					shape,
					nextTradeId: firstTradeId + inventedTradeCount,
					intensity: 1,
					history: new RingBuffer<ExchangeTrade>(snapshotDepth),
					past: new InventedPast(before, Math.floor(random() * 2 ** 32)),
					lastMicros: 0,
				},
			];
		}),
	);
	let timer: NodeJS.Timeout | undefined;

	const fairTicks = (market: PairMarket) => ticksOf(market.pair, Math.exp(market.logFair));

	/** About `meanEvents` maker actions on a pair's book; says whether there were any. */
	function makersAct(market: PairMarket, meanEvents: number, timeMicros: number): boolean {
		const events = poisson(random, meanEvents);
		if (events > 0) {
			moveBook(market.book, market.shape, fairTicks(market), events, random, timeMicros);
			keepDeep(market.book, market.shape, random, timeMicros);
		}

		return events > 0;
	}

	function takerOrder(market: PairMarket, timeMicros: number): ExchangeTrade[] {
		const {pair, book, shape} = market;
		// Takers lean the way the fair price has moved from the middle of the book.
		const bid = book.best('bid')?.ticks ?? 0;
		const ask = book.best('ask')?.ticks ?? bid;
		const lean = (fairTicks(market) - (bid + ask) / 2) / (3 * shape.gapTicks);
		const side = random() < 1 / (1 + Math.exp(-lean)) ? 'buy' : 'sell';
		const lots = Math.max(1, lotsOf(pair, pair.typicalVolume * Math.exp(normal(random) * 0.9)));
		const orderType = random() < 0.65 ? 'market' : 'limit';
		return takeLiquidity(book, side, lots, timeMicros).map((fill) => ({
			side,
			price: priceOf(pair, fill.ticks),
			volume: quantityOf(pair, fill.lots),
			orderType,
			timeMicros,
			tradeId: market.nextTradeId++,
		}));
	}

	/** The fair price's step over `seconds`, larger in a burst. */
	function walkFair(market: PairMarket, seconds: number): void {
		market.logFair += normal(random) * fairVolatility * Math.sqrt(seconds * market.intensity);
	}

	function tick(): void {
		const startMicros = Date.now() * 1000;
		const seconds = tickMs / 1000;
		for (const market of markets.values()) {
			if (random() < 0.01) {
				market.intensity = market.intensity > 1 ? 1 : 4 + random() * 8;
			}

			walkFair(market, seconds);
			const mean = market.pair.ordersPerSecond * market.intensity * rateMultiplier * seconds;
			// The book moves first, and is published before the trades it then makes.
			if (makersAct(market, mean * makersPerTaker, startMicros)) {
				for (const listener of bookListeners) {
					listener(market.pair);
				}
			}

			const orders = poisson(random, mean);
			if (orders === 0) {
				continue;
			}

			const trades: ExchangeTrade[] = [];
			for (let order = 0; order < orders; order++) {
				const offset = Math.floor((order / orders) * tickMs * 1000 + random() * 997);
				market.lastMicros = Math.max(market.lastMicros, startMicros + offset);
				trades.push(...takerOrder(market, market.lastMicros));
			}

			keepDeep(market.book, market.shape, random, startMicros);
			if (trades.length === 0) {
				continue;
			}

			for (const trade of trades) {
				market.history.push(trade);
			}

			for (const listener of listeners) {
				listener(market.pair, trades);
			}
		}
	}

	// Before the market opens (invented-past.ts): a day of minutes and a thousand trades, made when
	// first asked for, then a minute of trades against the book, so the first v2 client gets a
	// snapshot, a ticker and candles at once, and REST a full page of trades.
	for (const market of markets.values()) {
		let offset = 0;
		while (market.history.size < snapshotDepth) {
			// About 30 orders fill the snapshot: spread them over the minute up to now.
			const step = Math.floor(random() * 3_800_000);
			offset = Math.min(offset + step, 59_900_000);
			walkFair(market, step / 1_000_000);
			makersAct(market, makersPerTaker, warmUpStart + offset);
			for (const trade of takerOrder(market, warmUpStart + offset)) {
				market.history.push(trade);
				market.past.addWarmUp(trade);
			}

			keepDeep(market.book, market.shape, random, warmUpStart + offset);
		}

		market.lastMicros = warmUpStart + offset;
	}

	return {
		pairs,
		description: 'simulated market of order books (a day of invented history behind it)',
		onTrades(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		recent(pair, count) {
			return markets.get(pair)?.history.newest(count).reverse() ?? [];
		},
		pastTrades: (pair) => markets.get(pair)?.past.trades ?? [],
		book: (pair) => markets.get(pair)?.book,
		onBookMoved(listener) {
			bookListeners.add(listener);
			return () => bookListeners.delete(listener);
		},
		pastMinutes: (pair) => markets.get(pair)?.past.minutes ?? [],
		start() {
			timer ??= setInterval(tick, tickMs);
		},
		stop() {
			clearInterval(timer);
			timer = undefined;
		},
	};
}
