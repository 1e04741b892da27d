import {decimalPlaces} from './format.js';
import {PairStats} from './pair-stats.js';
import {RingBuffer} from './ring-buffer.js';
import type {AlertEvent, ConnectionState, SubscriptionState, SystemStatus, Trade} from './types.js';

export type PairTape = {
	readonly pair: string;
	readonly trades: RingBuffer<Trade>;
	readonly stats: PairStats;
	subscription: SubscriptionState;
	/** Kraken's message when the subscription failed, sanitised. */
	error?: string;
	/** Most decimals seen in a price: v2 numbers lose trailing zeros, so the maximum stands in. */
	priceDecimals: number;
	/** An alert fired for this pair and has not been dismissed. */
	isAlerted: boolean;
};

export type FeedInfo = {
	state: ConnectionState;
	/** When `state` began, for the reconnect countdown. */
	stateSince: number;
	/** Frames received, for messages per second. */
	frames: number;
	systemStatus?: SystemStatus;
	isSimulated: boolean;
	unrecognised: number;
	missing: number;
	lastFrameAt?: number;
	notice?: string;
};

/**
 * Everything the screen shows, kept outside React: trades land here at any rate, and `version`
 * tells the screen's fixed tick whether there is anything new to draw.
 */
export class TapeStore {
	readonly feed: FeedInfo;
	/** Alerts fired and not yet dismissed, oldest first. */
	alerts: AlertEvent[] = [];
	readonly #tapes = new Map<string, PairTape>();
	readonly #capacity: number;
	#version = 0;

	constructor(pairs: readonly string[], capacity: number, isSimulated: boolean) {
		this.#capacity = capacity;
		this.feed = {
			state: {kind: 'closed'},
			stateSince: Date.now(),
			frames: 0,
			isSimulated,
			unrecognised: 0,
			missing: 0,
		};
		for (const pair of pairs) {
			this.addPair(pair);
		}
	}

	get version(): number {
		return this.#version;
	}

	get pairs(): string[] {
		return [...this.#tapes.keys()];
	}

	tape(pair: string): PairTape | undefined {
		return this.#tapes.get(pair);
	}

	addTrades(trades: readonly Trade[]): void {
		for (const trade of trades) {
			const tape = this.#tapes.get(trade.pair);
			if (!tape) {
				continue;
			}

			tape.trades.push(trade);
			tape.stats.add(trade);
			if (tape.priceDecimals < 8) {
				tape.priceDecimals = Math.max(tape.priceDecimals, decimalPlaces(trade.price));
			}
		}

		this.#version++;
	}

	addPair(pair: string): void {
		if (!this.#tapes.has(pair)) {
			this.#tapes.set(pair, {
				pair,
				trades: new RingBuffer(this.#capacity),
				stats: new PairStats(),
				subscription: 'pending',
				priceDecimals: 0,
				isAlerted: false,
			});
			this.#version++;
		}
	}

	/** Empties a pair's tape and statistics, keeping its subscription. */
	clearPair(pair: string): void {
		const tape = this.#tapes.get(pair);
		if (tape) {
			tape.trades.clear();
			tape.stats.clear();
			this.#version++;
		}
	}

	addAlerts(alerts: readonly AlertEvent[]): void {
		for (const alert of alerts) {
			this.alerts.push(alert);
			const tape = this.#tapes.get(alert.rule.pair);
			if (tape) {
				tape.isAlerted = true;
			}
		}

		this.#version++;
	}

	dismissAlerts(): void {
		this.alerts = [];
		for (const tape of this.#tapes.values()) {
			tape.isAlerted = false;
		}

		this.#version++;
	}

	removePair(pair: string): void {
		this.#tapes.delete(pair);
		this.#version++;
	}

	setSubscription(pair: string, state: SubscriptionState, error?: string): void {
		const tape = this.#tapes.get(pair);
		if (tape) {
			tape.subscription = state;
			tape.error = error;
			this.#version++;
		}
	}

	/** Applies a change to the feed information and marks the store changed. */
	updateFeed(change: Partial<FeedInfo>): void {
		Object.assign(this.feed, change);
		this.#version++;
	}
}
