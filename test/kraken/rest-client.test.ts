import {afterEach, describe, expect, test} from 'vitest';
import {systemClock} from '../../source/kraken/clock.js';
import {RestClient, restPairName} from '../../source/kraken/rest/rest-client.js';
import type {RestReply} from '../../source/kraken/rest/rest-transport.js';
import {createCleanup} from '../helpers/cleanup.js';
import {ManualClock} from '../helpers/manual-clock.js';
import {startScriptedRest, tradesBody, type RestAnswer} from '../helpers/scripted-rest.js';

// The REST client against a real HTTP server on 127.0.0.1 (Kraken's shapes from
// docs/kraken-protocol.md, 10): what it asks, what it makes of every kind of answer, and how it
// spaces its calls (with a manual clock and a transport that answers at once).

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const rows = [
	['30243.40000', '0.34507674', 1_688_669_597.827_736_9, 'b', 'm', '', 61_044_952],
	['30243.30000', '0.00376960', 1_688_669_598.280_411_2, 's', 'l', '', 61_044_953],
];
/** Past 2^53: a client that parses it as a number loses its last digits. */
const last = '1688669598280411234';

const fast = {spacingMs: 0, retryBaseMs: 0, retryCapMs: 0, timeoutMs: 300};

async function clientOf(answer: (url: URL) => RestAnswer, policy: object = fast) {
	const server = await startScriptedRest(cleanup, answer);
	const rest = new RestClient({
		baseUrl: server.url,
		api: 'v2',
		clock: systemClock,
		userAgent: 'kraken-tape/9.9.9',
		policy,
	});
	cleanup.add(() => rest.close());
	return {server, rest};
}

describe('REST client', () => {
	test("asks for a pair's trades by its REST name, and reads the answer under Kraken's key", async () => {
		const {server, rest} = await clientOf(() => ({body: tradesBody('XXBTZUSD', rows, last)}));
		const outcome = await rest.trades('BTC/USD', '1688669597000000000', 1000);

		expect(outcome).toEqual({
			kind: 'ok',
			value: {
				last,
				trades: [
					{
						pair: 'BTC/USD',
						side: 'buy',
						price: 30_243.4,
						volume: 0.345_076_74,
						time: 1_688_669_597_827,
						orderType: 'market',
						tradeId: 61_044_952,
						isBackfilled: true,
					},
					{
						pair: 'BTC/USD',
						side: 'sell',
						price: 30_243.3,
						volume: 0.003_769_6,
						time: 1_688_669_598_280,
						orderType: 'limit',
						tradeId: 61_044_953,
						isBackfilled: true,
					},
				],
			},
		});
		const [request] = server.requests;
		expect(request?.url.pathname).toBe('/0/public/Trades');
		expect(Object.fromEntries(request!.url.searchParams)).toEqual({
			pair: 'XBTUSD',
			count: '1000',
			since: '1688669597000000000',
		});
		expect(request?.headers['user-agent']).toBe('kraken-tape/9.9.9');
	});

	test('keeps a `last` written as a bare number to its last digit', async () => {
		const body = tradesBody('XXBTZUSD', rows, last).replace(`"${last}"`, last);
		const {rest} = await clientOf(() => ({body}));
		const outcome = await rest.trades('BTC/USD');
		expect(outcome.kind === 'ok' && outcome.value.last).toBe(last);
	});

	test('reads rows without a trade id (answers from before Kraken added it)', async () => {
		const {rest} = await clientOf(() => ({
			body: tradesBody(
				'XXBTZUSD',
				rows.map((row) => row.slice(0, 6)),
				last,
			),
		}));
		const outcome = await rest.trades('BTC/USD');
		expect(outcome.kind === 'ok' && outcome.value.trades.map((trade) => trade.tradeId)).toEqual([
			undefined,
			undefined,
		]);
	});

	test.each<[string, RestAnswer, object]>([
		[
			'throttling on HTTP 200',
			{body: '{"error":["EGeneral:Too many requests"]}'},
			{kind: 'throttled', reason: 'EGeneral:Too many requests'},
		],
		[
			'the older rate-limit words',
			{body: '{"error":["EAPI:Rate limit exceeded"]}'},
			{kind: 'throttled', reason: 'EAPI:Rate limit exceeded'},
		],
		[
			'an unknown pair',
			{body: '{"error":["EQuery:Unknown asset pair"]}'},
			{kind: 'failed', reason: 'EQuery:Unknown asset pair'},
		],
		['HTTP 503', {status: 503, body: '<html>busy</html>'}, {kind: 'failed', reason: 'HTTP 503'}],
		['HTTP 429', {status: 429, body: ''}, {kind: 'throttled', reason: 'HTTP 429'}],
		[
			'a body that is not JSON',
			{body: '{"error":[],'},
			{kind: 'failed', reason: 'HTTP 200, not JSON'},
		],
		[
			'rows in another shape',
			{body: tradesBody('XXBTZUSD', [['1', 'x']], last)},
			{kind: 'failed', reason: 'trades in a shape not understood'},
		],
		[
			'two results',
			{body: '{"error":[],"result":{"A":[],"B":[],"last":"1"}}'},
			{kind: 'failed', reason: 'an answer with 2 results'},
		],
		['no result', {body: '{"error":[]}'}, {kind: 'failed', reason: 'an answer without a result'}],
		['no answer in time', 'stall', {kind: 'failed', reason: 'no answer in time'}],
		[
			'a body cut off',
			{cut: tradesBody('XXBTZUSD', rows, last)},
			{kind: 'failed', reason: 'the answer was cut off'},
		],
	])('%s is an outcome, never a throw', async (_name, answer, expected) => {
		const {rest} = await clientOf(() => answer);
		expect(await rest.trades('BTC/USD')).toEqual(expected);
	});

	test('a refused connection is an outcome too', async () => {
		const rest = new RestClient({
			baseUrl: 'http://127.0.0.1:1',
			api: 'v1',
			clock: systemClock,
			userAgent: 'kraken-tape',
		});
		expect(await rest.trades('XBT/USD')).toEqual({kind: 'failed', reason: 'ECONNREFUSED'});
	});

	test("candles of an interval, start in seconds to milliseconds, under Kraken's key", async () => {
		const body =
			'{"error":[],"result":{"XXBTZUSD":[[1688671200,"30306.1","30306.2","30305.7","30305.7","30306.1","3.39243896",23]],"last":1688672160}}';
		const {server, rest} = await clientOf(() => ({body}));
		expect(await rest.candles('BTC/USD', 5)).toEqual({
			kind: 'ok',
			value: [
				{
					pair: 'BTC/USD',
					interval: 5,
					start: 1_688_671_200_000,
					open: 30_306.1,
					high: 30_306.2,
					low: 30_305.7,
					close: 30_305.7,
					vwap: 30_306.1,
					volume: 3.392_438_96,
					trades: 23,
				},
			],
		});
		expect(server.requests[0]?.url.search).toBe('?pair=XBTUSD&interval=5');
	});

	test('REST names pairs in v1 codes without the slash', () => {
		expect(['BTC/USD', 'XBT/USD', 'DOGE/EUR', 'ETH/BTC'].map(restPairName)).toEqual([
			'XBTUSD',
			'XBTUSD',
			'XDGEUR',
			'ETHXBT',
		]);
	});
});

