import {afterEach, describe, expect, test} from 'vitest';
import {startExchangeServer} from '../../source/simulator/exchange-server.js';
import type {RestLimits} from '../../source/simulator/rest/rest-throttle.js';
import {
	createSimulatedMarket,
	type SimulatedMarketOptions,
} from '../../source/simulator/simulated-market.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {
	microsecondsOf,
	microsecondsOfStamp,
	nanosecondsOf,
	restCall,
	tradeRowsOf,
	type RestTradeRow,
} from '../helpers/rest-client.js';
import {parse, simulatorHarness, subscribeV1, subscribeV2} from '../helpers/simulator.js';

// GET /0/public/Trades on the simulated exchange (source/simulator/rest/rest-trades.ts), against
// Kraken's shapes (docs/kraken-channels.md, 4) and against the trades the same exchange sends
// over its WebSocket.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const {connect} = simulatorHarness(cleanup);

/** Loose limits, so only the throttling test meets the throttle. */
const noThrottle: RestLimits = {burst: 10_000, perSecond: 10_000};

async function simulate(options: SimulatedMarketOptions = {seed: 1}, rest = noThrottle) {
	const source = createSimulatedMarket(options);
	const server = await startExchangeServer({source, rest});
	cleanup.add(() => server.close());
	return {server, source};
}

type TradesResult = Readonly<{key: string; rows: RestTradeRow[]; last: string}>;

/** A Trades answer that succeeded: its one pair key, its rows (as text) and `last`. */
async function trades(
	server: Awaited<ReturnType<typeof simulate>>['server'],
	query: string,
): Promise<TradesResult> {
	const reply = await restCall(server, `/0/public/Trades?${query}`);
	expect(reply.status).toBe(200);
	expect(reply.contentType).toBe('application/json');
	expect(reply.body.error).toEqual([]);
	const result = reply.body.result ?? {};
	const keys = Object.keys(result).filter((key) => key !== 'last');
	expect(keys).toHaveLength(1);
	expect(Object.keys(result).at(-1)).toBe('last');
	const last = result['last'];
	expect(typeof last).toBe('string');
	const rows = tradeRowsOf(reply.text);
	// Every row was read from the text: none of another shape was left out.
	expect(rows).toHaveLength((result[keys[0]!] as unknown[]).length);
	return {key: keys[0]!, rows, last: last as string};
}

const idsOf = (rows: readonly RestTradeRow[]) => rows.map((row) => row.tradeId);

