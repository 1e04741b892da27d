import {decimalPlaces} from './format.js';
import {PairStats} from './pair-stats.js';
import {TradeRing} from './trade-ring.js';
import type {
	AlertEvent,
	ConnectionState,
	SubscriptionState,
	SystemStatus,
	TapeMarker,
	Trade,
} from './types.js';

export type PairTape = {
	readonly pair: string;
	readonly trades: TradeRing;
	readonly stats: PairStats;
	/** Marks between trades (reconnects, missed trades), oldest first, the newest few kept. */
	markers: readonly TapeMarker[];
	subscription: SubscriptionState;
	/** Kraken's message when the subscription failed, sanitised. */
	error?: string;
	/** Most decimals seen in a price: v2 numbers lose trailing zeros, so the maximum stands in. */
	priceDecimals: number;
	/**
	 * The pair's lot precision: Kraken sizes every spot pair in hundred-millionths (AssetPairs
	 * `lot_decimals` 8). Not learned from trades: v2 quantities lose their trailing zeros.
	 */
	volumeDecimals: number;
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
	/** Who sends the data: Kraken, the simulator, or another server; names its words and status. */
	source: string;
	isSimulated: boolean;
	unrecognised: number;
	missing: number;
	lastFrameAt?: number;
	/** The server's latest word that is not a pair's (a rate limit); gone with its connection. */
	notice?: string;
	/** Why --record stopped, if it did. */
	recordingError?: string;
};

/** Marks kept per pair; older ones have long scrolled out of any history worth keeping. */
const maximumMarkers = 100;

/**
 * Everything the screen shows, kept outside React: trades land here at any rate, `version` counts
 * the changes, and subscribers hear of each one (the screen then draws at most once a tick).
 */
export class TapeStore {
	readonly feed: FeedInfo;
	/** Alerts fired and not yet dismissed, oldest first. */
	alerts: AlertEvent[] = [];
	readonly #tapes = new Map<string, PairTape>();
	readonly #capacity: number;
	#version = 0;
	readonly #listeners = new Set<() => void>();

	constructor(pairs: readonly string[], capacity: number, isSimulated: boolean) {
		this.#capacity = capacity;
		this.feed = {
			state: {kind: 'closed'},
			stateSince: Date.now(),
			frames: 0,
			source: isSimulated ? 'simulator' : 'Kraken',
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

	/** Calls `listener` after every change; returns the function that stops it. */
	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
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
			// Most prices have no more decimals than those before them: a multiplication tells, where
			// writing the number out for every trade of a burst was most of this loop's cost.
			if (tape.priceDecimals < 8 && !Number.isInteger(trade.price * 10 ** tape.priceDecimals)) {
				tape.priceDecimals = Math.min(8, Math.max(tape.priceDecimals, decimalPlaces(trade.price)));
			}
		}

		this.#changed();
	}

	addPair(pair: string): void {
		if (!this.#tapes.has(pair)) {
			this.#tapes.set(pair, {
				pair,
				trades: new TradeRing(pair, this.#capacity),
				stats: new PairStats(),
				markers: [],
				subscription: 'pending',
				priceDecimals: 0,
				volumeDecimals: 8,
				isAlerted: false,
			});
			this.#changed();
		}
	}

	/** Empties a pair's tape and statistics, keeping its subscription. */
	clearPair(pair: string): void {
		const tape = this.#tapes.get(pair);
		if (tape) {
			tape.trades.clear();
			tape.stats.clear();
			tape.markers = [];
			this.#changed();
		}
	}

	/** Marks the pair's tape at this point: `text` shows between the trades either side. */
	addMarker(pair: string, text: string, time: number): void {
		const tape = this.#tapes.get(pair);
		if (tape) {
			const marker = {position: tape.trades.pushed, time, text};
			tape.markers = [...tape.markers.slice(1 - maximumMarkers), marker];
			this.#changed();
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

		this.#changed();
	}

	dismissAlerts(): void {
		this.alerts = [];
		for (const tape of this.#tapes.values()) {
			tape.isAlerted = false;
		}

		this.#changed();
	}

	removePair(pair: string): void {
		this.#tapes.delete(pair);
		this.#changed();
	}

	setSubscription(pair: string, state: SubscriptionState, error?: string): void {
		const tape = this.#tapes.get(pair);
		if (tape) {
			tape.subscription = state;
			tape.error = error;
			this.#changed();
		}
	}

	/** Applies a change to the feed information and marks the store changed. */
	updateFeed(change: Partial<FeedInfo>): void {
		Object.assign(this.feed, change);
		this.#changed();
	}

	#changed(): void {
		this.#version++;
		for (const listener of this.#listeners) {
			listener();
		}
	}
}
