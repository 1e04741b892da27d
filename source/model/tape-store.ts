import {initialFeedInfo, type FeedInfo} from './feed-info.js';
import {decimalPlaces} from './format.js';
import {newTape, type PairTape, type StoredTape} from './pair-tape.js';
import type {
	BackfillNews,
	AlertEvent,
	BookHealth,
	BookLevel,
	BookTop,
	Candle,
	CandleInterval,
	Channel,
	ConnectionState,
	SubscriptionState,
	SystemStatus,
	Ticker,
	Trade,
} from './types.js';

/** Marks kept per pair; older ones have long scrolled out of any history worth keeping. */
const maximumMarkers = 100;

/** Widens a pair's price decimals to a price's, up to eight. */
function learnDecimals(tape: StoredTape, price: number): void {
	// Most prices have no more decimals than those before them: a multiplication tells, where
	// writing the number out for every trade of a burst was most of the trade loop's cost.
	if (tape.priceDecimals < 8 && !Number.isInteger(price * 10 ** tape.priceDecimals)) {
		tape.priceDecimals = Math.min(8, Math.max(tape.priceDecimals, decimalPlaces(price)));
	}
}

/**
 * Everything the screen shows that came from the feed, kept outside React: trades land here at
 * any rate, every visible change is one of the named mutations below and counts in `version`,
 * and subscribers hear of each one (the screen then draws at most once a tick). What the screen
 * is doing with it (focus, grid, pause, prompt) is the view's, not the store's
 * (model/view-state.ts).
 */
export class TapeStore {
	readonly #feed: {-readonly [Key in keyof FeedInfo]: FeedInfo[Key]};
	/** Alerts fired and not yet dismissed, oldest first. */
	#alerts: readonly AlertEvent[] = [];
	readonly #tapes = new Map<string, StoredTape>();
	readonly #capacity: number;
	#version = 0;
	#candleInterval: CandleInterval;
	readonly #listeners = new Set<(isFirstTrades: boolean) => void>();

	constructor(
		pairs: readonly string[],
		capacity: number,
		isSimulated: boolean,
		candleInterval: CandleInterval = 1,
	) {
		this.#capacity = capacity;
		this.#candleInterval = candleInterval;
		this.#feed = initialFeedInfo(isSimulated, Date.now());
		for (const pair of pairs) {
			this.addPair(pair);
		}
	}

	get version(): number {
		return this.#version;
	}

	get feed(): FeedInfo {
		return this.#feed;
	}

	get alerts(): readonly AlertEvent[] {
		return this.#alerts;
	}

	/**
	 * Calls `listener` after every change, `isFirstTrades` when a tape that had none got its first
	 * (a screen draws those at once, not on its next tick); returns the function that stops it.
	 */
	subscribe(listener: (isFirstTrades: boolean) => void): () => void {
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
		let isFirstTrades = false;
		for (const trade of trades) {
			const tape = this.#tapes.get(trade.pair);
			if (!tape) {
				continue;
			}

			isFirstTrades ||= tape.trades.size === 0;
			tape.trades.push(trade);
			tape.stats.add(trade);
			learnDecimals(tape, trade.price);
		}

		this.#changed(isFirstTrades);
	}

