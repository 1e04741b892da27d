import type {ListedPair} from './pair-catalog.js';

/**
 * A channel's parameters as a request set them: v2 `snapshot`, the book's `depth`, the candles'
 * `interval`.
 */
export type ChannelParameters = Readonly<Record<string, string | number | boolean>>;

/** One channel of one pair that a connection is subscribed to. */
export type Subscription = Readonly<{
	/** The channel's name on the wire: `trade`, `ticker`, `ohlc` or `book`. */
	channel: string;
	pair: ListedPair;
	parameters: ChannelParameters;
	/** v1's `channelID` for this channel and pair; v2 frames carry none. */
	channelId: number;
}>;

/** A connection's subscriptions, keyed by channel and pair; a value, replaced, never mutated. */
export type Subscriptions = ReadonlyMap<string, Subscription>;

/** What a request asks to change, for the session to apply once its replies are decided. */
export type SubscriptionChange =
	| Readonly<{kind: 'subscribe'; subscription: Subscription}>
	| Readonly<{kind: 'unsubscribe'; channel: string; pair: ListedPair}>;

export const noSubscriptions: Subscriptions = new Map();

function keyOf(channel: string, pair: ListedPair): string {
	return `${channel} ${pair.symbol}`;
}

export function findSubscription(
	subscriptions: Subscriptions,
	channel: string,
	pair: ListedPair,
): Subscription | undefined {
	return subscriptions.get(keyOf(channel, pair));
}

/** The subscriptions after `changes`, in order; `subscriptions` itself is left as it was. */
export function applyChanges(
	subscriptions: Subscriptions,
	changes: readonly SubscriptionChange[],
): Subscriptions {
	const next = new Map(subscriptions);
	for (const change of changes) {
		if (change.kind === 'subscribe') {
			const {channel, pair} = change.subscription;
			next.set(keyOf(channel, pair), change.subscription);
		} else {
			next.delete(keyOf(change.channel, change.pair));
		}
	}

	return next;
}