describe('rest Trades', () => {
	test.each([
		{names: ['XXBTZUSD', 'XBTUSD', 'xbtusd', 'XBT/USD', 'BTC/USD', 'btc/usd'], key: 'XXBTZUSD'},
		{names: ['XETHZUSD', 'ETHUSD', 'ETH/USD'], key: 'XETHZUSD'},
		// Kraken keys its newer pairs by their altname, and a few of its own making.
		{names: ['SOLUSD', 'SOL/USD'], key: 'SOLUSD'},
		{names: ['XDGUSD', 'XDG/USD', 'DOGE/USD'], key: 'XDGUSD'},
		{names: ['USDTZUSD', 'USDTUSD', 'USDT/USD'], key: 'USDTZUSD'},
		{names: ['XETHXXBT', 'ETHXBT', 'ETH/XBT', 'ETH/BTC'], key: 'XETHXXBT'},
	])('every name of $key answers under the key', async ({names, key}) => {
		const {server} = await simulate();
		const answers = await Promise.all(
			names.map(async (name) => trades(server, `pair=${encodeURIComponent(name)}&count=5`)),
		);
		for (const answer of answers) {
			expect(answer.key).toBe(key);
			expect(answer).toEqual(answers[0]);
		}
	});

	test.each([
		{query: 'pair=XBTUSDX', error: 'EQuery:Unknown asset pair'},
		{query: 'pair=DOGEUSD', error: 'EQuery:Unknown asset pair'},
		{query: 'pair=XBTUSD,ETHUSD', error: 'EQuery:Unknown asset pair'},
		{query: '', error: 'EGeneral:Invalid arguments'},
		{query: 'pair=', error: 'EGeneral:Invalid arguments'},
		{query: 'pair=XBTUSD&count=0', error: 'EGeneral:Invalid arguments'},
		{query: 'pair=XBTUSD&count=1001', error: 'EGeneral:Invalid arguments'},
		{query: 'pair=XBTUSD&count=ten', error: 'EGeneral:Invalid arguments'},
		{query: 'pair=XBTUSD&count=-1', error: 'EGeneral:Invalid arguments'},
		{query: 'pair=XBTUSD&since=yesterday', error: 'EGeneral:Invalid arguments'},
		{query: 'pair=XBTUSD&since=-5', error: 'EGeneral:Invalid arguments'},
		{query: 'pair=XBTUSD&since=1e9', error: 'EGeneral:Invalid arguments'},
	])('refuses "$query" with HTTP 200 and $error', async ({query, error}) => {
		const {server} = await simulate();
		const reply = await restCall(server, `/0/public/Trades?${query}`);
		expect(reply.status).toBe(200);
		expect(reply.contentType).toBe('application/json');
		expect(reply.text).toBe(JSON.stringify({error: [error]}));
	});

	test('rows are kraken rows: padded prices, 8-decimal volumes, times in seconds, trade ids', async () => {
		const {server} = await simulate();
		const {rows, last} = await trades(server, 'pair=XBTUSD');
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			// BTC/USD has one decimal; Kraken pads REST prices to five.
			expect(row.price).toMatch(/^\d+\.\d0000$/);
			expect(row.volume).toMatch(/^\d+\.\d{8}$/);
			expect(row.time).toMatch(/^\d{10}\.\d{1,6}$/);
			expect(row.misc).toBe('');
		}

		expect(last).toMatch(/^\d{19}$/);
		expect(last).toBe(nanosecondsOf(rows.at(-1)!.time));
	});

	test('the market opens with over a thousand past trades: ids one by one, times rising, all past', async () => {
		const {server} = await simulate();
		const openedAt = Date.now() * 1000;
		const {rows} = await trades(server, 'pair=XBTUSD&since=0');
		// A full page: no more than `count`, 1000 by default.
		expect(rows).toHaveLength(1000);
		const {rows: more} = await trades(
			server,
			`pair=XBTUSD&since=${nanosecondsOf(rows.at(-1)!.time)}`,
		);
		const all = [...rows, ...more.filter((row) => row.tradeId > rows.at(-1)!.tradeId)];
		expect(all.length).toBeGreaterThan(1000);
		const ids = idsOf(all);
		expect(ids).toEqual(ids.map((_id, index) => ids[0]! + index));
		const times = all.map((row) => microsecondsOf(row.time));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(times.at(-1)).toBeLessThan(openedAt);
		// Trades of the recent past: minutes, not days.
		expect(times[0]).toBeGreaterThan(openedAt - 3 * 60 * 60 * 1_000_000);
	});

	test('without since: the latest trades; count takes fewer', async () => {
		const {server} = await simulate();
		const {rows: all} = await trades(server, 'pair=XBTUSD');
		const {rows: five} = await trades(server, 'pair=XBTUSD&count=5');
		const {rows: one} = await trades(server, 'pair=XBTUSD&count=1');
		expect(five).toEqual(all.slice(-5));
		expect(one).toEqual(all.slice(-1));
	});

	test('paging with since=last walks forward with no gap, repeating only the trades at last', async () => {
		const {server} = await simulate();
		const {rows: everything} = await trades(server, 'pair=XBTUSD&since=0');
		const pages: RestTradeRow[][] = [];
		let since = '0';
		for (let page = 0; page < 25; page++) {
			const {rows, last} = await trades(server, `pair=XBTUSD&since=${since}&count=37`);
			expect(last).toBe(nanosecondsOf(rows.at(-1)!.time));
			const previous = pages.at(-1);
			if (previous) {
				// `since` is inclusive: the page starts with every trade of the last page's last
				// time (a taker order's fills share it), and nothing else of that page.
				const atLast = previous.filter((row) => nanosecondsOf(row.time) === since);
				expect(atLast.length).toBeGreaterThan(0);
				expect(rows.slice(0, atLast.length)).toEqual(atLast);
				expect(rows[atLast.length]?.tradeId).toBe(previous.at(-1)!.tradeId + 1);
			}

			pages.push(rows);
			since = last;
		}

		const walked = [...new Map(pages.flat().map((row) => [row.tradeId, row])).values()];
		expect(walked).toEqual(everything.slice(0, walked.length));
		expect(walked.length).toBeGreaterThan(25 * 20);
	});

	test('since in seconds (whole or not) and in nanoseconds read the same instant', async () => {
		const {server} = await simulate();
		const {rows} = await trades(server, 'pair=XBTUSD&since=0&count=600');
		// A trade whose time has no neighbour at the same microsecond, well inside the history.
		const index = rows.findIndex(
			(row, at) => at > 300 && row.time !== rows[at - 1]!.time && row.time.includes('.'),
		);
		const chosen = rows[index]!;
		const [seconds = '', fraction = ''] = chosen.time.split('.');
		const nanoseconds = nanosecondsOf(chosen.time);
		const decimal = `${seconds}.${fraction.padEnd(6, '0')}`;
		const fromNanoseconds = await trades(server, `pair=XBTUSD&since=${nanoseconds}&count=3`);
		const fromDecimal = await trades(server, `pair=XBTUSD&since=${decimal}&count=3`);
		expect(fromNanoseconds.rows[0]).toEqual(chosen);
		expect(fromDecimal).toEqual(fromNanoseconds);
		// One nanosecond on is past it.
		const after = await trades(server, `pair=XBTUSD&since=${BigInt(nanoseconds) + 1n}&count=1`);
		expect(after.rows[0]?.tradeId).toBe(chosen.tradeId + 1);
		// Whole seconds: from the first trade of that second on.
		const fromSecond = await trades(server, `pair=XBTUSD&since=${seconds}&count=1000`);
		const firstOfSecond = rows.find((row) => row.time.split('.')[0] === seconds)!;
		expect(fromSecond.rows[0]).toEqual(firstOfSecond);
	});

	test('since after every trade: no rows, and last is since in nanoseconds', async () => {
		const {server} = await simulate();
		const future = Math.floor(Date.now() / 1000) + 3600;
		const reply = await trades(server, `pair=XBTUSD&since=${future}`);
		expect(reply.rows).toEqual([]);
		expect(reply.last).toBe(`${future}000000000`);
	});

	test('every trade the websocket sends, v2 ids and v1 times, is a rest row', async () => {
		const {server} = await simulate({seed: 3, rateMultiplier: 20});
		const v2 = await connect(server, 'v2');
		const v1 = await connect(server, 'v1');
		v2.send(subscribeV2(['BTC/USD'], true));
		v1.send(subscribeV1(['XBT/USD']));
		type V2Trade = {
			side: string;
			price: number;
			qty: number;
			ord_type: string;
			trade_id: number;
			timestamp: string;
		};
		const v2Trades = () =>
			v2.texts
				.filter((text) => text.startsWith('{"channel":"trade"'))
				.flatMap((text) => parse(text)['data'] as V2Trade[]);
		const v1Trades = () =>
			v1.texts
				.filter((text) => text.startsWith('[') && text.includes('"trade"'))
				.flatMap((text) => (JSON.parse(text) as unknown[])[1] as string[][]);
		await eventually(() => {
			expect(v2Trades().length).toBeGreaterThan(150);
			expect(v1Trades().length).toBeGreaterThan(100);
		});
		const sent = v2Trades();
		const firstMicros = microsecondsOfStamp(sent[0]!.timestamp);
		const {rows} = await trades(server, `pair=BTC/USD&since=${BigInt(firstMicros) * 1000n}`);
		const byId = new Map(rows.map((row) => [row.tradeId, row]));
		for (const trade of sent) {
			const row = byId.get(trade.trade_id);
			expect(row, `trade ${trade.trade_id}`).toBeDefined();
			expect(Number(row!.price)).toBe(trade.price);
			expect(Number(row!.volume)).toBe(trade.qty);
			expect(microsecondsOf(row!.time)).toBe(microsecondsOfStamp(trade.timestamp));
			expect(row!.side).toBe(trade.side === 'buy' ? 'b' : 's');
			expect(row!.orderType).toBe(trade.ord_type === 'market' ? 'm' : 'l');
		}

		// v1 has no ids: its trades are a run of rest rows, the same text but for the time's zeros.
		const v1Sent = v1Trades();
		const v1First = microsecondsOf(v1Sent[0]![2]!);
		const {rows: fromV1} = await trades(server, `pair=XBTUSD&since=${BigInt(v1First) * 1000n}`);
		const start = fromV1.findIndex(
			(row) => row.price === v1Sent[0]![0] && row.volume === v1Sent[0]![1],
		);
		expect(start).toBeGreaterThanOrEqual(0);
		v1Sent.forEach(([price, volume, time, side, orderType], index) => {
			const row = fromV1[start + index]!;
			expect([row.price, row.volume, row.side, row.orderType]).toEqual([
				price,
				volume,
				side,
				orderType,
			]);
			const [seconds, fraction = ''] = row.time.split('.');
			expect(`${seconds}.${fraction.padEnd(6, '0')}`).toBe(time);
		});
	});

	test('after a burst the throttle answers with kraken’s error, per pair, until it refills', async () => {
		const {server} = await simulate({seed: 1}, {burst: 3, perSecond: 2});
		const call = async (pair: string) =>
			(await restCall(server, `/0/public/Trades?pair=${pair}&count=1`)).body.error;
		expect(await call('XBTUSD')).toEqual([]);
		expect(await call('XXBTZUSD')).toEqual([]);
		expect(await call('BTC/USD')).toEqual([]);
		// The fourth call on one pair, whatever it is named, is refused, with HTTP 200.
		const refused = await restCall(server, '/0/public/Trades?pair=XBTUSD&count=1');
		expect(refused.status).toBe(200);
		expect(refused.body).toEqual({error: ['EGeneral:Too many requests']});
		// OHLC shares the pair's allowance; another pair, and the other endpoints, have their own.
		expect((await restCall(server, '/0/public/OHLC?pair=XBTUSD')).body.error).toEqual([
			'EGeneral:Too many requests',
		]);
		expect(await call('ETHUSD')).toEqual([]);
		expect((await restCall(server, '/0/public/Time')).body.error).toEqual([]);
		// Half a second later the allowance has a call again.
		await eventually(async () => expect(await call('XBTUSD')).toEqual([]), 5000);
	});

	test('the per-address endpoints share one allowance', async () => {
		const {server} = await simulate({seed: 1}, {burst: 2, perSecond: 0.001});
		expect((await restCall(server, '/0/public/Time')).body.error).toEqual([]);
		expect((await restCall(server, '/0/public/AssetPairs?pair=XBTUSD')).body.error).toEqual([]);
		expect((await restCall(server, '/0/public/Ticker?pair=XBTUSD')).body.error).toEqual([
			'EGeneral:Too many requests',
		]);
		expect(await trades(server, 'pair=XBTUSD&count=1')).toBeDefined();
	});
});
