import {ChecksumError, pro, type OHLCV, type OrderBook, type Ticker, type Trade} from 'ccxt';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {
	createSimulatedMarket,
	type SimulatedMarketOptions,
} from '../../source/simulator/simulated-market.js';
import {checkBooks} from '../helpers/ccxt-book-checks.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';

/*
 * Other Kraken clients accept the simulated exchange unchanged. Here ccxt (pinned in
 * package.json), the most used third-party Kraken client, reads the simulator's frames with its
 * own watch methods, not ours, with only its URLs pointed at 127.0.0.1.
 *
 * v2 only: ccxt 4.5.84 has no v1 public watch method. Every public watch (trades, ticker, bids
 * and asks, book, ohlcv) subscribes on `urls.api.ws.publicV2`, and its message handler knows no
 * v1 array frame; `urls.api.ws.public` (v1) is read by nothing. Nor has its Kraken any unWatch
 * method (`has.unWatchTrades` and the rest are unset): `close()` is how a ccxt user stops.
 */

const cleanup = createCleanup();
afterEach(() => cleanup.run());

type Kraken = InstanceType<typeof pro.kraken>;

/** A safety limit for loaded machines, not a speed check: ccxt's watches wait forever. */
const arrivalLimitMs = 10_000;

/**
 * Kraken's REST answers for the two pairs tested, in the shapes of GET /0/public/Assets and
 * AssetPairs (the XBTUSD values are Kraken's documented example), so
 * ccxt's own loadMarkets builds the markets it would build from Kraken. The fields are those
 * its fetchCurrencies and fetchMarkets read: `base`/`quote` asset ids become the unified symbol
 * through the assets' `altname` (XXBT to XBT to BTC, XXDG to XDG to DOGE), which is what ccxt
 * sends as the v2 symbol; `pair_decimals`/`lot_decimals` become its price and amount precision;
 * `wsname` (the v1 name) only fills a lookup its v2 code never reads.
 */
const krakenRest: Readonly<Record<string, unknown>> = {
	'/0/public/Assets': {
		error: [],
		result: {
			XXBT: {
				aclass: 'currency',
				altname: 'XBT',
				decimals: 10,
				display_decimals: 5,
				status: 'enabled',
			},
			XXDG: {
				aclass: 'currency',
				altname: 'XDG',
				decimals: 8,
				display_decimals: 2,
				status: 'enabled',
			},
			ZUSD: {
				aclass: 'currency',
				altname: 'USD',
				decimals: 4,
				display_decimals: 2,
				status: 'enabled',
			},
		},
	},
	'/0/public/AssetPairs': {
		error: [],
		result: {
			XXBTZUSD: {
				altname: 'XBTUSD',
				wsname: 'XBT/USD',
				aclass_base: 'currency',
				base: 'XXBT',
				aclass_quote: 'currency',
				quote: 'ZUSD',
				lot: 'unit',
				cost_decimals: 5,
				pair_decimals: 1,
				lot_decimals: 8,
				lot_multiplier: 1,
				ordermin: '0.0001',
				costmin: '0.5',
				tick_size: '0.1',
				status: 'online',
			},
			XDGUSD: {
				altname: 'XDGUSD',
				wsname: 'XDG/USD',
				aclass_base: 'currency',
				base: 'XXDG',
				aclass_quote: 'currency',
				quote: 'ZUSD',
				lot: 'unit',
				cost_decimals: 5,
				pair_decimals: 7,
				lot_decimals: 8,
				lot_multiplier: 1,
				tick_size: '0.0000001',
				status: 'online',
			},
		},
	},
};

/** ccxt's one way out to REST, answered from `krakenRest`: any other request fails the test. */
async function offlineRest(url: string): Promise<unknown> {
	const answer = krakenRest[new URL(url).pathname];
	if (answer === undefined) {
		throw new Error(`ccxt asked for ${url}; this test has no network`);
	}

	return answer;
}

// Five times Kraken's calm order rate by default, so every pair trades within a second.
async function simulate(
	options: SimulatedMarketOptions = {seed: 1, rateMultiplier: 5},
): Promise<ExchangeServer> {
	const server = await startExchangeServer({source: createSimulatedMarket(options)});
	cleanup.add(() => server.close());
	return server;
}

