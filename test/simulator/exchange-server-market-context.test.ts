import {afterEach, describe, expect, test} from 'vitest';
import type {KrakenClient} from '../../source/kraken/client.js';
import type {ApiVersion, Candle, Channel, Ticker, Trade} from '../../source/model/types.js';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {listedPairs, type ListedPair} from '../../source/simulator/pair-catalog.js';
import type {MinuteCandle} from '../../source/simulator/market-types.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import type {TradeSource, TradesListener} from '../../source/simulator/trade-source.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {listedPair, urlFor} from '../helpers/simulator.js';
import {startClient} from '../helpers/test-client.js';

// The simulated exchange's ticker and candles (source/simulator/channel-ticker.ts,
// channel-ohlc.ts, pair-history.ts) as our own client receives them on both APIs: made from the
// same trades the client is sent, with no candle for a minute without trades. Most tests drive
// the exchange with a scripted trade source, trades stamped at chosen minutes of the last hours,
// so nothing waits for the clock to reach a new minute; one runs the seeded random market.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const allChannels: readonly Channel[] = ['trade', 'ticker', 'ohlc'];
const minuteMs = 60_000;
const bitcoin = listedPair('BTC/USD');

type Setup = Readonly<{api: ApiVersion; name: (pair: ListedPair) => string}>;

const setups: Setup[] = [
	{api: 'v1', name: (pair) => pair.v1Name},
	{api: 'v2', name: (pair) => pair.symbol},
];

/** Everything the client passed on, in the order it did. */
type MarketEvent =
	| Readonly<{kind: 'trades'; trades: readonly Trade[]}>
	| Readonly<{kind: 'ticker'; ticker: Ticker}>
	| Readonly<{kind: 'candles'; candles: readonly Candle[]; isSnapshot: boolean}>;

type MarketLog = Readonly<{
	events: MarketEvent[];
	trades: () => Trade[];
	tickers: () => Ticker[];
	candles: () => Array<Extract<MarketEvent, {kind: 'candles'}>>;
}>;

function recordMarket(client: KrakenClient): MarketLog {
	const events: MarketEvent[] = [];
	client.on('trades', (trades) => events.push({kind: 'trades', trades}));
	client.on('ticker', (ticker) => events.push({kind: 'ticker', ticker}));
	client.on('candles', (candles, isSnapshot) =>
		events.push({kind: 'candles', candles, isSnapshot}),
	);
	return {
		events,
		trades: () => events.flatMap((event) => (event.kind === 'trades' ? event.trades : [])),
		tickers: () => events.flatMap((event) => (event.kind === 'ticker' ? [event.ticker] : [])),
		candles: () => events.filter((event) => event.kind === 'candles'),
	};
}

