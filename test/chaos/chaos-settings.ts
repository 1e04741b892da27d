import type {ApiVersion} from '../../source/model/types.js';
import type {ChaosSettings} from './chaos-run.js';
import type {MemoryLimit} from './chaos-verdict.js';

/** Four busy pairs: with the rate doubled, some 15 taker orders a second between them. */
const pairs = ['BTC/USD', 'ETH/USD', 'XRP/USD', 'SOL/USD'];

/**
 * The short form, inside `npm test`: every WebSocket fault once, a few seconds apart, in an order
 * the seed picks. Its stall (3-5 s) stays under the client's 10 s watchdog (`idleTimeoutMs`,
 * client-options.ts, which no flag changes), so it proves only that held-back bytes arrive whole;
 * the long form's stalls outlast the watchdog. REST faults on three calls in ten, never two running
 * for a pair: with the client's retries (2 s, doubling) and its 10 s timeout, every hole can be
 * filled well inside the 30 s it holds live trades back, so every v2 trade must arrive.
 */
export function shortSettings(api: ApiVersion, seed: number): ChaosSettings {
	return {
		api,
		seed,
		pairs,
		rateMultiplier: 2,
		restFaultShare: 0.3,
		restFaultsInARow: 1,
		acceptsReportedHoles: false,
		plan: {
			forMs: 0,
			gapMs: [2500, 3500],
			stallMs: [3000, 5000],
			refusals: [1, 1],
			kinds: 'each-once',
		},
		catchUpMs: 40_000,
	};
}

/**
 * The long form (`npm run test:chaos`): faults of every kind at random for `minutes`, stalls past
 * the watchdog, refusals of up to three handshakes, and REST faults on three calls in five with no
 * bound on how many run, so REST can fail a pair for longer than the client's 30 s hold: a v2
 * trade may then be lost, but only in a hole the client reported (docs/reliability.md).
 */
export function longSettings(api: ApiVersion, seed: number, minutes: number): ChaosSettings {
	return {
		api,
		seed,
		pairs,
		rateMultiplier: 2,
		restFaultShare: 0.6,
		restFaultsInARow: Number.POSITIVE_INFINITY,
		acceptsReportedHoles: true,
		plan: {
			forMs: minutes * 60_000,
			gapMs: [4000, 30_000],
			stallMs: [15_000, 25_000],
			refusals: [1, 3],
			kinds: 'random',
		},
		catchUpMs: 120_000,
	};
}

/** A short run is mostly start-up: the heap is still settling, so it is given more room. */
export const shortMemoryLimit: MemoryLimit = {growth: 0.25, slackMb: 10};
export const longMemoryLimit: MemoryLimit = {growth: 0.1, slackMb: 5};