/**
 * ccxt's Kraken as a user makes it, but for where it connects: the simulator's v2 URL (its path
 * contains `v2`, which is how ccxt picks `{"method":"ping"}` over v1's `{"event":"ping"}`), and
 * REST answered offline. Two timings change, none of the frames: `keepAlive` (6 s by default) is
 * short so that pings happen within a test, and ccxt's own pacing of requests (Kraken's
 * `rateLimit`, one a second, REST calls and subscribes alike) is off.
 */
async function connectCcxt(server: ExchangeServer): Promise<Kraken> {
	const exchange = new pro.kraken({enableRateLimit: false, streaming: {keepAlive: 400}});
	cleanup.add(() => exchange.close());
	exchange.urls['api']['ws']['publicV2'] = `${server.url}/v2`;
	exchange.urls['api']['ws']['public'] = `${server.url}/`;
	exchange.fetch = offlineRest;
	// ccxt refuses a plain ws:// URL in Node until it has an http agent for it (its message
	// speaks of proxies); Kraken's own URLs are wss://, so only a local server needs this.
	await exchange.loadHttpProxyAgent();
	await exchange.loadMarkets();
	return exchange;
}

/** `promise`, or a failure naming what ccxt did not get in time. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const limit = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(
			() => reject(new Error(`ccxt got no ${what} within ${arrivalLimitMs} ms`)),
			arrivalLimitMs,
		);
	});
	try {
		return await Promise.race([promise, limit]);
	} finally {
		clearTimeout(timer);
	}
}

/** Every trade ccxt has taken in for `symbol` so far, oldest first (its per-symbol cache). */
const tradesTaken = (exchange: Kraken, symbol: string): Trade[] => [
	...(exchange.trades[symbol] ?? []),
];

/** A figure ccxt read (its types allow undefined): a finite number, or the test fails. */
function figure(value: number | undefined, name: string): number {
	expect(Number.isFinite(value), `${name} is ${value}`).toBe(true);
	return value as number;
}

/** A price written with the pair's decimals, as ccxt's market (from AssetPairs) has them. */
const isOnTick = (exchange: Kraken, symbol: string, price: number) =>
	Number(exchange.priceToPrecision(symbol, price)) === price;

function expectPlausibleTrades(exchange: Kraken, symbol: string, trades: readonly Trade[]) {
	expect(trades.length).toBeGreaterThan(0);
	const now = Date.now();
	for (const trade of trades) {
		expect(trade.symbol).toBe(symbol);
		expect(trade.id).toMatch(/^\d+$/);
		expect(['buy', 'sell']).toContain(trade.side);
		expect(['market', 'limit']).toContain(trade.type);
		const price = figure(trade.price, 'price');
		const amount = figure(trade.amount, 'amount');
		expect(price).toBeGreaterThan(0);
		expect(isOnTick(exchange, symbol, price)).toBe(true);
		expect(amount).toBeGreaterThan(0);
		expect(figure(trade.cost, 'cost')).toBeCloseTo(price * amount, 6);
		// ccxt read `timestamp` (microseconds, RFC 3339) down to the millisecond.
		const time = figure(trade.timestamp, 'timestamp');
		expect(time).toBe(Date.parse(trade.datetime ?? ''));
		// Trades of the exchange's present: ccxt asks for no snapshot, so these came live.
		expect(time).toBeGreaterThan(now - 60_000);
		expect(time).toBeLessThanOrEqual(now + 1000);
	}

	// In the order they happened, each id once.
	const ids = trades.map((trade) => Number(trade.id));
	expect(ids).toEqual([...ids].sort((a, b) => a - b));
	expect(new Set(ids).size).toBe(ids.length);
	const times = trades.map((trade) => trade.timestamp);
	expect(times).toEqual([...times].sort((a, b) => Number(a) - Number(b)));
}

