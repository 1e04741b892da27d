import type {Channel} from '../model/types.js';
import {bookRenewalDelay, type BackoffPolicy} from './backoff.js';
import type {Timings} from './client-options.js';
import type {Connection} from './connection.js';
import type {ConnectionKeeper} from './connection-keeper.js';
import type {FeedMessage} from './feed-message.js';
import type {MarketData} from './market-data.js';
import type {RestHistory} from './rest-history.js';
import type {Subscriber} from './subscriber.js';

type Refused = Extract<FeedMessage, {kind: 'subscription-error'}>;
type RateLimited = Extract<FeedMessage, {kind: 'rate-limited'}>;

export type SubscriptionFlowParts = Readonly<{
	keeper: ConnectionKeeper;
	subscriber: Subscriber;
	market: MarketData;
	history: RestHistory | undefined;
	timings: Timings;
	backoff: BackoffPolicy;
	/** Says the exchange's words that are no one subscription's (the client names the exchange). */
	notice(text: string): void;
}>;

/**
 * What the exchange's answers to subscriptions do to a connection: the subscribe goes out once
 * per connection, acks make it subscribed (and start its watchdog at the first), refusals and
 * removals may leave it idle, a rate limit sends the pending pairs again later, and a book that
 * failed is renewed, spaced out as the backoff policy says. The subscriber keeps the ledger; this
 * keeps the connection's state in step with it.
 */
export class SubscriptionFlow {
	readonly #parts: SubscriptionFlowParts;
	/** A connection has been subscribed before: trades after the next ack may repeat ones seen. */
	#hasConnectedBefore = false;

	constructor(parts: SubscriptionFlowParts) {
		this.#parts = parts;
	}

	/** Sends everything wanted, the first time it is called for this connection. */
	subscribe(connection: Connection): void {
		if (!connection.hasSentSubscribe) {
			connection.hasSentSubscribe = true;
			this.#parts.subscriber.sendPending();
			this.settleIdle();
		}
	}

	/** Sends what was wanted since, once the connection's subscribe has gone out. */
	sendPendingIfSubscribing(): void {
		if (this.#parts.keeper.connection?.hasSentSubscribe) {
			this.#parts.subscriber.sendPending();
		}
	}

	subscribed(
		connection: Connection,
		channel: Channel,
		pair: string,
		at: number,
		interval?: number,
	): void {
		const {keeper, subscriber, market, history, timings} = this.#parts;
		if (this.#hasConnectedBefore && channel === 'trade') {
			market.resubscribed(pair);
		}

		// Removed while its subscribe was on the way: the subscriber ends it there too.
		if (!subscriber.acknowledge(channel, pair, at, interval)) {
			return;
		}

		history?.acknowledged(channel, pair, subscriber.interval);
		const depth = subscriber.ledger.get('book', pair)?.params.depth;
		if (channel === 'book' && depth !== undefined) {
			market.books.subscribed(pair, depth);
		}

		connection.lastActivityAt = at;
		if (keeper.state.kind !== 'subscribed') {
			keeper.setState({kind: 'subscribed'});
		}

		if (connection.subscribedAt === undefined) {
			connection.subscribedAt = at;
			this.#hasConnectedBefore = true;
			connection.watchForSilence(
				timings.idleTimeoutMs,
				() => keeper.state.kind === 'idle',
				(silentForMs) => keeper.setState({kind: 'stale', silentForMs}),
			);
		}
	}

	refused(connection: Connection, message: Refused, receivedAt: number): void {
		const refusal = this.#parts.subscriber.refuse(message);
		if (refusal.kind === 'unmatched') {
			this.#parts.notice(message.message);
		} else if (refusal.kind === 'already') {
			this.subscribed(connection, refusal.channel, refusal.pair, receivedAt);
		} else if (refusal.kind === 'refused') {
			this.settleIdle();
		}
	}

	/** The connection stays up; what is pending goes again after the policy's wait. */
	rateLimited(connection: Connection, message: RateLimited): void {
		const retryMs = this.#parts.backoff.rateLimitRetryMs;
		this.#parts.notice(`${message.message}; retrying pending pairs in ${retryMs / 1000} s`);
		connection.after(retryMs, () => this.#parts.subscriber.sendPending());
	}

	/** Renews a pair's book after the wait its failures in a row call for (backoff.ts). */
	renewBook(pair: string, failingRun: number): void {
		const {keeper, subscriber, backoff} = this.#parts;
		const delayMs = bookRenewalDelay(failingRun, backoff);
		const {connection} = keeper;
		if (delayMs === 0 || !connection) {
			subscriber.renew('book', pair);
		} else {
			connection.after(delayMs, () => subscriber.renew('book', pair));
		}
	}

	/** An open connection with nothing subscribed or on the way is idle, not subscribing or stale. */
	settleIdle(): void {
		const {keeper, subscriber} = this.#parts;
		const {kind} = keeper.state;
		const isConnected = kind === 'open' || kind === 'subscribed';
		const hasSent = keeper.connection?.hasSentSubscribe === true;
		if (isConnected && hasSent && !subscriber.ledger.isWanting()) {
			keeper.setState({kind: 'idle'});
		}
	}
}
