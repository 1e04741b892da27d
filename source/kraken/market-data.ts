import type {EventEmitter} from 'node:events';
import {BookKeeper, type BookStamp} from './book/book-keeper.js';
import type {ClientEvents} from './client-events.js';
import type {FeedMessage} from './feed-message.js';
import type {SubscriptionLedger} from './subscription-ledger.js';
import type {TradeGap} from '../model/trade-deduplicator.js';
import type {ApiVersion, Candle} from '../model/types.js';
import {Backfiller} from './backfill/backfiller.js';
import type {HoldLimits} from './backfill/sequencer.js';
import type {Clock} from './clock.js';
import type {RestClient} from './rest/rest-client.js';
import {TradeIntake} from './trade-intake.js';

type MarketMessage = Extract<FeedMessage, {kind: 'trades' | 'ticker' | 'candles' | 'book'}>;

/**
 * What becomes of market data before the client's listeners hear of it: only what is still
 * wanted passes (a pair just removed, candles of an interval just left), trades go through the
 * intake (repeats, gaps, new numberings, history or live), and book messages through the keeper
 * (applied, checked, rebuilt when they fail).
 */
export class MarketData {
	readonly #ledger: SubscriptionLedger;
	readonly #events: Pick<EventEmitter<ClientEvents>, 'emit'>;
	readonly #intake = new TradeIntake();
	readonly books: BookKeeper;
	readonly counts = {duplicates: 0, missing: 0, bookFailures: 0, bookResyncs: 0, backfilled: 0};
	/** Fills gaps from REST, where there is REST to ask; otherwise gaps are only reported. */
	readonly #backfiller: Backfiller | undefined;
	/** The oldest candle start the feed sent for each pair: REST's candles stop before it. */
	readonly #feedCandleStarts = new Map<string, number>();
	/**
	 * The feed's candles of each pair whose REST candles are asked for and not yet answered: held,
	 * so that the chart's first picture is the history with the live candle on it, not one candle.
	 */
	readonly #heldCandles = new Map<string, Array<{candles: Candle[]; isSnapshot: boolean}>>();
	/** Books verified this turn and not yet passed on, with the stamp of the last message. */
	readonly #pendingBooks = new Map<string, BookStamp>();

	/**
	 * `renew` renews a pair's book subscription, to rebuild a book that failed its check, after
	 * the failures in a row it is told.
	 */
	constructor(
		ledger: SubscriptionLedger,
		events: Pick<EventEmitter<ClientEvents>, 'emit'>,
		renew: (pair: string, failingRun: number) => void,
		backfill?: Readonly<{rest: RestClient; api: ApiVersion; clock: Clock; limits: HoldLimits}>,
	) {
		this.#ledger = ledger;
		this.#events = events;
		this.#backfiller = backfill && this.#backfillerOf(backfill);
		this.books = new BookKeeper({
			verified: (pair, stamp) => this.#bookVerified(pair, stamp),
			health: (health) => this.#events.emit('bookHealth', health),
			// Every failure renews the pair's book once.
			resync: (pair, failingRun) => {
				this.#pendingBooks.delete(pair);
				this.counts.bookFailures++;
				this.counts.bookResyncs++;
				renew(pair, failingRun);
			},
		});
	}

	/** A pair subscribed again on a new connection: its first trades may repeat ones seen. */
	resubscribed(pair: string): void {
		this.#intake.resubscribed(pair);
		this.#backfiller?.resubscribed(pair);
	}

	forget(pair: string): void {
		this.#intake.forget(pair);
		this.books.forget(pair);
		this.#pendingBooks.delete(pair);
		this.#backfiller?.forget(pair);
		this.#feedCandleStarts.delete(pair);
		this.#heldCandles.delete(pair);
	}

	/** Starts the pair's tape with its `count` most recent trades from REST. */
	startWithHistory(pair: string, count: number): void {
		this.#backfiller?.startWithHistory(pair, count);
	}

	/** The pair's REST candles are asked for: its feed's candles wait for {@link candleHistory}. */
	awaitCandleHistory(pair: string): void {
		if (!this.#heldCandles.has(pair)) {
			this.#heldCandles.set(pair, []);
		}
	}

