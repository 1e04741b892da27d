import {afterEach, describe, expect, test} from 'vitest';
import {candleIntervals} from '../../source/model/types.js';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {listedPairs} from '../../source/simulator/pair-catalog.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import type {TradeSource} from '../../source/simulator/trade-source.js';
import {createCleanup} from '../helpers/cleanup.js';
import {pause} from '../helpers/eventually.js';
import {restCall} from '../helpers/rest-client.js';
import {listedPair, parse, simulatorHarness} from '../helpers/simulator.js';

// GET /0/public/OHLC, Ticker, AssetPairs, Assets, Time and SystemStatus on the simulated exchange
// (source/simulator/rest/), against Kraken's shapes (docs/kraken-channels.md, 3.3 and 5) and
// against what the same exchange sends over its WebSocket.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const {connect} = simulatorHarness(cleanup);

const rest = {burst: 10_000, perSecond: 10_000};
const minuteMs = 60_000;
const bitcoin = listedPair('BTC/USD');

async function serve(source: TradeSource): Promise<ExchangeServer> {
	const server = await startExchangeServer({source, rest});
	cleanup.add(() => server.close());
	return server;
}

/** A market that stands still: its past, and no trade or book move after it. */
const stillMarket = async () => serve(createSimulatedMarket({seed: 4, rateMultiplier: 0}));

/** A source of a few BTC/USD trades at chosen minutes before now, and nothing after. */
function scriptedSource(trades: readonly ExchangeTrade[]): TradeSource {
	return {
		pairs: [bitcoin],
		description: 'scripted',
		onTrades: () => () => undefined,
		recent: (_pair, count) => trades.slice(-count),
		start() {},
		stop() {},
	};
}

type OhlcRow = [number, string, string, string, string, string, string, number];

async function ohlc(server: ExchangeServer, query: string) {
	const reply = await restCall(server, `/0/public/OHLC?${query}`);
	expect(reply.status).toBe(200);
	expect(reply.contentType).toBe('application/json');
	expect(reply.body.error).toEqual([]);
	const result = reply.body.result ?? {};
	expect(Object.keys(result)).toEqual(['XXBTZUSD', 'last']);
	return {rows: result['XXBTZUSD'] as OhlcRow[], last: result['last'] as number};
}

