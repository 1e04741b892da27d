import {initialFeedInfo, type FeedInfo} from './feed-info.js';
import {
	addCandle,
	addMarker,
	addTrade,
	clearTape,
	newTape,
	setBook,
	setTicker,
	type PairTape,
	type StoredTape,
} from './pair-tape.js';
import type {
	BackfillNews,
	AlertEvent,
	BookHealth,
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
import {Versioned} from './versioned.js';

/**
 * Everything the screen shows that came from the feed, kept outside React: trades land here at
 * any rate, and every visible change is one of the named mutations below, counted in `version`
 * and told to subscribers (versioned.ts). How a change lands in one pair's tape is
 * pair-tape.ts's. What the screen is doing with it (focus, grid, pause, prompt) is the view's,
 * not the store's (model/view-state.ts).
 */
export class TapeStore extends Versioned {
	readonly #feed: {-readonly [Key in keyof FeedInfo]: FeedInfo[Key]};
	/** Alerts fired and not yet dismissed, oldest first. */
	#alerts: readonly AlertEvent[] = [];
	readonly #tapes = new Map<string, StoredTape>();
	readonly #capacity: number;
	#candleInterval: CandleInterval;

	constructor(
		pairs: readonly string[],
		capacity: number,
		isSimulated: boolean,
		candleInterval: CandleInterval = 1,
	) {
		super();
		this.#capacity = capacity;
		this.#candleInterval = candleInterval;
		this.#feed = initialFeedInfo(isSimulated, Date.now());
		for (const pair of pairs) {
			this.addPair(pair);
		}
	}

	get feed(): FeedInfo {
		return this.#feed;
	}

	get alerts(): readonly AlertEvent[] {
		return this.#alerts;
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
			addTrade(tape, trade);
		}

		this.changed(isFirstTrades);
	}

	addPair(pair: string): void {
		if (!this.#tapes.has(pair)) {
			this.#tapes.set(pair, newTape(pair, this.#capacity));
			this.changed();
		}
	}

	/** Empties a pair's tape and statistics, keeping its subscription. */
	clearPair(pair: string): void {
		this.#changeTape(pair, clearTape);
	}

	/** Marks the pair's tape at this point: `text` shows between the trades either side. */
	addMarker(pair: string, text: string, time: number): void {
		this.#changeTape(pair, (tape) => addMarker(tape, text, time));
	}

	addAlerts(alerts: readonly AlertEvent[]): void {
		this.#alerts = [...this.#alerts, ...alerts];
		for (const alert of alerts) {
			const tape = this.#tapes.get(alert.rule.pair);
			if (tape) {
				tape.isAlerted = true;
			}
		}

		this.changed();
	}

	/** Dismissing alerts dismisses what their commands said too. */
	dismissAlerts(): void {
		this.#alerts = [];
		this.#feed.alertCommandProblem = undefined;
		for (const tape of this.#tapes.values()) {
			tape.isAlerted = false;
		}

		this.changed();
	}

	removePair(pair: string): void {
		this.#tapes.delete(pair);
		this.changed();
	}

	/** Where a pair's subscription to a channel stands, with the exchange's words if refused. */
	setChannelState(
		pair: string,
		channel: Channel,
		state: SubscriptionState,
		message?: string,
	): void {
		const status = message === undefined ? {state} : {state, message};
		this.#changeTape(pair, (tape) => {
			tape.channels = {...tape.channels, [channel]: status};
		});
	}

	setTicker(ticker: Ticker): void {
		this.#changeTape(ticker.pair, (tape) => setTicker(tape, ticker));
	}

	/**
	 * A pair's book as last verified. The prices whose quantity changed (or that are new) are
	 * noted with `at`, for the ladder to mark them a moment.
	 */
	setBook(top: BookTop, at: number): void {
		this.#changeTape(top.pair, (tape) => setBook(tape, top, at));
	}

	setBookHealth(health: BookHealth): void {
		this.#changeTape(health.pair, (tape) => {
			tape.bookHealth = health;
		});
	}

	/** Candles of the interval shown: a snapshot's, or the one in progress again. */
	addCandles(candles: readonly Candle[]): void {
		for (const candle of candles) {
			const tape = this.#tapes.get(candle.pair);
			if (tape && candle.interval === this.#candleInterval) {
				addCandle(tape, candle);
			}
		}

		this.changed();
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

		this.changed();
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

		this.changed();
	}

	/** The exchange's status, and who it says it is. */
	statusReceived(status: SystemStatus, source: string, isSimulated: boolean): void {
		this.#feed.systemStatus = status;
		this.#feed.source = source;
		this.#feed.isSimulated ||= isSimulated;
		this.changed();
	}

	/** Who the data comes from, before any status has said. */
	setSource(source: string): void {
		this.#feed.source = source;
		this.changed();
	}

	setUnrecognised(count: number): void {
		this.#feed.unrecognised = count;
		this.changed();
	}

	setMissing(count: number): void {
		this.#feed.missing = count;
		this.changed();
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
		this.changed();
	}

	/** Whether any trade of the pair has come. */
	hasTrades(pair: string): boolean {
		return (this.#tapes.get(pair)?.trades.size ?? 0) > 0;
	}

	setNotice(notice: string | undefined): void {
		this.#feed.notice = notice;
		this.changed();
	}

	setRecordingError(message: string): void {
		this.#feed.recordingError = message;
		this.changed();
	}

	/** The endpoint cannot be reached (and why), or undefined once a connection opened. */
	setUnreachable(hint: string | undefined): void {
		this.#feed.unreachable = hint;
		this.changed();
	}

	/** An alert command failed: said on the status bar until alerts are dismissed. */
	setAlertCommandProblem(message: string): void {
		this.#feed.alertCommandProblem = message;
		this.changed();
	}

	/** Changes a pair's tape and counts the change; nothing happens for a pair not kept. */
	#changeTape(pair: string, change: (tape: StoredTape) => void): void {
		const tape = this.#tapes.get(pair);
		if (tape) {
			change(tape);
			this.changed();
		}
	}
}

export type {FeedInfo} from './feed-info.js';
export type {ChannelStatus, PairTape} from './pair-tape.js';
