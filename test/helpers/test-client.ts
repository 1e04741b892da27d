import {defaultBackoffPolicy} from '../../source/kraken/backoff.js';
import {KrakenClient, type ClientOptions} from '../../source/kraken/client.js';
import type {ApiVersion} from '../../source/model/types.js';
import type {Cleanup} from './cleanup.js';
import {recordEvents, type ClientLog} from './client-log.js';
import {ManualClock} from './manual-clock.js';

/** Both API versions, each with two pairs named as that API names them, for describe.each. */
export const twoPairsOnEachApi: ReadonlyArray<
	Readonly<{api: ApiVersion; pairs: readonly string[]}>
> = [
	{api: 'v1', pairs: ['XBT/USD', 'ETH/USD']},
	{api: 'v2', pairs: ['BTC/USD', 'ETH/USD']},
];

/**
 * Backoff small enough that reconnects play out in milliseconds; the watchdog and pings keep
 * their usual timings, which tests of them shorten or drive with a ManualClock.
 */
export const fastOptions = {
	statusWaitMs: 5000,
	idleTimeoutMs: 10_000,
	pingIntervalMs: 30_000,
	pongTimeoutMs: 10_000,
	backoff: {quickBaseMs: 20, slowFloorMs: 200, rateLimitedFloorMs: 300, capMs: 1000},
} satisfies Partial<ClientOptions>;

/** A started client with fast timings, its event log, and a stop registered for cleanup. */
export function startClient(
	cleanup: Cleanup,
	options: Pick<ClientOptions, 'url' | 'api' | 'pairs'> & Partial<ClientOptions>,
): {client: KrakenClient; log: ClientLog} {
	const client = new KrakenClient({...fastOptions, ...options});
	const log = recordEvents(client);
	cleanup.add(() => client.stop());
	client.start();
	return {client, log};
}

/**
 * A started client whose timers run on a ManualClock, with Kraken's own backoff policy and no
 * jitter (random 0): every wait is the policy's least, so a test moves time on by hand and
 * asserts the exact moment something happens. Sockets still run on real time.
 */
export function startClientOnClock(
	cleanup: Cleanup,
	options: Pick<ClientOptions, 'url' | 'api' | 'pairs'> & Partial<ClientOptions>,
): {client: KrakenClient; log: ClientLog; clock: ManualClock} {
	const clock = new ManualClock();
	const started = startClient(cleanup, {
		clock,
		random: () => 0,
		backoff: defaultBackoffPolicy,
		...options,
	});
	return {...started, clock};
}
