import type {BookDepth, CandleInterval, Channel, ChannelParams} from '../model/types.js';
import type {SubscriptionChange} from './client-events.js';
import type {Codec, FeedMessage, SubscriptionRequest} from './feed-message.js';
import {requestsOf, SentRequests} from './sent-requests.js';
import {SubscriptionLedger, type Subscription} from './subscription-ledger.js';

/** What every pair is subscribed to, and with what. */
export type SubscriberSettings = Readonly<{
	channels: readonly Channel[];
	interval: CandleInterval;
	depth: BookDepth;
	/** Whether v2 trade subscriptions ask for the last 50 trades. */
	tradeSnapshot: boolean;
}>;

export type SubscriberHooks = Readonly<{
	/** Sends on the current connection, if there is one. */
	send(text: string): void;
	changed(change: SubscriptionChange): void;
}>;

/** What a refusal turned out to be once matched to a subscription. */
export type Refusal =
	| Readonly<{kind: 'refused'}>
	/** "Already subscribed": as good as an ack. */
	| Readonly<{kind: 'already'; channel: Channel; pair: string}>
	/** For a subscription no longer wanted: its words went with it. */
	| Readonly<{kind: 'ignored'}>
	/** Not about any one subscription: the caller says it as the server's word. */
	| Readonly<{kind: 'unmatched'}>;

type Refused = Extract<FeedMessage, {kind: 'subscription-error'}>;

/**
 * Turns what is wanted into requests and the exchange's answers into states: the ledger, the
 * request ids, and the subscription events, for every channel alike.
 */
export class Subscriber {
	readonly ledger = new SubscriptionLedger();
	readonly #codec: Codec;
	readonly #hooks: SubscriberHooks;
	readonly #channels: readonly Channel[];
	#interval: CandleInterval;
	readonly #depth: BookDepth;
	readonly #tradeSnapshot: boolean;
	/** Subscriptions being renewed (a book that failed its check): wanted again once ended. */
	readonly #renewing = new Set<string>();
	readonly #sent = new SentRequests();

	constructor(codec: Codec, settings: SubscriberSettings, hooks: SubscriberHooks) {
		this.#codec = codec;
		this.#hooks = hooks;
		this.#channels = settings.channels;
		this.#interval = settings.interval;
		this.#depth = settings.depth;
		this.#tradeSnapshot = settings.tradeSnapshot;
	}

	/** The candles' length in minutes. */
	get interval(): CandleInterval {
		return this.#interval;
	}

