import {afterEach, describe, expect, test} from 'vitest';
import {bindStore} from '../../source/store-binding.js';
import {feedOf} from '../helpers/feed-of.js';
import {KrakenClient} from '../../source/kraken/client.js';
import {AlertWatcher} from '../../source/model/alerts.js';
import {TapeStore} from '../../source/model/tape-store.js';
import type {AlertEvent, ApiVersion} from '../../source/model/types.js';
import {startCli, type CliProcess} from '../helpers/cli.js';
import {startScriptedServer, type TradeSpec} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';
import {fastOptions} from '../helpers/test-client.js';

// The field report's second defect: a v2 subscription's snapshot (trades from before the program
// started) went through the alert rules, so --exit-on-alert acted on a price that was gone.

const cleanup = createCleanup();
const running: CliProcess[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async (cli) => cli.stop('SIGKILL')));
	await cleanup.run();
});

const pairFor = (api: ApiVersion) => (api === 'v1' ? 'XBT/USD' : 'BTC/USD');
const hourAgo = () => (Date.now() - 3_600_000) * 1000;

/**
 * A server whose subscription brings history at 70,000 (v2: a snapshot; v1: trades stamped an hour
 * ago, which is all v1 frames can say), then live trades at 60,000; `live` sends more.
 */
async function marketAbove(api: ApiVersion) {
	const server = await startScriptedServer({api});
	cleanup.add(() => server.close());
	const pair = pairFor(api);
	let tradeId = 500;
	const trade = (price: string, timeMicros?: number): TradeSpec => ({
		price,
		volume: '0.10000000',
		side: 'buy',
		tradeId: tradeId++,
		...(timeMicros === undefined ? {} : {timeMicros}),
	});
	server.behaviour.afterSubscribe = (connection) => {
		connection.send(
			server.frames.trades(
				pair,
				[trade('70000.0', hourAgo()), trade('70000.5', hourAgo())],
				'snapshot',
			),
		);
		connection.send(server.frames.trades(pair, [trade('60000.0')]));
	};
	return {
		server,
		live(price: string) {
			server.latest().send(server.frames.trades(pair, [trade(price)]));
		},
	};
}

describe.each<ApiVersion>(['v2', 'v1'])('alerts on %s', (api) => {
	test('--exit-on-alert waits for a live trade that meets the rule, ignoring history', async () => {
		const market = await marketAbove(api);
		const cli = startCli([
			'--json',
			'--url',
			market.server.url,
			'--alert',
			'XBT/USD>=65000',
			'--exit-on-alert',
		]);
		running.push(cli);
		await cli.waitForLine((line) => line.includes('"price":60000'));
		await pause(300);
		expect(cli.child.exitCode).toBeNull();
		expect(cli.stdoutLines().some((line) => line.includes('"alert"'))).toBe(false);

		market.live('65100.0');
		expect(await cli.exited).toBe(0);
		const alert = JSON.parse(cli.stdoutLines().at(-1) ?? '{}') as AlertEvent & {type: string};
		expect(alert).toMatchObject({type: 'alert', price: 65_100});
	});

	test('the screen raises no alert for history, and one for the first live trade that meets it', async () => {
		const market = await marketAbove(api);
		const pair = pairFor(api);
		const client = new KrakenClient({...fastOptions, url: market.server.url, api, pairs: [pair]});
		cleanup.add(() => client.stop());
		const store = new TapeStore([pair], 100, false);
		const fired: AlertEvent[] = [];
		const rule = {pair, operator: '>=' as const, level: 65_000, text: `${pair}>=65000`};
		bindStore(feedOf(client), store, new AlertWatcher([rule]), (events) => fired.push(...events));
		client.start();
		await eventually(() => expect(store.tape(pair)?.stats.snapshot.tradeCount).toBe(3));
		expect(store.alerts).toEqual([]);

		market.live('65100.0');
		await eventually(() => expect(fired.map((event) => event.price)).toEqual([65_100]));
		expect(store.alerts.map((event) => event.price)).toEqual([65_100]);
	});
});