describe('rest OHLC', () => {
	test('rows are kraken rows, up to 720 intervals on the grid, the last the one in progress', async () => {
		const server = await stillMarket();
		for (const interval of candleIntervals) {
			const before = Date.now();
			const {rows, last} = await ohlc(server, `pair=XBTUSD&interval=${interval}`);
			const intervalSeconds = interval * 60;
			const current = (time: number) => Math.floor(time / 1000 / intervalSeconds) * intervalSeconds;
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.length).toBeLessThanOrEqual(720);
			for (const row of rows) {
				expect(row).toHaveLength(8);
				const [time, open, high, low, close, vwap, volume, count] = row;
				expect(Number.isInteger(time) && time % intervalSeconds === 0).toBe(true);
				for (const price of [open, high, low, close]) {
					expect(price).toMatch(/^\d+\.\d$/);
				}

				expect(vwap).toMatch(/^\d+\.\d$/);
				expect(volume).toMatch(/^\d+\.\d{8}$/);
				expect(Number.isInteger(count)).toBe(true);
				expect(Number(low)).toBeLessThanOrEqual(Math.min(Number(open), Number(close)));
				expect(Number(high)).toBeGreaterThanOrEqual(Math.max(Number(open), Number(close)));
			}

			// Every interval, none left out, the last the current one; `last` the one before it.
			const starts = rows.map((row) => row[0]);
			expect(starts).toEqual(starts.map((_start, index) => starts[0]! + index * intervalSeconds));
			expect([current(before), current(Date.now())]).toContain(starts.at(-1));
			expect(last).toBe(starts.at(-1)! - intervalSeconds);
		}

		// A day of minutes and more behind the market: a full 720 of them.
		expect((await ohlc(server, 'pair=XBTUSD&interval=1')).rows).toHaveLength(720);
	});

	test.each(['2', '0', '7', 'one', '1.5', '-1'])('interval %s is refused', async (interval) => {
		const server = await stillMarket();
		const reply = await restCall(server, `/0/public/OHLC?pair=XBTUSD&interval=${interval}`);
		expect(reply.status).toBe(200);
		expect(reply.text).toBe('{"error":["EGeneral:Invalid arguments"]}');
	});

	test('refuses an unknown pair and a missing one', async () => {
		const server = await stillMarket();
		expect((await restCall(server, '/0/public/OHLC?pair=NOPE')).body).toEqual({
			error: ['EQuery:Unknown asset pair'],
		});
		expect((await restCall(server, '/0/public/OHLC?interval=5')).body).toEqual({
			error: ['EGeneral:Invalid arguments'],
		});
	});

	test('an interval without trades is flat at the close before it; since keeps what starts after it', async () => {
		// Not in a minute's last seconds: the rows run up to the minute in progress.
		if (Date.now() % minuteMs > minuteMs - 2000) {
			await pause(2500);
		}

		const minute = Math.floor(Date.now() / minuteMs) * minuteMs;
		const trade = (minutesAgo: number, second: number, price: number, volume: number) => ({
			side: 'buy' as const,
			price,
			volume,
			orderType: 'limit' as const,
			timeMicros: (minute - minutesAgo * minuteMs + second * 1000) * 1000,
			tradeId: 100 + minutesAgo * 100 + second,
		});
		const server = await serve(
			scriptedSource([
				trade(10, 1, 68_000.5, 0.5),
				trade(10, 2, 68_010.5, 1.5),
				trade(7, 30, 67_990, 0.25),
				trade(3, 59, 68_001.3, 0.125),
			]),
		);
		const {rows, last} = await ohlc(server, 'pair=BTC/USD');
		const start = minute / 1000;
		const at = (minutesAgo: number) => start - minutesAgo * 60;
		expect(rows).toEqual([
			[at(10), '68000.5', '68010.5', '68000.5', '68010.5', '68008.0', '2.00000000', 2],
			[at(9), '68010.5', '68010.5', '68010.5', '68010.5', '0.0', '0.00000000', 0],
			[at(8), '68010.5', '68010.5', '68010.5', '68010.5', '0.0', '0.00000000', 0],
			[at(7), '67990.0', '67990.0', '67990.0', '67990.0', '67990.0', '0.25000000', 1],
			[at(6), '67990.0', '67990.0', '67990.0', '67990.0', '0.0', '0.00000000', 0],
			[at(5), '67990.0', '67990.0', '67990.0', '67990.0', '0.0', '0.00000000', 0],
			[at(4), '67990.0', '67990.0', '67990.0', '67990.0', '0.0', '0.00000000', 0],
			[at(3), '68001.3', '68001.3', '68001.3', '68001.3', '68001.3', '0.12500000', 1],
			[at(2), '68001.3', '68001.3', '68001.3', '68001.3', '0.0', '0.00000000', 0],
			[at(1), '68001.3', '68001.3', '68001.3', '68001.3', '0.0', '0.00000000', 0],
			[at(0), '68001.3', '68001.3', '68001.3', '68001.3', '0.0', '0.00000000', 0],
		]);
		expect(last).toBe(at(1));
		// `since` is exclusive: the candle starting at it is left out, as ccxt expects.
		const since = await ohlc(server, `pair=BTC/USD&since=${at(7)}`);
		expect(since.rows).toEqual(rows.slice(4));
		expect(since.last).toBe(last);
		expect((await ohlc(server, `pair=BTC/USD&since=${at(7) - 1}`)).rows).toEqual(rows.slice(3));
		// Five minutes: the trades of each five summed.
		const five = await ohlc(server, 'pair=BTC/USD&interval=5');
		expect(five.rows.every((row) => row[0] % 300 === 0)).toBe(true);
		expect(five.rows.reduce((sum, row) => sum + row[7], 0)).toBe(4);
	});

	test.each([1, 5, 15])(
		'candles with trades read as the v2 ohlc channel sends them (interval %i)',
		async (interval) => {
			const server = await stillMarket();
			const client = await connect(server, 'v2');
			client.send({
				method: 'subscribe',
				params: {channel: 'ohlc', symbol: ['BTC/USD'], interval, snapshot: true},
			});
			const snapshot = parse(
				await client.waitFor((text) => text.startsWith('{"channel":"ohlc","type":"snapshot"')),
			);
			type Candle = {
				open: number;
				high: number;
				low: number;
				close: number;
				vwap: number;
				volume: number;
				trades: number;
				interval_begin: string;
			};
			const candles = snapshot['data'] as Candle[];
			expect(candles.length).toBeGreaterThan(0);
			const {rows} = await ohlc(server, `pair=XBTUSD&interval=${interval}`);
			const byStart = new Map(rows.map((row) => [row[0], row]));
			for (const candle of candles) {
				const row = byStart.get(Date.parse(candle.interval_begin) / 1000);
				expect(row, candle.interval_begin).toBeDefined();
				const [, open, high, low, close, vwap, volume, count] = row!;
				expect([open, high, low, close, vwap, volume].map(Number)).toEqual([
					candle.open,
					candle.high,
					candle.low,
					candle.close,
					candle.vwap,
					candle.volume,
				]);
				expect(count).toBe(candle.trades);
			}
		},
	);
});

