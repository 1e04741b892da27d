import {kraken} from 'ccxt';
import {afterEach, describe, expect, test} from 'vitest';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {
	createSimulatedMarket,
	type SimulatedMarketOptions,
} from '../../source/simulator/simulated-market.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {connectRaw} from '../helpers/raw-client.js';
import {microsecondsOfStamp, restCall, tradeRowsOf} from '../helpers/rest-client.js';

/*
 * ccxt (pinned in package.json) reads the simulated exchange's public REST API unchanged: its
 * own loadMarkets (Assets, then AssetPairs), fetchTrades, fetchOHLCV and fetchTicker, with only
 * `urls.api.public` pointed at 127.0.0.1. What it reads must be what the exchange's WebSocket
 * sent and what its REST answers hold.
 */

const cleanup = createCleanup();
afterEach(() => cleanup.run());

async function simulate(options: SimulatedMarketOptions): Promise<ExchangeServer> {
	const server = await startExchangeServer({
		source: createSimulatedMarket(options),
		rest: {burst: 1000, perSecond: 1000},
	});
	cleanup.add(() => server.close());
	return server;
}

/**
 * ccxt's Kraken as a user makes it, but for where REST goes; its own pacing (Kraken's
 * `rateLimit`, a call a second) is off, the simulator's throttle being loosened instead.
 */
async function connectCcxt(server: ExchangeServer): Promise<InstanceType<typeof kraken>> {
	const exchange = new kraken({enableRateLimit: false});
	exchange.urls['api']['public'] = server.httpUrl;
	await exchange.loadMarkets();
	return exchange;
}