/** A trade source whose trades the test sends, with the minutes before them it says it had. */
function scriptedSource(past: readonly MinuteCandle[]) {
	const listeners = new Set<TradesListener>();
	const sent = new Map<ListedPair, ExchangeTrade[]>();
	const source: TradeSource = {
		pairs: listedPairs,
		description: 'trades sent by the test',
		onTrades(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		recent: (pair, count) => (sent.get(pair) ?? []).slice(-count),
		start() {
			// The test sends each trade itself.
		},
		stop() {
			listeners.clear();
		},
		pastMinutes: (pair) => (pair === bitcoin ? past : []),
	};
	return {
		source,
		trade(trades: readonly ExchangeTrade[]) {
			sent.set(bitcoin, [...(sent.get(bitcoin) ?? []), ...trades]);
			for (const listener of listeners) {
				listener(bitcoin, trades);
			}
		},
	};
}

/**
 * Bitcoin's past, as minutes from `now` (the minute in progress, 0): every minute from -200 to -12
 * but every fourth, then -9, -8, -6 and -5, none after `last`. Prices rise by 50 cents a minute.
 * Minutes -11, -10 and -7 have no trades, so the v2 snapshot's twelve intervals hold the same
 * candles should the minute turn while a test runs.
 */
function inventPast(now: number, last = -5): MinuteCandle[] {
	const offsets = [
		...Array.from({length: 189}, (_, index) => index - 200).filter((offset) => offset % 4 !== 0),
		-9,
		-8,
		-6,
		-5,
	].filter((offset) => offset <= last);
	return offsets.map((offset) => {
		const open = 68_000 + (offset + 200) * 0.5;
		const close = Number((open + 0.3).toFixed(1));
		const volume = 0.01 * (1 + (-offset % 5));
		const start = now + offset * minuteMs;
		return {
			start,
			open,
			high: Number((close + 1.2).toFixed(1)),
			low: Number((open - 0.7).toFixed(1)),
			close,
			volume,
			notional: volume * ((open + close) / 2),
			trades: 1 + (-offset % 4),
			lastMicros: (start + 50_000) * 1000,
		};
	});
}

/** Three batches: two in minute -3, one in minute -1; minutes -4 and -2 have none. */
function tradesAfter(now: number): ExchangeTrade[][] {
	const at = (minute: number, seconds: number) => (now + minute * minuteMs + seconds * 1000) * 1000;
	const trade = (
		tradeId: number,
		side: 'buy' | 'sell',
		price: number,
		volume: number,
		timeMicros: number,
	): ExchangeTrade => ({side, price, volume, orderType: 'limit', timeMicros, tradeId});
	return [
		[trade(5001, 'buy', 68_300.5, 0.01, at(-3, 5)), trade(5002, 'buy', 68_301, 0.02, at(-3, 5.2))],
		[trade(5003, 'sell', 68_295.2, 0.005, at(-3, 40))],
		[
			trade(5004, 'sell', 68_280, 0.1, at(-1, 10)),
			trade(5005, 'buy', 68_281.4, 0.0005, at(-1, 10.5)),
		],
	];
}

/** One-minute candles as the client should see them: the past's, then the trades' own. */
function expectedCandles(
	past: readonly MinuteCandle[],
	trades: readonly ExchangeTrade[],
	pair: string,
): Candle[] {
	const candles: Candle[] = past.map((minute) => ({
		pair,
		interval: 1,
		start: minute.start,
		open: minute.open,
		high: minute.high,
		low: minute.low,
		close: minute.close,
		vwap: minute.notional / minute.volume,
		volume: minute.volume,
		trades: minute.trades,
	}));
	const byMinute = groupBy(
		trades,
		(trade) => Math.floor(trade.timeMicros / 1000 / minuteMs) * minuteMs,
	);
	for (const [start, group] of byMinute) {
		const prices = group.map((trade) => trade.price);
		const volume = group.reduce((sum, trade) => sum + trade.volume, 0);
		const notional = group.reduce((sum, trade) => sum + trade.price * trade.volume, 0);
		candles.push({
			pair,
			interval: 1,
			start,
			open: prices[0]!,
			high: Math.max(...prices),
			low: Math.min(...prices),
			close: prices.at(-1)!,
			vwap: notional / volume,
			volume,
			trades: group.length,
		});
	}

	return candles;
}

/** Prices to the digits the exchange writes (a tenth for bitcoin), volumes to eight. */
function expectCandles(actual: readonly Candle[], expected: readonly Candle[]): void {
	expect(actual.map((candle) => candle.start)).toEqual(expected.map((candle) => candle.start));
	for (const [index, candle] of actual.entries()) {
		const wanted = expected[index]!;
		const {vwap, volume, ...exact} = candle;
		const {vwap: wantedVwap, volume: wantedVolume, ...wantedExact} = wanted;
		expect(exact).toEqual(wantedExact);
		expect(Math.abs(vwap - wantedVwap)).toBeLessThanOrEqual(0.05 + 1e-9);
		expect(volume).toBeCloseTo(wantedVolume, 8);
	}
}

/** The 24-hour figures of the past and the trades sent, as the ticker should give them. */
function expectTicker(
	ticker: Ticker,
	past: readonly MinuteCandle[],
	trades: readonly ExchangeTrade[],
): void {
	const first = past[0]!;
	const lastPrice = trades.at(-1)?.price ?? past.at(-1)!.close;
	const prices = trades.map((trade) => trade.price);
	const volume =
		past.reduce((sum, minute) => sum + minute.volume, 0) +
		trades.reduce((sum, trade) => sum + trade.volume, 0);
	const notional =
		past.reduce((sum, minute) => sum + minute.notional, 0) +
		trades.reduce((sum, trade) => sum + trade.price * trade.volume, 0);
	expect(ticker.last).toBe(lastPrice);
	expect(ticker.high).toBe(Math.max(...past.map((minute) => minute.high), ...prices));
	expect(ticker.low).toBe(Math.min(...past.map((minute) => minute.low), ...prices));
	expect(ticker.volume).toBeCloseTo(volume, 8);
	expect(Math.abs(ticker.vwap - notional / volume)).toBeLessThanOrEqual(0.05 + 1e-9);
	// Against the price 24 hours ago, the first minute's open (v1: computed by the client from o[1]).
	expect(ticker.change).toBeCloseTo(lastPrice - first.open, 6);
	expect(Math.abs(ticker.changePct - ((lastPrice - first.open) / first.open) * 100)).toBeLessThan(
		0.005 + 1e-9,
	);
}

/** Groups by a key, keys in the order first seen (Node 20 has no Map.groupBy). */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, T[]> {
	const groups = new Map<number, T[]>();
	for (const item of items) {
		const key = keyOf(item);
		groups.set(key, [...(groups.get(key) ?? []), item]);
	}

	return groups;
}

async function serve(source: TradeSource): Promise<ExchangeServer> {
	const server = await startExchangeServer({source});
	cleanup.add(() => server.close());
	return server;
}

function connect(server: ExchangeServer, api: ApiVersion, pair: string) {
	const {client, log} = startClient(cleanup, {
		url: urlFor(server, api),
		api,
		pairs: [pair],
		channels: allChannels,
	});
	return {client, log, market: recordMarket(client)};
}

/** The start of the minute in progress. */
const thisMinute = () => Math.floor(Date.now() / minuteMs) * minuteMs;

/** The v2 snapshot's reach (source/simulator/channel-ohlc.ts): the last twelve intervals. */
const inSnapshotWindow = (now: number) => (candle: Candle) => candle.start >= now - 11 * minuteMs;

describe.each(setups)('exchange-server ticker and ohlc to a $api client', ({api, name}) => {
	const pair = name(bitcoin);

	test('the candle snapshot: v2 the last twelve minutes oldest first, v1 only the last candle; minutes without trades have none', async () => {
		const now = thisMinute();
		const past = inventPast(now);
		const batches = tradesAfter(now);
		const scripted = scriptedSource(past);
		const server = await serve(scripted.source);
		// The trades happen before the client comes: they are in the snapshot, not sent after it.
		for (const batch of batches) {
			scripted.trade(batch);
		}

		const {client, market} = connect(server, api, pair);
		await eventually(() => expect(market.candles().length).toBeGreaterThan(0));
		await eventually(() => expect(market.tickers().length).toBeGreaterThan(0));

		const [snapshot] = market.candles();
		const all = expectedCandles(past, batches.flat(), pair);
		if (api === 'v2') {
			expect(snapshot?.isSnapshot).toBe(true);
			const recent = all.filter(inSnapshotWindow(now));
			// -9, -8, -6, -5 of the past and -3, -1 of the trades; -12 and before are out of reach.
			expect(recent.map((candle) => (candle.start - now) / minuteMs)).toEqual([
				-9, -8, -6, -5, -3, -1,
			]);
			expectCandles(snapshot?.candles ?? [], recent);
		} else {
			// v1 sends the last candle there was, and does not mark it a snapshot.
			expect(snapshot?.isSnapshot).toBe(false);
			expectCandles(snapshot?.candles ?? [], all.slice(-1));
		}

		expectTicker(market.tickers()[0]!, past, batches.flat());
		expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true);
	});

	test('a pair quiet for longer than the snapshot reaches: v1 still sends its last candle, v2 none', async () => {
		const now = thisMinute();
		const past = inventPast(now, -30);
		const server = await serve(scriptedSource(past).source);
		const {client, market} = connect(server, api, pair);
		// Trades are asked for last: once they are acknowledged, the candle snapshot has come, if any.
		await eventually(() =>
			expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true),
		);
		const [tradeAck] = client.subscriptions.filter((entry) => entry.channel === 'trade');
		expect(tradeAck?.acknowledgedAt).toBeDefined();
		await eventually(() => expect(market.tickers()).toHaveLength(1));
		expectTicker(market.tickers()[0]!, past, []);
		if (api === 'v1') {
			await eventually(() => expect(market.candles()).toHaveLength(1));
			expectCandles(market.candles()[0]!.candles, expectedCandles(past, [], pair).slice(-1));
			expect(market.candles()[0]!.candles[0]!.start).toBe(now - 30 * minuteMs);
		} else {
			expect(market.candles()).toEqual([]);
		}
	});

	test('ticker and candles follow each trade the client receives, minute by minute, with gaps', async () => {
		const now = thisMinute();
		const past = inventPast(now);
		const batches = tradesAfter(now);
		const scripted = scriptedSource(past);
		const server = await serve(scripted.source);
		const {client, log, market} = connect(server, api, pair);
		await eventually(() =>
			expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true),
		);
		await eventually(() => expect(market.candles()).toHaveLength(1));
		await eventually(() => expect(market.tickers()).toHaveLength(1));

		// Before any trade: the past alone.
		const before = expectedCandles(past, [], pair);
		expectCandles(
			market.candles()[0]!.candles,
			api === 'v2' ? before.filter(inSnapshotWindow(now)) : before.slice(-1),
		);
		expectTicker(market.tickers()[0]!, past, []);

		const sent: ExchangeTrade[] = [];
		for (const batch of batches) {
			const counts = [market.trades().length, market.tickers().length, market.candles().length];
			scripted.trade(batch);
			sent.push(...batch);
			await eventually(() => {
				expect(market.trades()).toHaveLength(counts[0]! + batch.length);
				expect(market.tickers()).toHaveLength(counts[1]! + 1);
				expect(market.candles()).toHaveLength(counts[2]! + 1);
			});
			const update = market.candles().at(-1)!;
			expect(update.isSnapshot).toBe(false);
			// The candle the batch fell in, again, as every trade in it so far makes it.
			expectCandles(update.candles, expectedCandles([], sent, pair).slice(-1));
			expectTicker(market.tickers().at(-1)!, past, sent);
		}

		// The client saw exactly the trades sent, and each candle covers those of its minute.
		expect(market.trades().map((trade) => trade.price)).toEqual(sent.map((trade) => trade.price));
		const seenInMinute = groupBy(
			market.trades(),
			(trade) => Math.floor(trade.time / minuteMs) * minuteMs,
		);
		const newest = new Map(
			market
				.candles()
				.slice(1)
				.flatMap((event) => event.candles)
				.map((candle) => [candle.start, candle]),
		);
		expect([...newest.keys()]).toEqual([now - 3 * minuteMs, now - minuteMs]);
		expect([...newest.keys()]).toEqual([...seenInMinute.keys()]);
		for (const [start, candle] of newest) {
			const seen = seenInMinute.get(start) ?? [];
			expect(candle.trades).toBe(seen.length);
			expect(candle.volume).toBeCloseTo(
				seen.reduce((sum, trade) => sum + trade.volume, 0),
				8,
			);
			expect(candle.close).toBe(seen.at(-1)?.price);
		}

		// No candle ever came for a minute without trades.
		const starts = new Set(market.candles().flatMap((event) => event.candles.map((c) => c.start)));
		for (const quiet of [-11, -10, -7, -4, -2]) {
			expect(starts.has(now + quiet * minuteMs)).toBe(false);
		}

		// Best prices beside the last trade, a buy at 68,281.4: it lifted the ask.
		expect(market.tickers().at(-1)).toMatchObject({ask: 68_281.4, bid: 68_281.3});
		expect(log.unrecognised).toEqual([]);
	});

	test('from the random market, every ticker and candle agrees with the trades received before it', async () => {
		const server = await serve(createSimulatedMarket({seed: 7, rateMultiplier: 20}));
		const pairs = [pair, 'ETH/USD'];
		const {client, log} = startClient(cleanup, {
			url: urlFor(server, api),
			api,
			pairs,
			channels: allChannels,
		});
		const market = recordMarket(client);
		const checked = {tickers: 0, candles: 0, covered: 0};
		await eventually(() => {
			for (const wanted of pairs) {
				const tickers = market.tickers().filter((ticker) => ticker.pair === wanted);
				const candles = market
					.candles()
					.filter((event) => event.candles.some((candle) => candle.pair === wanted));
				expect(tickers.length).toBeGreaterThan(15);
				expect(candles.length).toBeGreaterThan(15);
			}
		});
		client.stop();

		// Replays the events in the order the client passed them on.
		const seen = new Map<string, Trade[]>();
		for (const event of market.events) {
			if (event.kind === 'trades') {
				for (const trade of event.trades) {
					seen.set(trade.pair, [...(seen.get(trade.pair) ?? []), trade]);
				}
			} else if (event.kind === 'ticker') {
				const last = seen.get(event.ticker.pair)?.at(-1);
				// v1 sends no trades on subscribing: its first ticker can come before any trade.
				if (last) {
					expect(event.ticker.last).toBe(last.price);
					checked.tickers++;
				}
			} else {
				const [candlePair] = new Set(event.candles.map((candle) => candle.pair));
				const trades = seen.get(candlePair ?? '') ?? [];
				const last = trades.at(-1);
				if (!last) {
					continue;
				}

				// The candle of a minute some trade received fell in, closing at the last of them. Not
				// always the newest trade's minute: a frame of trades across a minute's end is followed
				// by both minutes' candles, and on v1 each is a frame of its own, the older first.
				const newest = event.candles.at(-1)!;
				const inNewest = trades.filter(
					(trade) => Math.floor(trade.time / minuteMs) * minuteMs === newest.start,
				);
				expect(inNewest.length).toBeGreaterThan(0);
				expect(newest.close).toBe(inNewest.at(-1)!.price);
				checked.candles++;
				for (const candle of event.candles) {
					const inMinute = trades.filter(
						(trade) => trade.time >= candle.start && trade.time < candle.start + minuteMs,
					);
					// The v2 snapshot had every trade the exchange's candles count; v1 starts later.
					if (api === 'v2' && inMinute.length > 0) {
						expect(candle.trades).toBe(inMinute.length);
						expect(candle.volume).toBeCloseTo(
							inMinute.reduce((sum, trade) => sum + trade.volume, 0),
							7,
						);
						checked.covered++;
					} else {
						expect(candle.trades).toBeGreaterThanOrEqual(inMinute.length);
					}
				}
			}
		}

		expect(checked.tickers).toBeGreaterThan(20);
		expect(checked.candles).toBeGreaterThan(20);
		expect(checked.covered > 20).toBe(api === 'v2');
		expect(client.counts.duplicates).toBe(0);
		expect(log.unrecognised).toEqual([]);
	});
});