	/**
	 * The pair's candles from REST history (none when REST failed or was too slow): those older
	 * than any the feed sent (the feed's are newer, the one in progress above all) are passed on as
	 * a snapshot while their interval is still the one wanted, then the feed's candles held for them.
	 */
	candleHistory(pair: string, candles: readonly Candle[]): void {
		const wanted = candles.filter(
			(candle) =>
				candle.pair === pair &&
				this.#ledger.get('ohlc', pair)?.params.interval === candle.interval &&
				candle.start < (this.#feedCandleStarts.get(pair) ?? Number.POSITIVE_INFINITY),
		);
		if (wanted.length > 0) {
			this.#passBooksOn();
			this.#events.emit('candles', wanted, true);
		}

		const held = this.#heldCandles.get(pair) ?? [];
		this.#heldCandles.delete(pair);
		for (const {candles: feedCandles, isSnapshot} of held) {
			this.#passCandlesOn(feedCandles, isSnapshot);
		}
	}

	/** The candles' interval changed: the feed's new candles say again where REST's stop. */
	intervalChanged(): void {
		this.#feedCandleStarts.clear();
	}

	close(): void {
		this.#backfiller?.close();
	}

	/**
	 * A verified book is passed on once a turn, as it stands after the turn's last message: a
	 * socket read brings many messages of a busy book, and every listener (the screen, --json's
	 * book line) wants only the latest. A book that fails later in the turn is not passed on.
	 * Anything else passed on first takes the books with it, so what came before it goes before
	 * it (an alert that ends --json comes after the book that preceded its trade).
	 */
	#bookVerified(pair: string, stamp: BookStamp): void {
		if (this.#pendingBooks.size === 0) {
			setImmediate(this.#passBooksOn);
		}

		this.#pendingBooks.set(pair, stamp);
	}

	readonly #passBooksOn = () => {
		if (this.#pendingBooks.size === 0) {
			return;
		}

		for (const [pair, stamp] of this.#pendingBooks) {
			const top = this.books.top(pair, stamp);
			if (top) {
				this.#events.emit('book', top);
			}
		}

		this.#pendingBooks.clear();
	};

	accept(message: MarketMessage, receivedAt: number): void {
		switch (message.kind) {
			case 'trades': {
				this.#acceptTrades(message);
				break;
			}

			case 'ticker': {
				if (this.#ledger.get('ticker', message.ticker.pair)) {
					this.#passBooksOn();
					this.#events.emit('ticker', {time: receivedAt, ...message.ticker});
				}

				break;
			}

			case 'candles': {
				// Those of an interval just left say nothing of where REST's stop.
				const wanted = message.candles.filter(
					(candle) => this.#ledger.get('ohlc', candle.pair)?.params.interval === candle.interval,
				);
				const passed: Candle[] = [];
				// Made only while some pair's candles wait for REST's: a candle frame comes with every
				// trade frame.
				let heldNow: Map<string, Candle[]> | undefined;
				for (const candle of wanted) {
					const start = this.#feedCandleStarts.get(candle.pair) ?? Number.POSITIVE_INFINITY;
					this.#feedCandleStarts.set(candle.pair, Math.min(start, candle.start));
					if (this.#heldCandles.has(candle.pair)) {
						heldNow ??= new Map();
						const list = heldNow.get(candle.pair) ?? [];
						list.push(candle);
						heldNow.set(candle.pair, list);
					} else {
						passed.push(candle);
					}
				}

				for (const [pair, candles] of heldNow ?? []) {
					this.#heldCandles.get(pair)?.push({candles, isSnapshot: message.isSnapshot});
				}

				this.#passCandlesOn(passed, message.isSnapshot);
				break;
			}

			case 'book': {
				for (const book of message.messages) {
					this.books.accept(book, receivedAt);
				}

				break;
			}
		}
	}

	/** The feed's candles, those of the interval still wanted. */
	#passCandlesOn(candles: readonly Candle[], isSnapshot: boolean): void {
		const wanted = candles.filter(
			(candle) => this.#ledger.get('ohlc', candle.pair)?.params.interval === candle.interval,
		);
		if (wanted.length > 0) {
			this.#passBooksOn();
			this.#events.emit('candles', wanted, isSnapshot);
		}
	}

	#acceptTrades({trades, isSnapshot}: Extract<MarketMessage, {kind: 'trades'}>): void {
		const result = this.#intake.accept(trades, isSnapshot, (pair) =>
			this.#ledger.get('trade', pair),
		);
		this.counts.duplicates += result.duplicates;
		for (const renumbering of result.renumbered) {
			this.#backfiller?.renumbered(renumbering.pair);
			this.#events.emit('renumbered', renumbering);
		}

		if (this.#backfiller) {
			// Its own holes are the gaps REST could not fill.
			this.#backfiller.accept(result.fresh, result.origin);
			return;
		}

		for (const gap of result.gaps) {
			this.#gap(gap);
		}

		if (result.fresh.length > 0) {
			this.#passBooksOn();
			this.#events.emit('trades', result.fresh, result.origin);
		}
	}

	#gap(gap: TradeGap): void {
		this.counts.missing += gap.missing;
		this.#events.emit('gap', gap);
	}

	#backfillerOf(
		options: Readonly<{rest: RestClient; api: ApiVersion; clock: Clock; limits: HoldLimits}>,
	): Backfiller {
		const events = this.#events;
		return new Backfiller(options, {
			deliver: ({trades, origin}) => {
				if (trades.length > 0) {
					this.#passBooksOn();
					events.emit('trades', trades, origin);
				}
			},
			filling: (pair) => events.emit('backfill', {pair, kind: 'filling'}),
			filled: (pair, count) => {
				this.counts.backfilled += count;
				events.emit('backfill', {pair, kind: 'filled', count});
			},
			hole: (gap) => this.#gap(gap),
			restFailed: (pair, reason) => events.emit('backfill', {pair, kind: 'failed', reason}),
		});
	}
}
