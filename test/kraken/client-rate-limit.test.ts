import {describe, test} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {rateLimitFrame, startScriptedServer} from '../helpers/scripted-server.js';
import {createCleanup, eventually, startClient} from '../helpers/wait.js';

type Setup = Readonly<{api: ApiVersion; pairs: readonly string[]}>;

const setups: Setup[] = [
	{api: 'v1', pairs: ['XBT/USD', 'ETH/USD']},
	// The simulator sends the same frame to v2 clients (source/simulator/session.ts), as does
	// Kraken per nautilus_trader's docs (protocol reference S35).
	{api: 'v2', pairs: ['BTC/USD', 'ETH/USD']},
];

// The client waits a fixed 5 s before resending, so these take about five seconds and run
// side by side, each with its own cleanup (a shared afterEach would close the other's server).
describe.concurrent.each(setups)('client on $api', ({api, pairs}) => {
	test('on exceeded msg rate it notices, stays connected and resends pending pairs', async ({
		expect,
		onTestFinished,
	}) => {
		const cleanup = createCleanup();
		onTestFinished(() => cleanup.run());
		const server = await startScriptedServer({api});
		cleanup.add(() => server.close());
		let isFirst = true;
		server.behaviour.onMessage = (connection, request) => {
			if (request.kind === 'subscribe' && isFirst) {
				isFirst = false;
				connection.send(rateLimitFrame);
				return true;
			}

			return false;
		};
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs});
		await eventually(() =>
			expect(log.notices).toEqual(['Kraken: Exceeded msg rate; retrying pending pairs in 5 s']),
		);
		expect(log.unrecognised).toEqual([]);

		await eventually(() => expect(client.state.kind).toBe('subscribed'), 7000);
		const subscribes = server.latest().requests('subscribe');
		expect(subscribes.map((request) => request.pairs)).toEqual([pairs, pairs]);
		expect(server.connectionCount()).toBe(1);
	}, 12_000);
});