	addPair(pair: string): void {
		if (!this.#tapes.has(pair)) {
			this.#tapes.set(pair, newTape(pair, this.#capacity));
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
			tape.candles.clear();
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
		this.#alerts = [...this.#alerts, ...alerts];
		for (const alert of alerts) {
			const tape = this.#tapes.get(alert.rule.pair);
			if (tape) {
				tape.isAlerted = true;
			}
		}

		this.#changed();
	}

	/** Dismissing alerts dismisses what their commands said too. */
	dismissAlerts(): void {
		this.#alerts = [];
		this.#feed.alertCommandProblem = undefined;
		for (const tape of this.#tapes.values()) {
			tape.isAlerted = false;
		}

		this.#changed();
	}

	removePair(pair: string): void {
		this.#tapes.delete(pair);
		this.#changed();
	}

	/** Where a pair's subscription to a channel stands, with the exchange's words if refused. */
	setChannelState(
		pair: string,
		channel: Channel,
		state: SubscriptionState,
		message?: string,
	): void {
		const tape = this.#tapes.get(pair);
		if (tape) {
			const status = message === undefined ? {state} : {state, message};
			tape.channels = {...tape.channels, [channel]: status};
			this.#changed();
		}
	}

	setTicker(ticker: Ticker): void {
		const tape = this.#tapes.get(ticker.pair);
		if (tape) {
			tape.ticker = ticker;
			// Prices of the book and of trades, so a ticker before any trade shows its digits; not the
			// VWAP, which is an average with as many decimals as it likes.
			for (const price of [ticker.last, ticker.bid, ticker.ask, ticker.high, ticker.low]) {
				learnDecimals(tape, price);
			}

			this.#changed();
		}
	}

	/**
	 * A pair's book as last verified. The prices whose quantity changed (or that are new) are
	 * noted with `at`, for the ladder to mark them a moment.
	 */
	setBook(top: BookTop, at: number): void {
		const tape = this.#tapes.get(top.pair);
		if (!tape) {
			return;
		}

		const before = new Map<number, number>();
		for (const [price, quantity] of [...(tape.book?.asks ?? []), ...(tape.book?.bids ?? [])]) {
			before.set(price, quantity);
		}

		const changedAt = new Map<number, number>();
		const note = (levels: readonly BookLevel[]) => {
			for (const [price, quantity] of levels) {
				const previous = before.get(price);
				const isChanged = tape.book !== undefined && previous !== quantity;
				const since = isChanged ? at : tape.bookChangedAt.get(price);
				if (since !== undefined) {
					changedAt.set(price, since);
				}

				learnDecimals(tape, price);
			}
		};

		note(top.asks);
		note(top.bids);
		tape.book = top;
		tape.bookChangedAt = changedAt;
		this.#changed();
	}

	setBookHealth(health: BookHealth): void {
		const tape = this.#tapes.get(health.pair);
		if (tape) {
			tape.bookHealth = health;
			this.#changed();
		}
	}

	/** Candles of the interval shown: a snapshot's, or the one in progress again. */
	addCandles(candles: readonly Candle[]): void {
		for (const candle of candles) {
			const tape = this.#tapes.get(candle.pair);
			if (tape && candle.interval === this.#candleInterval) {
				tape.candles.upsert(candle);
				for (const price of [candle.open, candle.high, candle.low, candle.close]) {
					learnDecimals(tape, price);
				}
			}
		}

		this.#changed();
	}

	get candleInterval(): CandleInterval {
		return this.#candleInterval;
	}

	/** The candles' length changed: what is drawn is of the old one until the new ones come. */
	setCandleInterval(interval: CandleInterval): void {
		this.#candleInterval = interval;
		for (const tape of this.#tapes.values()) {
			tape.candles.clear();
		}

		this.#changed();
	}

	/**
	 * A frame came. Not a visible change by itself, so no new version: the status bar's clock,
	 * which ticks anyway, shows the age and the rate, and a frame that changes what is shown
	 * comes with a mutation of its own. A version per frame would redraw for every heartbeat.
	 */
	frameReceived(at: number): void {
		this.#feed.frames++;
		this.#feed.lastFrameAt = at;
	}

	/** The connection's new state; a new connection starts without the last one's notice. */
	connectionChanged(state: ConnectionState, at: number): void {
		this.#feed.state = state;
		this.#feed.stateSince = at;
		if (state.kind === 'open') {
			this.#feed.notice = undefined;
		}

		this.#changed();
	}

	/** The exchange's status, and who it says it is. */
	statusReceived(status: SystemStatus, source: string, isSimulated: boolean): void {
		this.#feed.systemStatus = status;
		this.#feed.source = source;
		this.#feed.isSimulated ||= isSimulated;
		this.#changed();
	}

	/** Who the data comes from, before any status has said. */
	setSource(source: string): void {
		this.#feed.source = source;
		this.#changed();
	}

	setUnrecognised(count: number): void {
		this.#feed.unrecognised = count;
		this.#changed();
	}

	setMissing(count: number): void {
		this.#feed.missing = count;
		this.#changed();
	}

	/** What a backfill from REST is doing for a pair: the status bar says while one waits. */
	setBackfill(news: BackfillNews): void {
		const backfilling = new Map(this.#feed.backfilling);
		if (news.kind === 'filled') {
			backfilling.delete(news.pair);
		} else {
			backfilling.set(news.pair, news.kind === 'failed' ? news.reason : undefined);
		}

		this.#feed.backfilling = backfilling;
		this.#changed();
	}

	/** Whether any trade of the pair has come. */
	hasTrades(pair: string): boolean {
		return (this.#tapes.get(pair)?.trades.size ?? 0) > 0;
	}

	setNotice(notice: string | undefined): void {
		this.#feed.notice = notice;
		this.#changed();
	}

	setRecordingError(message: string): void {
		this.#feed.recordingError = message;
		this.#changed();
	}

	/** The endpoint cannot be reached (and why), or undefined once a connection opened. */
	setUnreachable(hint: string | undefined): void {
		this.#feed.unreachable = hint;
		this.#changed();
	}

	/** An alert command failed: said on the status bar until alerts are dismissed. */
	setAlertCommandProblem(message: string): void {
		this.#feed.alertCommandProblem = message;
		this.#changed();
	}

	#changed(isFirstTrades = false): void {
		this.#version++;
		for (const listener of this.#listeners) {
			listener(isFirstTrades);
		}
	}
}

export type {FeedInfo} from './feed-info.js';
export type {ChannelStatus, PairTape} from './pair-tape.js';