describe('ccxt 4.5.84 (Kraken, REST) against the simulated exchange', () => {
	test('loadMarkets builds kraken’s markets from the simulator’s Assets and AssetPairs', async () => {
		const server = await simulate({seed: 1, rateMultiplier: 0});
		const exchange = await connectCcxt(server);
		const market = exchange.market('BTC/USD');
		expect(market.id).toBe('XXBTZUSD');
		expect(market.info['altname']).toBe('XBTUSD');
		expect(market.precision).toEqual({amount: 1e-8, price: 0.1});
		expect(market.limits.amount?.min).toBe(0.00005);
		expect(market.limits.cost?.min).toBe(0.5);
		expect(market.active).toBe(true);
		// XXDG is XDG, which ccxt knows as DOGE; XETHXXBT is ETH/BTC.
		expect(exchange.market('DOGE/USD').id).toBe('XDGUSD');
		expect(exchange.market('ETH/BTC').id).toBe('XETHXXBT');
		expect(exchange.market('SOL/USD').id).toBe('SOLUSD');
		expect(exchange.currency('BTC').id).toBe('XXBT');
	});

	test('fetchTrades reads the trades the websocket sent: ids, prices, amounts, times', async () => {
		const server = await simulate({seed: 5, rateMultiplier: 20});
		const exchange = await connectCcxt(server);
		const client = await connectRaw(`${server.url}/v2`, cleanup);
		client.send({
			method: 'subscribe',
			params: {channel: 'trade', symbol: ['BTC/USD'], snapshot: false},
			req_id: 1,
		});
		type Sent = {
			trade_id: number;
			price: number;
			qty: number;
			side: string;
			ord_type: string;
			timestamp: string;
		};
		const sentTrades = () =>
			client.texts
				.filter((text) => text.startsWith('{"channel":"trade"'))
				.flatMap((text) => (JSON.parse(text) as {data: Sent[]}).data);
		await eventually(() => expect(sentTrades().length).toBeGreaterThan(60));
		const sent = sentTrades();
		// A millisecond early: ccxt's reading of a time on a whole millisecond may fall short of it.
		const since = Math.floor(microsecondsOfStamp(sent[0]!.timestamp) / 1000) - 1;

		const fetched = await exchange.fetchTrades('BTC/USD', since, 1000);
		const byId = new Map(fetched.map((trade) => [trade.id, trade]));
		for (const trade of sent) {
			const read = byId.get(String(trade.trade_id));
			expect(read, `trade ${trade.trade_id}`).toBeDefined();
			expect(read!.price).toBe(trade.price);
			expect(read!.amount).toBe(trade.qty);
			expect(read!.side).toBe(trade.side);
			expect(read!.type).toBe(trade.ord_type);
			// ccxt multiplies the seconds, a double, by 1000 and truncates: a time on a whole
			// millisecond can come out one short. The exact time is rest-trades.test.ts's to check.
			const sentMs = Math.floor(microsecondsOfStamp(trade.timestamp) / 1000);
			expect(sentMs - read!.timestamp!).toBeGreaterThanOrEqual(0);
			expect(sentMs - read!.timestamp!).toBeLessThanOrEqual(1);
			expect(read!.symbol).toBe('BTC/USD');
		}

		// And what ccxt read is the simulator's REST answer, row for row.
		const reply = await restCall(server, `/0/public/Trades?pair=XXBTZUSD&since=${since / 1000}`);
		const rows = tradeRowsOf(reply.text).filter((row) =>
			fetched.some((trade) => trade.id === String(row.tradeId)),
		);
		expect(rows).toHaveLength(fetched.length);
		expect(fetched.map((trade) => [trade.id, trade.price, trade.amount, trade.timestamp])).toEqual(
			rows.map((row) => [
				String(row.tradeId),
				Number(row.price),
				Number(row.volume),
				Math.trunc(Number(row.time) * 1000),
			]),
		);
		// A limit takes the newest that many.
		const five = await exchange.fetchTrades('BTC/USD', undefined, 5);
		expect(five).toHaveLength(5);
	});

	test('fetchOHLCV reads the candles the websocket sends', async () => {
		const server = await simulate({seed: 6, rateMultiplier: 0});
		const exchange = await connectCcxt(server);
		const client = await connectRaw(`${server.url}/v2`, cleanup);
		client.send({
			method: 'subscribe',
			params: {channel: 'ohlc', symbol: ['BTC/USD'], interval: 1, snapshot: true},
		});
		const snapshot = await client.waitFor((text) =>
			text.startsWith('{"channel":"ohlc","type":"snapshot"'),
		);
		type Candle = {
			interval_begin: string;
			open: number;
			high: number;
			low: number;
			close: number;
			volume: number;
		};
		const candles = (JSON.parse(snapshot) as {data: Candle[]}).data;
		const fetched = await exchange.fetchOHLCV('BTC/USD', '1m');
		expect(fetched).toHaveLength(720);
		const byTime = new Map(fetched.map((candle) => [candle[0], candle]));
		expect(candles.length).toBeGreaterThan(0);
		for (const candle of candles) {
			expect(byTime.get(Date.parse(candle.interval_begin))).toEqual([
				Date.parse(candle.interval_begin),
				candle.open,
				candle.high,
				candle.low,
				candle.close,
				candle.volume,
			]);
		}
	});

	test('fetchTicker reads the figures the websocket ticker sends', async () => {
		const server = await simulate({seed: 7, rateMultiplier: 0});
		const exchange = await connectCcxt(server);
		const client = await connectRaw(`${server.url}/v2`, cleanup);
		client.send({
			method: 'subscribe',
			params: {channel: 'ticker', symbol: ['BTC/USD'], snapshot: true},
		});
		const frame = await client.waitFor((text) => text.startsWith('{"channel":"ticker"'));
		const [sent] = (JSON.parse(frame) as {data: Array<Record<string, number>>}).data;
		const ticker = await exchange.fetchTicker('BTC/USD');
		expect(ticker.symbol).toBe('BTC/USD');
		expect(ticker.last).toBe(sent!['last']);
		expect(ticker.bid).toBe(sent!['bid']);
		expect(ticker.ask).toBe(sent!['ask']);
		expect(ticker.high).toBe(sent!['high']);
		expect(ticker.low).toBe(sent!['low']);
		expect(ticker.baseVolume).toBe(sent!['volume']);
		// REST writes the vwap with five decimals, the v2 ticker at the pair's one.
		expect(Math.abs(ticker.vwap! - sent!['vwap']!)).toBeLessThanOrEqual(0.05 + 1e-9);
		// The open is today's (REST's `o`), not the 24 hours' the v2 ticker's change is from.
		const reply = await restCall(server, '/0/public/Ticker?pair=XBTUSD');
		const figures = (reply.body.result as Record<string, {o: string}>)['XXBTZUSD'];
		expect(ticker.open).toBe(Number(figures?.o));
	});
});
