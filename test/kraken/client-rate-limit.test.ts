import {describe, test} from 'vitest';
import {rateLimitFrame, startScriptedServer} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {startClient, twoPairsOnEachApi} from '../helpers/test-client.js';

// The client waits a fixed 5 s before resending, so these take about five seconds and run
// side by side, each with its own cleanup (a shared afterEach would close the other's server).
// On v2 the simulator sends the same frame (source/simulator/session.ts), as does Kraken per
// nautilus_trader's docs (docs/kraken-protocol.md, 3.1).
describe.concurrent.each(twoPairsOnEachApi)('client on $api', ({api, pairs}) => {
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
			expect(log.notices).toEqual(['server: Exceeded msg rate; retrying pending pairs in 5 s']),
		);
		expect(log.unrecognised).toEqual([]);

		await eventually(() => expect(client.state.kind).toBe('subscribed'), 7000);
		const subscribes = server.latest().requests('subscribe');
		expect(subscribes.map((request) => request.pairs)).toEqual([pairs, pairs]);
		expect(server.connectionCount()).toBe(1);
	}, 12_000);
});
