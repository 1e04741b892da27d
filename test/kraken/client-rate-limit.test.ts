import {afterEach, describe, expect, test} from 'vitest';
import {defaultBackoffPolicy} from '../../source/kraken/backoff.js';
import {rateLimitFrame, startScriptedServer} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {startClientOnClock, twoPairsOnEachApi} from '../helpers/test-client.js';

// Pending pairs go again the backoff policy's `rateLimitRetryMs` (5 s) after the reply, on an
// injected clock that the test moves by hand. A ping falls due a millisecond before that, so the
// server seeing subscribe, ping, subscribe shows the resend waited for the ping at 4999 ms and
// went once the clock reached 5 s. Sockets run for real. On v2 the simulator sends the same frame
// (source/simulator/session.ts), as does Kraken per nautilus_trader's docs
// (docs/kraken-protocol.md, 3.1).

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const retryMs = defaultBackoffPolicy.rateLimitRetryMs;

describe.each(twoPairsOnEachApi)('client on $api', ({api, pairs}) => {
	test('on exceeded msg rate it notices, stays connected and resends pending pairs 5 s later', async () => {
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
		const {client, log, clock} = startClientOnClock(cleanup, {
			url: server.url,
			api,
			pairs,
			pingIntervalMs: retryMs - 1,
		});
		await eventually(() =>
			expect(log.notices).toEqual(['server: Exceeded msg rate; retrying pending pairs in 5 s']),
		);
		expect(log.unrecognised).toEqual([]);

		clock.advance(retryMs - 1);
		await eventually(() => expect(server.latest().requests('ping')).toHaveLength(1));
		clock.advance(1);
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		const requests = server.latest().requests();
		expect(requests.map((request) => request.kind)).toEqual(['subscribe', 'ping', 'subscribe']);
		const subscribes = server.latest().requests('subscribe');
		expect(subscribes.map((request) => request.pairs)).toEqual([pairs, pairs]);
		expect(server.connectionCount()).toBe(1);
	});
});