describe('rest Ticker', () => {
	test('reads as the v1 ticker the websocket sends, but for o: today’s open alone', async () => {
		const server = await stillMarket();
		const client = await connect(server, 'v1');
		client.send({event: 'subscribe', pair: ['XBT/USD'], subscription: {name: 'ticker'}});
		const frame = JSON.parse(
			await client.waitFor((text) => text.startsWith('[') && text.includes('"ticker"')),
		) as [number, Record<string, Array<string | number>>];
		const sent = frame[1];
		const reply = await restCall(server, '/0/public/Ticker?pair=XBTUSD');
		expect(reply.status).toBe(200);
		expect(reply.contentType).toBe('application/json');
		expect(reply.body.error).toEqual([]);
		const result = reply.body.result as Record<string, Record<string, unknown>>;
		expect(Object.keys(result)).toEqual(['XXBTZUSD']);
		const ticker = result['XXBTZUSD']!;
		expect(Object.keys(ticker)).toEqual(['a', 'b', 'c', 'v', 'p', 't', 'l', 'h', 'o']);
		for (const key of ['c', 'v', 'p', 't', 'l', 'h']) {
			expect(ticker[key], key).toEqual(sent[key]);
		}

		expect(ticker['o']).toBe(sent['o']![0]);
		// `a` and `b`: price, whole lots and lots, all strings (the lots with three decimals).
		for (const key of ['a', 'b']) {
			const [price, whole, lots] = sent[key]!;
			expect(ticker[key]).toEqual([price, String(whole), Number(lots).toFixed(3)]);
		}
	});

	test('every pair when none is named, and a list when some are; unknown ones refused', async () => {
		const server = await stillMarket();
		const all = await restCall(server, '/0/public/Ticker');
		expect(Object.keys(all.body.result ?? {})).toHaveLength(listedPairs.length);
		const two = await restCall(server, '/0/public/Ticker?pair=XBTUSD,DOGE/USD');
		expect(Object.keys(two.body.result ?? {})).toEqual(['XXBTZUSD', 'XDGUSD']);
		expect((await restCall(server, '/0/public/Ticker?pair=XBTUSD,NOPE')).body).toEqual({
			error: ['EQuery:Unknown asset pair'],
		});
	});
});