describe('REST etiquette', () => {
	/** A transport that answers at once, recording when each call went. */
	function instantTransport(clock: ManualClock, answer: () => RestReply) {
		const calls: Array<{at: number; url: string}> = [];
		return {
			calls,
			transport: async (url: URL) => {
				calls.push({at: clock.now(), url: `${url.pathname}${url.search}`});
				return answer();
			},
		};
	}

	const ok: RestReply = {ok: true, status: 200, body: tradesBody('XXBTZUSD', rows, last)};
	const throttled: RestReply = {
		ok: true,
		status: 200,
		body: '{"error":["EGeneral:Too many requests"]}',
	};

	/** Lets the promises of answered calls run, then moves the clock on. */
	async function settle(clock: ManualClock, milliseconds: number) {
		for (let step = 0; step < 5; step++) {
			await new Promise((resolve) => setImmediate(resolve));
		}

		clock.advance(milliseconds);
	}

	test('one call a second per pair and endpoint, pairs apart at once', async () => {
		const clock = new ManualClock();
		const start = clock.now();
		const {calls, transport} = instantTransport(clock, () => ok);
		const rest = new RestClient({baseUrl: 'http://x', api: 'v2', clock, userAgent: 'k', transport});
		const done = Promise.all([
			rest.trades('BTC/USD'),
			rest.trades('BTC/USD'),
			rest.trades('ETH/USD'),
			rest.trades('BTC/USD'),
		]);
		for (let step = 0; step < 40; step++) {
			await settle(clock, 100);
		}

		await done;
		expect(calls.map(({at, url}) => [at - start, url.split('&')[0]])).toEqual([
			[0, '/0/public/Trades?pair=XBTUSD'],
			[0, '/0/public/Trades?pair=ETHUSD'],
			[1000, '/0/public/Trades?pair=XBTUSD'],
			[2000, '/0/public/Trades?pair=XBTUSD'],
		]);
	});

	test('a throttled pair waits 2, 4, 8 s before its next call, and 1 s again once answered', async () => {
		const clock = new ManualClock();
		const start = clock.now();
		const answers = [throttled, throttled, throttled, ok, ok];
		const {calls, transport} = instantTransport(clock, () => answers.shift()!);
		const rest = new RestClient({baseUrl: 'http://x', api: 'v2', clock, userAgent: 'k', transport});
		const outcomes: string[] = [];
		for (let call = 0; call < 5; call++) {
			void rest.trades('BTC/USD').then((outcome) => outcomes.push(outcome.kind));
		}

		for (let step = 0; step < 200; step++) {
			await settle(clock, 100);
		}

		expect(outcomes).toEqual(['throttled', 'throttled', 'throttled', 'ok', 'ok']);
		expect(calls.map(({at}) => at - start)).toEqual([0, 2000, 6000, 14_000, 15_000]);
	});

	test('at most three calls on the way at once', async () => {
		const clock = new ManualClock();
		let inFlight = 0;
		let most = 0;
		const release: Array<() => void> = [];
		const rest = new RestClient({
			baseUrl: 'http://x',
			api: 'v2',
			clock,
			userAgent: 'k',
			async transport() {
				inFlight++;
				most = Math.max(most, inFlight);
				await new Promise<void>((resolve) => release.push(resolve));
				inFlight--;
				return ok;
			},
		});
		const pairs = ['A/USD', 'B/USD', 'C/USD', 'D/USD', 'E/USD'];
		const done = Promise.all(pairs.map(async (pair) => rest.trades(pair)));
		for (let step = 0; step < 10; step++) {
			await settle(clock, 0);
			release.splice(0).forEach((resolve) => resolve());
		}

		await done;
		expect(most).toBe(3);
	});

	test('close ends the calls waiting their turn', async () => {
		const clock = new ManualClock();
		const {transport} = instantTransport(clock, () => ok);
		const rest = new RestClient({baseUrl: 'http://x', api: 'v2', clock, userAgent: 'k', transport});
		const first = rest.trades('BTC/USD');
		const second = rest.trades('BTC/USD');
		await first;
		rest.close();
		expect(await second).toEqual({kind: 'failed', reason: 'closed'});
	});
});