	/** Wants `pairs` on every channel. */
	wantPairs(pairs: readonly string[]): void {
		for (const channel of this.#channels) {
			this.want(channel, pairs, this.#paramsOf(channel));
		}
	}

	/** Stops wanting `pairs` on every channel. */
	removePairs(pairs: readonly string[]): void {
		for (const channel of this.#channels) {
			this.remove(channel, pairs);
		}
	}

	/**
	 * Changes the candles' length: each pair's candles are unsubscribed at the old interval and
	 * wanted at the new. True when there is something new to send.
	 */
	changeInterval(interval: CandleInterval): boolean {
		if (interval === this.#interval) {
			return false;
		}

		this.#interval = interval;
		const pairs = this.ledger.all('ohlc').map((entry) => entry.pair);
		this.remove('ohlc', pairs);
		this.want('ohlc', pairs, this.#paramsOf('ohlc'));
		return pairs.length > 0;
	}

	/**
	 * Renews one pair's subscription to one channel: unsubscribed there, then subscribed again
	 * once the exchange has answered, for a fresh snapshot (how a book that failed its checksum is
	 * rebuilt; Kraken has no request to resend one). Other pairs and channels are untouched.
	 */
	renew(channel: Channel, pair: string): void {
		const entry = this.ledger.get(channel, pair);
		if (entry?.state !== 'subscribed') {
			return;
		}

		this.#renewing.add(`${channel} ${pair}`);
		this.#send('unsubscribe', {channel, pairs: [pair], params: entry.params});
	}

	/** The next request id, for a request of the client's own (a ping). */
	nextRequestId(): number {
		return this.#sent.nextId();
	}

	/** Wants `pairs` on `channel`; each newly wanted one is reported pending. */
	want(channel: Channel, pairs: readonly string[], params: ChannelParams): void {
		for (const pair of pairs) {
			if (this.ledger.want(channel, pair, params)) {
				this.#report(this.ledger.get(channel, pair));
			}
		}
	}

	/**
	 * Stops wanting `pairs`. Only what the exchange acknowledged is unsubscribed there, with the
	 * parameters it was subscribed with (candles by their interval): a refused pair has nothing to
	 * end, and a pending one is ended when its ack comes (see acknowledge). Returns the pairs
	 * removed.
	 */
	remove(channel: Channel, pairs: readonly string[]): string[] {
		const removed: string[] = [];
		const acknowledged: Subscription[] = [];
		for (const pair of pairs) {
			const entry = this.ledger.remove(channel, pair);
			if (entry) {
				removed.push(pair);
				if (entry.state === 'subscribed') {
					acknowledged.push(entry);
				}

				this.#hooks.changed({channel, pair, state: 'unsubscribed'});
			}
		}

		for (const request of requestsOf(acknowledged)) {
			this.#send('unsubscribe', request);
		}

		return removed;
	}

	/**
	 * The exchange says a subscription ended. Ours are answered so (and, when the same pair is
	 * wanted again, must not end the new one); any other was ended by the exchange.
	 */
	unsubscribed(channel: Channel, pair: string, reqId: number | undefined): void {
		if (!this.#answers(channel, pair, reqId)) {
			this.#report(this.ledger.end(channel, pair, 'unsubscribed by the exchange'));
		}
	}

	/** Sends everything pending: one message per channel with all its pairs. */
	sendPending(): void {
		for (const request of requestsOf(this.ledger.pending())) {
			this.#send('subscribe', request);
		}
	}

	/**
	 * An ack; false when it is for something no longer wanted (a pair removed, or candles of an
	 * interval left while their subscribe was on the way), which is then ended there too, by the
	 * interval the ack names.
	 */
	acknowledge(channel: Channel, pair: string, at: number, interval?: number): boolean {
		const wanted = this.ledger.get(channel, pair)?.params.interval;
		if (!this.ledger.get(channel, pair) || (interval !== undefined && interval !== wanted)) {
			const params = interval === undefined ? {} : {interval: interval as CandleInterval};
			this.#send('unsubscribe', {channel, pairs: [pair], params});
			return false;
		}

		this.#report(this.ledger.acknowledge(channel, pair, at));
		return true;
	}

	/**
	 * Places a refusal: by its channel where the frame names one (v1), else by the request it
	 * answers (v2); by its pair where named, else by the pair its words end with.
	 */
	refuse(message: Refused): Refusal {
		const channel = message.channel ?? this.#sent.channelOf(message.reqId) ?? 'trade';
		const pair =
			message.pair ??
			this.ledger
				.all(channel)
				.map((entry) => entry.pair)
				.find((candidate) => message.message.endsWith(` ${candidate}`));
		if (pair === undefined) {
			return this.#refuseRequest(channel, message);
		}

		// A refused unsubscribe of ours ("Subscription Not Found") leaves nothing to do.
		if (!this.ledger.get(channel, pair) || this.#answers(channel, pair, message.reqId)) {
			return {kind: 'ignored'};
		}

		if (message.message === 'Already subscribed') {
			return {kind: 'already', channel, pair};
		}

		this.#report(this.ledger.refuse(channel, pair, message.message));
		return {kind: 'refused'};
	}

	/** The connection is gone: what was acknowledged on it is pending for the next. */
	connectionLost(): void {
		this.#renewing.clear();
		for (const entry of this.ledger.connectionLost()) {
			this.#report(entry);
		}
	}

	/**
	 * A refusal that names no pair, in words that name none either: v2's "Subscription depth not
	 * supported" (docs/kraken-protocol.md, 9.1) names only the request. Every pair that request
	 * asked for and is still waiting on is refused with it; unmatched when there are none.
	 */
	#refuseRequest(channel: Channel, message: Refused): Refusal {
		const waiting = this.#sent
			.pairsOf(message.reqId)
			.filter((pair) => this.ledger.get(channel, pair)?.state === 'pending');
		for (const pair of waiting) {
			this.#report(this.ledger.refuse(channel, pair, message.message));
		}

		return waiting.length > 0 ? {kind: 'refused'} : {kind: 'unmatched'};
	}

	/**
	 * Whether an answer about (channel, pair) is to one of our unsubscribes, which it then ends.
	 * An unsubscribe that renews a subscription is followed by its subscribe, whatever the answer
	 * (an unsubscribe refused as "Subscription Not Found" left nothing to end).
	 */
	#answers(channel: Channel, pair: string, reqId: number | undefined): boolean {
		if (!this.#sent.answersUnsubscribe(channel, pair, reqId)) {
			return false;
		}

		if (this.#renewing.delete(`${channel} ${pair}`)) {
			this.#report(this.ledger.reopen(channel, pair));
			this.sendPending();
		}

		return true;
	}

	/** The snapshot is asked for explicitly: its default is not the same on every channel. */
	#paramsOf(channel: Channel): ChannelParams {
		const snapshot = channel !== 'trade' || this.#tradeSnapshot;
		switch (channel) {
			case 'ohlc': {
				return {interval: this.#interval, snapshot};
			}

			case 'book': {
				return {depth: this.#depth, snapshot};
			}

			default: {
				return {snapshot};
			}
		}
	}

	#send(method: 'subscribe' | 'unsubscribe', request: SubscriptionRequest): void {
		const reqId = this.#sent.nextId();
		this.#sent.sent(method, request, reqId);
		this.#hooks.send(
			method === 'subscribe'
				? this.#codec.encodeSubscribe(request, reqId)
				: this.#codec.encodeUnsubscribe(request, reqId),
		);
	}

	#report(entry: Subscription | undefined): void {
		if (entry) {
			const {channel, pair, state, message} = entry;
			this.#hooks.changed(
				message === undefined ? {channel, pair, state} : {channel, pair, state, message},
			);
		}
	}
}
