import type {Channel, ChannelParams} from '../model/types.js';
import type {SubscriptionChange} from './client-events.js';
import type {Codec, FeedMessage, SubscriptionRequest} from './feed-message.js';
import {SubscriptionLedger, type Subscription} from './subscription-ledger.js';

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
	#nextRequestId = 1;

	constructor(codec: Codec, hooks: SubscriberHooks) {
		this.#codec = codec;
		this.#hooks = hooks;
	}

	/** Kraken wants a positive integer, reportedly int32. */
	nextRequestId(): number {
		const id = this.#nextRequestId;
		this.#nextRequestId = id >= 2_147_483_647 ? 1 : id + 1;
		return id;
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
	 * Stops wanting `pairs`. Only what the exchange acknowledged is unsubscribed there: a refused
	 * pair has nothing to end, and a pending one is ended when its ack comes (see acknowledge).
	 * Returns the pairs removed.
	 */
	remove(channel: Channel, pairs: readonly string[]): string[] {
		const removed: string[] = [];
		const acknowledged: string[] = [];
		for (const pair of pairs) {
			const entry = this.ledger.remove(channel, pair);
			if (entry) {
				removed.push(pair);
				if (entry.state === 'subscribed') {
					acknowledged.push(pair);
				}

				this.#hooks.changed({channel, pair, state: 'unsubscribed'});
			}
		}

		if (acknowledged.length > 0) {
			this.#send('unsubscribe', {channel, pairs: acknowledged, params: {}});
		}

		return removed;
	}

	/** Sends everything pending: one message per channel with all its pairs. */
	sendPending(): void {
		for (const request of this.ledger.pendingRequests()) {
			this.#send('subscribe', request);
		}
	}

	/** An ack; false when it is for something no longer wanted, which is then ended there too. */
	acknowledge(channel: Channel, pair: string, at: number): boolean {
		if (!this.ledger.get(channel, pair)) {
			this.#send('unsubscribe', {channel, pairs: [pair], params: {}});
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
		const channel = message.channel ?? this.ledger.channelOfRequest(message.reqId) ?? 'trade';
		const pair =
			message.pair ??
			this.ledger
				.all(channel)
				.map((entry) => entry.pair)
				.find((candidate) => message.message.endsWith(` ${candidate}`));
		if (pair === undefined) {
			return {kind: 'unmatched'};
		}

		if (!this.ledger.get(channel, pair)) {
			return {kind: 'ignored'};
		}

		if (message.message === 'Already subscribed') {
			return {kind: 'already', channel, pair};
		}

		this.#report(this.ledger.refuse(channel, pair, message.message));
		return {kind: 'refused'};
	}

	/** The exchange ended a subscription of its own accord. */
	end(channel: Channel, pair: string): void {
		this.#report(this.ledger.end(channel, pair, 'unsubscribed by the exchange'));
	}

	/** The connection is gone: what was acknowledged on it is pending for the next. */
	connectionLost(): void {
		for (const entry of this.ledger.connectionLost()) {
			this.#report(entry);
		}
	}

	#send(method: 'subscribe' | 'unsubscribe', request: SubscriptionRequest): void {
		const reqId = this.nextRequestId();
		this.ledger.noteRequest(reqId, request.channel);
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