function expectPlausibleTicker(exchange: Kraken, symbol: string, ticker: Ticker) {
	expect(ticker.symbol).toBe(symbol);
	const last = figure(ticker.last, 'last');
	const bid = figure(ticker.bid, 'bid');
	const ask = figure(ticker.ask, 'ask');
	const low = figure(ticker.low, 'low');
	const high = figure(ticker.high, 'high');
	const vwap = figure(ticker.vwap, 'vwap');
	const change = figure(ticker.change, 'change');
	const open = figure(ticker.open, 'open');
	// The last price is one ccxt got as a trade on the same connection, before the ticker.
	expect(tradesTaken(exchange, symbol).map((trade) => trade.price)).toContain(last);
	expect(bid).toBeGreaterThan(0);
	expect(bid).toBeLessThan(ask);
	expect(low).toBeLessThanOrEqual(last);
	expect(last).toBeLessThanOrEqual(high);
	expect(low).toBeLessThanOrEqual(vwap);
	expect(vwap).toBeLessThanOrEqual(high);
	expect(figure(ticker.baseVolume, 'baseVolume')).toBeGreaterThan(0);
	// ccxt takes the open as last less change; change_pct is percentage points of that open,
	// sent with two decimals.
	expect(open).toBeCloseTo(last - change, 6);
	const percentage = figure(ticker.percentage, 'percentage');
	expect(Math.abs(percentage - (change / open) * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
}

function expectPlausibleCandles(
	exchange: Kraken,
	symbol: string,
	intervalMs: number,
	candles: readonly OHLCV[],
) {
	expect(candles.length).toBeGreaterThan(0);
	const starts: number[] = [];
	for (const candle of candles) {
		const [time, open, high, low, close, volume] = candle.map((value, index) =>
			figure(value, `candle field ${index}`),
		) as [number, number, number, number, number, number];
		// ccxt's time is `interval_begin`: on the interval's grid, in the past.
		expect(time % intervalMs).toBe(0);
		expect(time).toBeLessThanOrEqual(Date.now());
		expect(low).toBeGreaterThan(0);
		expect(low).toBeLessThanOrEqual(Math.min(open, close));
		expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
		// A candle is made by trades, so none is empty.
		expect(volume).toBeGreaterThan(0);
		starts.push(time);
	}

	expect(starts).toEqual([...new Set(starts)].sort((a, b) => a - b));
	// The newest candle holds the newest trade ccxt got: same price, same interval.
	const [newestStart, , , , newestClose] = candles.at(-1) ?? [];
	const closingTrades = tradesTaken(exchange, symbol).filter(
		(trade) =>
			trade.price === newestClose &&
			Math.floor(Number(trade.timestamp) / intervalMs) * intervalMs === newestStart,
	);
	expect(closingTrades.length).toBeGreaterThan(0);
}

/** A book as ccxt hands it over: the depth asked for, asks rising, bids falling, not crossed. */
function expectWellFormedBook(book: OrderBook, symbol: string, depth: number) {
	expect(book.symbol).toBe(symbol);
	const asks = book.asks.map(([price]) => figure(price, 'ask'));
	const bids = book.bids.map(([price]) => figure(price, 'bid'));
	expect(asks).toHaveLength(depth);
	expect(bids).toHaveLength(depth);
	expect(asks).toEqual([...asks].sort((a, b) => a - b));
	expect(bids).toEqual([...bids].sort((a, b) => b - a));
	expect(bids[0]).toBeLessThan(asks[0]!);
}

/** A market fast enough for a few hundred book messages a second. */
const busyMarket: SimulatedMarketOptions = {seed: 2, rateMultiplier: 40, tickMs: 5};

describe('ccxt 4.5.84 (Kraken, WebSocket v2) against the simulated exchange', () => {
	test.each([
		{symbol: 'BTC/USD', timeframe: '1m', intervalMs: 60_000},
		// DOGE is XDG on v1 and in AssetPairs: ccxt must reach the simulator by its v2 name.
		{symbol: 'DOGE/USD', timeframe: '5m', intervalMs: 300_000},
	])(
		'watchTrades, watchTicker and watchOHLCV of $symbol ($timeframe) agree with each other',
		async ({symbol, timeframe, intervalMs}) => {
			const server = await simulate();
			const exchange = await connectCcxt(server);

			// Trades first, so the ticker and the candles that follow are made of trades ccxt saw.
			const trades = await within(exchange.watchTrades(symbol), `${symbol} trades`);
			expectPlausibleTrades(exchange, symbol, trades);
			const ticker = await within(exchange.watchTicker(symbol), `${symbol} ticker`);
			expectPlausibleTicker(exchange, symbol, ticker);
			const candles = await within(
				exchange.watchOHLCV(symbol, timeframe),
				`${symbol} ${timeframe} candles`,
			);
			expectPlausibleCandles(exchange, symbol, intervalMs, candles);
			// Updates keep coming on the one connection, and still read as plausible.
			const more = await within(exchange.watchTrades(symbol), `more ${symbol} trades`);
			expectPlausibleTrades(exchange, symbol, more);
			expect(server.connectionCount()).toBe(1);
		},
	);

	test('answers ccxt v2 pings, so ccxt keeps the connection', async () => {
		const server = await simulate();
		const exchange = await connectCcxt(server);
		const pings = vi.spyOn(exchange, 'ping');
		const pongs = vi.spyOn(exchange, 'handlePong');
		await within(exchange.watchTrades('BTC/USD'), 'trades');
		const connection: unknown = exchange.clients[`${server.url}/v2`];
		expect(connection).toBeDefined();

		// ccxt reads only a `{"method":"pong"}` frame as a pong, and drops a connection whose
		// pongs are two keepAlives late (then opens a new one on the next watch).
		await eventually(() => expect(pongs.mock.calls.length).toBeGreaterThanOrEqual(3));
		expect(pings.mock.results.map((result) => result.value)).toContainEqual({method: 'ping'});
		for (const [, message] of pongs.mock.calls) {
			expect(message).toMatchObject({method: 'pong'});
		}

		await within(exchange.watchTrades('BTC/USD'), 'trades after the pings');
		expect(exchange.clients[`${server.url}/v2`]).toBe(connection);
		expect(server.connectionCount()).toBe(1);
	});

	test('close ends the connection ccxt opened', async () => {
		const server = await simulate();
		const exchange = await connectCcxt(server);
		await within(exchange.watchTicker('BTC/USD'), 'ticker');
		expect(server.connectionCount()).toBe(1);

		await exchange.close();
		await eventually(() => expect(server.connectionCount()).toBe(0));
	});
	test.each([
		{symbol: 'BTC/USD', depth: 10},
		// Seven decimals: prices such as 0.1500000 keep their zeros in the checksum.
		{symbol: 'DOGE/USD', depth: 100},
	])(
		'watchOrderBook of $symbol at depth $depth: ccxt verifies every checksum it is sent',
		async ({symbol, depth}) => {
			const server = await simulate(busyMarket);
			const exchange = await connectCcxt(server);
			const checks = checkBooks(exchange);
			let book: OrderBook | undefined;
			while (checks.checksums < 150) {
				book = await within(exchange.watchOrderBook(symbol, depth), `${symbol} book`);
			}

			expect(checks.mismatches).toBe(0);
			// Every message, snapshot included, was checked, and none was refused.
			expect(checks.checksums).toBe(checks.messages);
			expectWellFormedBook(book!, symbol, depth);
		},
	);

	test('ccxt refuses the book when a checksum is wrong', async () => {
		const server = await simulate(busyMarket);
		const exchange = await connectCcxt(server);
		const checks = checkBooks(exchange);
		// The twentieth book message arrives with its checksum one off, as from a faulty exchange.
		const handleMessage = exchange.handleMessage.bind(exchange);
		let books = 0;
		exchange.handleMessage = (client, message) => {
			const entry = (message as {channel?: string; data?: Array<{checksum: number}>}).data?.[0];
			if ((message as {channel?: string}).channel === 'book' && ++books === 20 && entry) {
				entry.checksum = (entry.checksum + 1) % 2 ** 32;
			}

			handleMessage(client, message);
		};
		const watchUntilRefused = async () => {
			for (;;) {
				await within(exchange.watchOrderBook('BTC/USD', 10), 'BTC/USD book');
			}
		};

		await expect(watchUntilRefused()).rejects.toThrow(ChecksumError);
		expect(checks.checksums).toBe(20);
		expect(checks.mismatches).toBe(1);
	});
});
