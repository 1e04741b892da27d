import {afterEach, describe, expect, test} from 'vitest';
import {KrakenClient} from '../source/kraken/client.js';
import {AlertWatcher} from '../source/model/alerts.js';
import {formatCompact, formatPrice} from '../source/model/format.js';
import {TapeStore} from '../source/model/tape-store.js';
import {bindStore} from '../source/store-binding.js';
import {createCleanup} from './helpers/cleanup.js';
import {eventually} from './helpers/eventually.js';
import {feedOf} from './helpers/feed-of.js';
import {appShownPerTest, shownPrices} from './helpers/screen.js';
import {startScriptedRest, tradesBody} from './helpers/scripted-rest.js';
import {startScriptedServer, type TradeSpec} from './helpers/scripted-server.js';
import {fastOptions} from './helpers/test-client.js';

// The screen after a gap filled in the middle of a session: a real client on a scripted v2
// server and a scripted REST server (both on 127.0.0.1), bound to the store as the screen binds
// it, drawn by the app. The first connection sends trades 100 to 102; the second, after a drop,
// 101, 102 and 106 (a snapshot), then 107; REST's page from 102's time holds 102 to 105. Each
// trade's price is its id plus a half and its volume its place (1 to 8), so the tape shows which
// trade is where and the session's volume says whether one was counted twice or not at all.

const cleanup = createCleanup();
afterEach(() => cleanup.run());
const show = appShownPerTest();

const ids = [100, 101, 102, 103, 104, 105, 106, 107];
/** Ten seconds ago, so every trade counts in trades/min. */
const start = Date.now() - 10_000;
const timeOf = (id: number) => (start + (id - 100) * 100) * 1000;
const volumeOf = (id: number) => id - 99;
const priceOf = (id: number) => id + 0.5;
const sideOf = (id: number) => (id % 2 === 0 ? 'buy' : 'sell');

const feedTrades = (list: readonly number[]): TradeSpec[] =>
	list.map((tradeId) => ({
		price: `${priceOf(tradeId)}`,
		volume: `${volumeOf(tradeId)}`,
		side: sideOf(tradeId),
		tradeId,
		timeMicros: timeOf(tradeId),
	}));

/** Kraken's REST row: `[price, volume, time, side, type, misc, trade_id]`, time in seconds. */
const restRow = (id: number) => [
	`${priceOf(id)}`,
	`${volumeOf(id)}`,
	timeOf(id) / 1_000_000,
	sideOf(id) === 'buy' ? 'b' : 's',
	'l',
	'',
	id,
];

describe('a gap filled mid-session, on screen', () => {
	test('the filled trades are in their place, marked, below them the mark of the gap, and the stats count each trade once', async () => {
		const server = await startScriptedServer({api: 'v2'});
		cleanup.add(() => server.close());
		server.behaviour.afterSubscribe = (connection) => {
			const frames =
				connection.number === 1
					? [server.frames.trades('BTC/USD', feedTrades([100, 101, 102]), 'snapshot')]
					: [
							server.frames.trades('BTC/USD', feedTrades([101, 102, 106]), 'snapshot'),
							server.frames.trades('BTC/USD', feedTrades([107])),
						];
			for (const frame of frames) {
				connection.send(frame);
			}
		};
		const rest = await startScriptedRest(cleanup, () => ({
			body: tradesBody('XXBTZUSD', [102, 103, 104, 105].map(restRow), String(timeOf(105) * 1000)),
		}));
		const client = new KrakenClient({
			...fastOptions,
			url: server.url,
			restUrl: rest.url,
			api: 'v2',
			pairs: ['BTC/USD'],
			restPolicy: {spacingMs: 50, retryBaseMs: 50, retryCapMs: 100},
		});
		cleanup.add(() => client.stop());
		const store = new TapeStore(['BTC/USD'], 100, false);
		bindStore(feedOf(client), store, new AlertWatcher([]), () => undefined);
		client.start();
		await eventually(() => expect(store.tape('BTC/USD')?.trades.size).toBe(3));
		server.dropAll();
		await eventually(() => expect(store.tape('BTC/USD')?.trades.size).toBe(ids.length));
		expect(rest.requests.map((request) => request.url.pathname)).toEqual(['/0/public/Trades']);

		const app = show({store, columns: 100, rows: 30});
		const frame = await app.waitFor((frame) =>
			expect(frame).toContain('gap in the feed: filled from REST history'),
		);
		const rows = frame.split('\n');
		// Newest first: the live trades after the gap, the three from REST marked, the marks of the
		// gap and the reconnect where the gap opened, then the trades before it.
		expect(shownPrices(frame)).toEqual([...ids].reverse().map((id) => priceOf(id)));
		const rowOf = (id: number) => rows.findIndex((row) => shownPrices(row)[0] === priceOf(id));
		for (const id of ids) {
			const isFilled = id >= 103 && id <= 105;
			expect(rows[rowOf(id)]!.endsWith(' ↺'), `trade ${id}`).toBe(isFilled);
		}

		const marks = rows.slice(rowOf(103) + 1, rowOf(102));
		expect(marks).toHaveLength(2);
		expect(marks.join('\n')).toMatch(/reconnected after \d+ s/);
		expect(marks.join('\n')).toContain('gap in the feed: filled from REST history');

		// The session's figures over the eight trades, each once.
		const volume = ids.reduce((sum, id) => sum + volumeOf(id), 0);
		const vwap = ids.reduce((sum, id) => sum + priceOf(id) * volumeOf(id), 0) / volume;
		const decimals = store.tape('BTC/USD')!.priceDecimals;
		expect(store.tape('BTC/USD')?.stats.snapshot).toMatchObject({tradeCount: 8, volume});
		expect(frame).toContain(`vol ${formatCompact(volume)}`);
		expect(frame).toContain(`vwap ${formatPrice(vwap, decimals)}`);
		expect(frame).toContain(`high ${formatPrice(107.5, decimals)}`);
		expect(frame).toContain(`low ${formatPrice(100.5, decimals)}`);
		expect(frame).toContain('trades/min 8');
	});
});
