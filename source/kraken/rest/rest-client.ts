import type {ApiVersion, CandleInterval} from '../../model/types.js';
import type {Clock, Timer} from '../clock.js';
import {assetFor} from '../pair-names.js';
import {candlesOf, tradePageOf, type RestOutcome, type TradePage} from './rest-answers.js';
import {restTransport, type RestReply, type RestTransport} from './rest-transport.js';

/**
 * Kraken's etiquette for public REST (docs/kraken-protocol.md, 10): about one call a second per
 * pair and endpoint stays within its limits, and a throttled caller should wait.
 */
export type RestPolicy = Readonly<{
	/** Least time between two calls of one endpoint for one pair. */
	spacingMs: number;
	/** Calls on the way at once, over every pair. */
	maximumInFlight: number;
	/** A call with no whole answer by then is given up. */
	timeoutMs: number;
	/** After a failed or throttled call, that endpoint and pair wait this, doubling, to the cap. */
	retryBaseMs: number;
	retryCapMs: number;
}>;

export const defaultRestPolicy: RestPolicy = {
	spacingMs: 1000,
	maximumInFlight: 3,
	timeoutMs: 10_000,
	retryBaseMs: 2000,
	retryCapMs: 30_000,
};

export type RestClientOptions = Readonly<{
	/** `https://api.kraken.com` or the like; paths start at `/0/public/`. */
	baseUrl: string;
	api: ApiVersion;
	clock: Clock;
	userAgent: string;
	policy?: Partial<RestPolicy>;
	/** How a GET is made; Node's http and https unless a test brings its own. */
	transport?: RestTransport;
}>;

type Call = {
	key: string;
	url: URL;
	resolve: (reply: RestReply) => void;
};

type KeyState = {nextAt: number; failures: number};

/** REST names a pair without the slash, in v1's asset codes: `XBTUSD` for BTC/USD. */
export function restPairName(pair: string): string {
	const [base = '', quote = ''] = pair.split('/');
	return `${assetFor('v1', base)}${assetFor('v1', quote)}`;
}

/**
 * Kraken's public REST history, asked politely: calls of one endpoint for one pair are spaced,
 * only a few are on the way at once, each has a timeout, and a pair whose call failed or was
 * throttled waits longer before its next. Never rejects: every call ends in an outcome.
 */
export class RestClient {
	readonly #options: RestClientOptions;
	readonly #policy: RestPolicy;
	readonly #transport: RestTransport;
	readonly #queue: Call[] = [];
	readonly #keys = new Map<string, KeyState>();
	readonly #controllers = new Set<AbortController>();
	#inFlight = 0;
	#wake: Timer | undefined;
	#isClosed = false;

	constructor(options: RestClientOptions) {
		this.#options = options;
		this.#policy = {...defaultRestPolicy, ...options.policy};
		this.#transport = options.transport ?? restTransport(options.userAgent);
	}

	/**
	 * A page of the pair's trades, oldest first: from `since` (Kraken's `last` of the page before,
	 * or a time in nanoseconds) or, without it, the most recent `count`.
	 */
	async trades(pair: string, since?: string, count = 1000): Promise<RestOutcome<TradePage>> {
		const parameters: Record<string, string> = {pair: restPairName(pair), count: String(count)};
		if (since !== undefined) {
			parameters['since'] = since;
		}

		const reply = await this.#call('Trades', pair, parameters);
		const withIds = this.#options.api === 'v2';
		return this.#settle('Trades', pair, tradePageOf(reply, pair, withIds));
	}

	/** The pair's recent candles of `interval` minutes (up to 720), the last in progress. */
	async candles(pair: string, interval: CandleInterval) {
		const parameters = {pair: restPairName(pair), interval: String(interval)};
		const reply = await this.#call('OHLC', pair, parameters);
		return this.#settle('OHLC', pair, candlesOf(reply, pair, interval));
	}

	/** Aborts every call on the way; calls waiting their turn end as failed. */
	close(): void {
		this.#isClosed = true;
		this.#options.clock.clear(this.#wake);
		for (const controller of this.#controllers) {
			controller.abort();
		}

		for (const call of this.#queue.splice(0)) {
			call.resolve({ok: false, reason: 'closed'});
		}
	}

	async #call(
		endpoint: string,
		pair: string,
		parameters: Record<string, string>,
	): Promise<RestReply> {
		if (this.#isClosed) {
			return {ok: false, reason: 'closed'};
		}

		const url = new URL(`/0/public/${endpoint}`, this.#options.baseUrl);
		for (const [name, value] of Object.entries(parameters)) {
			url.searchParams.set(name, value);
		}

		return new Promise<RestReply>((resolve) => {
			this.#queue.push({key: `${endpoint} ${pair}`, url, resolve});
			this.#pump();
		});
	}

	/** Spaces the next call of the key by how this one went. */
	#settle<T>(endpoint: string, pair: string, outcome: RestOutcome<T>): RestOutcome<T> {
		const state = this.#keyState(`${endpoint} ${pair}`);
		const policy = this.#policy;
		state.failures = outcome.kind === 'ok' ? 0 : state.failures + 1;
		const wait =
			state.failures === 0
				? policy.spacingMs
				: Math.min(policy.retryCapMs, policy.retryBaseMs * 2 ** (state.failures - 1));
		state.nextAt = Math.max(state.nextAt, this.#options.clock.now() + wait);
		this.#pump();
		return outcome;
	}

	#keyState(key: string): KeyState {
		let state = this.#keys.get(key);
		if (!state) {
			state = {nextAt: 0, failures: 0};
			this.#keys.set(key, state);
		}

		return state;
	}

	/** Starts every call whose turn has come; wakes again for the first that must wait. */
	#pump(): void {
		const {clock} = this.#options;
		clock.clear(this.#wake);
		this.#wake = undefined;
		const now = clock.now();
		let soonest = Number.POSITIVE_INFINITY;
		const busy = new Set<string>();
		for (let index = 0; index < this.#queue.length; index++) {
			if (this.#inFlight >= this.#policy.maximumInFlight) {
				return;
			}

			const call = this.#queue[index]!;
			const state = this.#keyState(call.key);
			if (busy.has(call.key) || state.nextAt > now) {
				busy.add(call.key);
				soonest = Math.min(soonest, state.nextAt);
				continue;
			}

			this.#queue.splice(index--, 1);
			// Held until this call is settled, and spaced from its start.
			state.nextAt = Number.POSITIVE_INFINITY;
			busy.add(call.key);
			void this.#send(call, now);
		}

		if (Number.isFinite(soonest) && !this.#isClosed) {
			this.#wake = clock.setTimeout(() => this.#pump(), Math.max(0, soonest - now));
		}
	}

	async #send(call: Call, startedAt: number): Promise<void> {
		const {clock} = this.#options;
		const controller = new AbortController();
		this.#controllers.add(controller);
		this.#inFlight++;
		const timeout = clock.setTimeout(() => controller.abort(), this.#policy.timeoutMs);
		const reply = await this.#transport(call.url, controller.signal);
		clock.clear(timeout);
		this.#controllers.delete(controller);
		this.#inFlight--;
		// Spaced from the call's start; #settle pushes it further after a failure.
		this.#keyState(call.key).nextAt = startedAt + this.#policy.spacingMs;
		call.resolve(reply);
	}
}
