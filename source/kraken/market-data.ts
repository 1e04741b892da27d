import type {EventEmitter} from 'node:events';
import {BookKeeper, type BookStamp} from './book/book-keeper.js';
import type {ClientEvents} from './client-events.js';
import type {FeedMessage} from './feed-message.js';
import type {SubscriptionLedger} from './subscription-ledger.js';
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
	readonly counts = {duplicates: 0, missing: 0, bookFailures: 0, bookResyncs: 0};
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
	) {
		this.#ledger = ledger;
		this.#events = events;
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
	}

	forget(pair: string): void {
		this.#intake.forget(pair);
		this.books.forget(pair);
		this.#pendingBooks.delete(pair);
	}

	/**
	 * A verified book is passed on once a turn, as it stands after the turn's last message: a
	 * socket read brings many messages of a busy book, and every listener (the screen, --json's
	 * book line) wants only the latest. A book that fails later in the turn is not passed on.
	 */
	#bookVerified(pair: string, stamp: BookStamp): void {
		if (this.#pendingBooks.size === 0) {
			setImmediate(this.#passBooksOn);
		}

		this.#pendingBooks.set(pair, stamp);
	}

	readonly #passBooksOn = () => {
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
					this.#events.emit('ticker', {time: receivedAt, ...message.ticker});
				}

				break;
			}

			case 'candles': {
				const wanted = message.candles.filter(
					(candle) => this.#ledger.get('ohlc', candle.pair)?.params.interval === candle.interval,
				);
				if (wanted.length > 0) {
					this.#events.emit('candles', wanted, message.isSnapshot);
				}

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

	#acceptTrades({trades, isSnapshot}: Extract<MarketMessage, {kind: 'trades'}>): void {
		const result = this.#intake.accept(trades, isSnapshot, (pair) =>
			this.#ledger.get('trade', pair),
		);
		this.counts.duplicates += result.duplicates;
		for (const renumbering of result.renumbered) {
			this.#events.emit('renumbered', renumbering);
		}

		for (const gap of result.gaps) {
			this.counts.missing += gap.missing;
			this.#events.emit('gap', gap);
		}

		if (result.fresh.length > 0) {
			this.#events.emit('trades', result.fresh, result.origin);
		}
	}
}
