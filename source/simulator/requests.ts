import {
	applyChanges,
	type Subscription,
	type SubscriptionChange,
	type Subscriptions,
} from './subscriptions.js';

/** A request's fields, not yet checked. */
export type Fields = Readonly<Record<string, unknown>>;

/** A JSON object, which every request must be (an array is not one). */
export function isFields(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What goes back to the client, in order: a frame already written, or a snapshot of a new
 * subscription, which the session reads from its source when it gets there (v2 sends the ack
 * first, then the snapshot, one symbol after another).
 */
export type Reply =
	| Readonly<{kind: 'frame'; text: string}>
	| Readonly<{kind: 'snapshot'; subscription: Subscription}>;

/** A request's whole effect: the replies to send and the subscription changes to apply first. */
export type RequestResult = Readonly<{
	replies: readonly Reply[];
	changes: readonly SubscriptionChange[];
}>;

/**
 * Collects a handler's replies and changes. `subscriptions` follows the changes made so far, so
 * a pair named twice in one request is 'Already subscribed' the second time, as on Kraken.
 */
export class ResultBuilder {
	#subscriptions: Subscriptions;
	readonly #replies: Reply[] = [];
	readonly #changes: SubscriptionChange[] = [];

	constructor(subscriptions: Subscriptions) {
		this.#subscriptions = subscriptions;
	}

	get subscriptions(): Subscriptions {
		return this.#subscriptions;
	}

	send(text: string): void {
		this.#replies.push({kind: 'frame', text});
	}

	sendSnapshot(subscription: Subscription): void {
		this.#replies.push({kind: 'snapshot', subscription});
	}

	change(change: SubscriptionChange): void {
		this.#changes.push(change);
		this.#subscriptions = applyChanges(this.#subscriptions, [change]);
	}

	result(): RequestResult {
		return {replies: this.#replies, changes: this.#changes};
	}
}

/** A result of one frame and no changes, for the requests refused outright. */
export function onlyReply(text: string): RequestResult {
	return {replies: [{kind: 'frame', text}], changes: []};
}