describe('rest AssetPairs and Assets', () => {
	test('XXBTZUSD is kraken’s documented entry', async () => {
		const server = await stillMarket();
		const reply = await restCall(server, '/0/public/AssetPairs?pair=XBTUSD');
		expect(reply.contentType).toBe('application/json');
		expect(reply.body.result).toEqual({
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
				leverage_buy: [],
				leverage_sell: [],
				fees: [],
				fees_maker: [],
				fee_volume_currency: 'ZUSD',
				margin_call: 80,
				margin_stop: 40,
				ordermin: '0.00005',
				costmin: '0.5',
				tick_size: '0.1',
				status: 'online',
			},
		});
	});

	test('every listed pair by its key, with kraken’s names and ids', async () => {
		const server = await stillMarket();
		const reply = await restCall(server, '/0/public/AssetPairs');
		const result = reply.body.result as Record<string, Record<string, unknown>>;
		expect(Object.keys(result)).toHaveLength(listedPairs.length);
		const pick = (key: string) => {
			const {altname, wsname, base, quote, pair_decimals, tick_size} = result[key] ?? {};
			return {altname, wsname, base, quote, pair_decimals, tick_size};
		};

		expect(pick('XDGUSD')).toEqual({
			altname: 'XDGUSD',
			wsname: 'XDG/USD',
			base: 'XXDG',
			quote: 'ZUSD',
			pair_decimals: 7,
			tick_size: '0.0000001',
		});
		expect(pick('XETHXXBT')).toMatchObject({altname: 'ETHXBT', base: 'XETH', quote: 'XXBT'});
		expect(pick('SOLUSD')).toMatchObject({wsname: 'SOL/USD', base: 'SOL', quote: 'ZUSD'});
		expect(pick('ZEURZUSD')).toMatchObject({altname: 'EURUSD', base: 'ZEUR', quote: 'ZUSD'});
		expect(pick('USDTZUSD')).toMatchObject({altname: 'USDTUSD', base: 'USDT', quote: 'ZUSD'});
		for (const pair of listedPairs) {
			const entry = Object.values(result).find((value) => value['wsname'] === pair.v1Name);
			expect(entry?.['pair_decimals'], pair.symbol).toBe(pair.priceDecimals);
			expect(entry?.['lot_decimals'], pair.symbol).toBe(pair.volumeDecimals);
		}
	});

	test('a list of pairs by any names; an unknown one refused', async () => {
		const server = await stillMarket();
		const reply = await restCall(server, '/0/public/AssetPairs?pair=BTC/USD,ETH/XBT,SOLUSD');
		expect(Object.keys(reply.body.result ?? {})).toEqual(['XXBTZUSD', 'XETHXXBT', 'SOLUSD']);
		expect((await restCall(server, '/0/public/AssetPairs?pair=XBTUSD,XYZ')).body).toEqual({
			error: ['EQuery:Unknown asset pair'],
		});
	});

	test('Assets names every asset of the listed pairs by its id, its code as altname', async () => {
		const server = await stillMarket();
		const reply = await restCall(server, '/0/public/Assets');
		const result = reply.body.result as Record<string, Record<string, unknown>>;
		expect(result['XXBT']).toEqual({
			aclass: 'currency',
			altname: 'XBT',
			decimals: 10,
			display_decimals: 5,
			status: 'enabled',
		});
		expect(result['ZUSD']).toMatchObject({altname: 'USD', decimals: 4});
		expect(result['XXDG']).toMatchObject({altname: 'XDG', decimals: 8});
		expect(result['SOL']).toMatchObject({altname: 'SOL'});
		const some = await restCall(server, '/0/public/Assets?asset=XBT,ZUSD');
		expect(Object.keys(some.body.result ?? {})).toEqual(['XXBT', 'ZUSD']);
		expect((await restCall(server, '/0/public/Assets?asset=NOPE')).body).toEqual({
			error: ['EQuery:Unknown asset'],
		});
	});
});

describe('rest routing', () => {
	test('Time and SystemStatus', async () => {
		const server = await stillMarket();
		const time = await restCall(server, '/0/public/Time');
		const {unixtime, rfc1123} = time.body.result as {unixtime: number; rfc1123: string};
		expect(Math.abs(unixtime - Date.now() / 1000)).toBeLessThan(5);
		expect(rfc1123).toMatch(/^[A-Z][a-z]{2}, [ \d]\d [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d \+0000$/);
		expect((await restCall(server, '/0/public/SystemStatus')).body.result).toMatchObject({
			status: 'online',
		});
		server.setSystemStatus('maintenance');
		expect((await restCall(server, '/0/public/SystemStatus')).body.result).toMatchObject({
			status: 'maintenance',
		});
	});

	test.each(['/0/public/Nothing', '/0/private/Balance', '/favicon.ico', '/0/public/'])(
		'%s is an unknown method: 404',
		async (path) => {
			const server = await stillMarket();
			const reply = await restCall(server, path);
			expect(reply.status).toBe(404);
			expect(reply.contentType).toBe('application/json');
			expect(reply.body).toEqual({error: ['EGeneral:Unknown method']});
		},
	);

	test('another method than GET is refused: 405', async () => {
		const server = await stillMarket();
		const reply = await restCall(server, '/0/public/Time', 'POST');
		expect(reply.status).toBe(405);
		expect(reply.contentType).toBe('application/json');
		expect(reply.body.error).toHaveLength(1);
	});

	test.each(['/', '/v2', '/?pair=XBTUSD'])(
		'a plain GET of %s still answers 426, for WebSocket',
		async (path) => {
			const server = await stillMarket();
			const reply = await restCall(server, path);
			expect(reply.status).toBe(426);
			expect(reply.contentType).toBe('text/plain');
			expect(reply.text).toBe(
				'kraken-tape simulated exchange: connect with WebSocket to / (v1) or /v2 (v2)\n',
			);
		},
	);
});
