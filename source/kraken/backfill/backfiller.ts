import type {ApiVersion, Trade, TradeOrigin} from '../../model/types.js';
import type {Clock, Timer} from '../clock.js';
import type {RestClient} from '../rest/rest-client.js';
import {IdSequencer} from './id-sequencer.js';
import {
	Deliveries,
	type Delivery,
	type Hole,
	type HoldLimits,
	type PageRequest,
	type PageVerdict,
} from './sequencer.js';
import {TimeSequencer} from './time-sequencer.js';

export type BackfillHooks = Readonly<{
	deliver(delivery: Delivery): void;
	/** A pair's trades are held while a gap is filled from REST. */
	filling(pair: string): void;
	/**
	 * The pair's trades flow again: its gap filled (or given up), or the start's history come,
	 * with this many trades from REST (none where REST had nothing, or did not answer).
	 */
	filled(pair: string, count: number): void;
	/** Trades that could not be filled. */
	hole(hole: Hole): void;
	/** A REST call for the pair failed; it is tried again while the pair's trades are held. */
	restFailed(pair: string, reason: string): void;
}>;

/** How often held trades are checked against the hold limits. */
const expiryCheckMs = 1000;

/**
 * Trades out in order with every gap filled from Kraken's REST history
 * (docs/reliability.md): v2 by trade id (IdSequencer), v1 by best effort (TimeSequencer). Owns
 * the REST pages each pair's backfill asks for, one chain of calls a pair at a time, retried
 * while the pair's trades are held, and the timer that lets held trades go at the hold limits.
 */
export class Backfiller {
	readonly #rest: RestClient;
	readonly #clock: Clock;
	readonly #hooks: BackfillHooks;
	readonly #sequencer: IdSequencer | TimeSequencer;
	/** Pairs with a chain of REST calls on the way. */
	readonly #fetching = new Set<string>();
	/** Trades filled from REST for each pair since its chain of calls began. */
	readonly #filled = new Map<string, number>();
	#expiry: Timer | undefined;
	#isClosed = false;

	constructor(
		options: Readonly<{rest: RestClient; api: ApiVersion; clock: Clock; limits: HoldLimits}>,
		hooks: BackfillHooks,
	) {
		this.#rest = options.rest;
		this.#clock = options.clock;
		this.#hooks = hooks;
		const sequencerHooks = {
			fetch: (request: PageRequest) => this.#fetch(request),
			filled: (pair: string, count: number) => {
				this.#filled.set(pair, (this.#filled.get(pair) ?? 0) + count);
			},
			hole: (hole: Hole) => hooks.hole(hole),
		};
		this.#sequencer =
			options.api === 'v2'
				? new IdSequencer(sequencerHooks, options.limits)
				: new TimeSequencer(sequencerHooks, options.limits);
	}

	/** Starts the pair's tape with its `count` most recent trades from REST. */
	startWithHistory(pair: string, count: number): void {
		this.#sequencer.awaitHistory(pair, count, this.#clock.now());
		this.#watchExpiry();
	}

	/** The pair was subscribed again on a new connection (v1 asks REST for what it missed). */
	resubscribed(pair: string): void {
		if (this.#sequencer instanceof TimeSequencer) {
			this.#sequencer.resubscribed(pair, this.#clock.now());
			this.#watchExpiry();
		}
	}

	renumbered(pair: string): void {
		if (this.#sequencer instanceof IdSequencer) {
			const deliveries = new Deliveries();
			this.#sequencer.renumbered(pair, deliveries);
			this.#deliverAll(deliveries.list);
		}
	}

	forget(pair: string): void {
		this.#sequencer.forget(pair);
	}

	accept(trades: readonly Trade[], origin: TradeOrigin): void {
		const deliveries = this.#sequencer.accept(trades, origin, this.#clock.now());
		this.#deliverAll(deliveries);
		this.#watchExpiry();
	}

	/** Closes for good; trades held for a backfill go out as they are, holes reported. */
	close(): void {
		if (this.#isClosed) {
			return;
		}

		const deliveries = new Deliveries();
		this.#sequencer.releaseAll(deliveries);
		this.#deliverAll(deliveries.list);
		this.#isClosed = true;
		this.#clock.clear(this.#expiry);
		this.#expiry = undefined;
	}

	#deliverAll(deliveries: readonly Delivery[]): void {
		for (const delivery of deliveries) {
			this.#hooks.deliver(delivery);
		}
	}

	/** One chain of calls a pair: a chain already going asks from where the pair then stands. */
	#fetch(request: PageRequest): void {
		if (this.#isClosed || this.#fetching.has(request.pair)) {
			return;
		}

		this.#fetching.add(request.pair);
		this.#hooks.filling(request.pair);
		void this.#chain(request);
	}

	async #chain(first: PageRequest): Promise<void> {
		let request: PageRequest | undefined = first;
		const {pair} = first;
		/** Said once while it stays the same: a retry every few seconds is no news. */
		let lastFailure: string | undefined;
		while (request && !this.#isClosed && this.#sequencer.isHolding(pair)) {
			const outcome = await this.#rest.trades(pair, request.since, request.count);
			if (this.#isClosed) {
				break;
			}

			if (outcome.kind !== 'ok') {
				if (outcome.reason !== lastFailure) {
					lastFailure = outcome.reason;
					this.#hooks.restFailed(pair, outcome.reason);
				}

				if (request.since === undefined) {
					// The start's history is a courtesy: the feed's trades wait for no retry.
					const deliveries = new Deliveries();
					this.#sequencer.abandonHistory(pair, deliveries);
					this.#deliverAll(deliveries.list);
					break;
				}

				// A gap is worth waiting for: tried again, spaced by the REST client's backoff,
				// until the hold runs out.
				continue;
			}

			const deliveries = new Deliveries();
			const {trades, last} = outcome.value;
			const isFull: boolean = trades.length >= request.count;
			const verdict: PageVerdict = this.#sequencer.page(pair, {trades, last, isFull}, deliveries);
			this.#deliverAll(deliveries.list);
			request = verdict.kind === 'more' ? verdict.request : undefined;
		}

		this.#fetching.delete(pair);
		const count = this.#filled.get(pair) ?? 0;
		this.#filled.delete(pair);
		if (!this.#isClosed) {
			this.#hooks.filled(pair, count);
		}
	}

	/**
	 * Checks the hold limits every second while any pair's chain of REST calls runs, which is while
	 * its trades are held (each frame of trades checks them as well).
	 */
	#watchExpiry(): void {
		if (this.#expiry || this.#isClosed) {
			return;
		}

		this.#expiry = this.#clock.setInterval(() => {
			const deliveries = new Deliveries();
			this.#sequencer.expire(this.#clock.now(), deliveries);
			this.#deliverAll(deliveries.list);
			if (!this.#isAnyChainRunning()) {
				this.#clock.clear(this.#expiry);
				this.#expiry = undefined;
			}
		}, expiryCheckMs);
	}

	#isAnyChainRunning(): boolean {
		return this.#fetching.size > 0;
	}
}
