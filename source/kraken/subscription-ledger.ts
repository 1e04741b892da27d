import type {Channel, ChannelParams, SubscriptionState} from '../model/types.js';

export type Subscription = Readonly<{
	channel: Channel;
	pair: string;
	params: ChannelParams;
	state: SubscriptionState;
	/** The exchange's words, when it refused. */
	message?: string;
	/** When the current connection acknowledged it. */
	acknowledgedAt?: number;
}>;

const keyOf = (channel: Channel, pair: string) => `${channel} ${pair}`;

/**
 * What is wanted, per channel and pair, and where each stands on the current connection: one
 * place that knows what to send, what was acknowledged, what was refused and what to send again
 * after a reconnect. Every channel uses it the same way; its parameters (the v2 trade snapshot,
 * the book's depth, the candles' interval) travel with it.
 */
export class SubscriptionLedger {
	/** In the order first wanted, which is the order they are sent in. */
	readonly #entries = new Map<string, Subscription>();
	/**
	 * The same entries by channel, then pair: `get` is asked for every trade of a firehose, and a
	 * key made of the two would be a string built per trade.
	 */
	readonly #byChannel = new Map<Channel, Map<string, Subscription>>();

	get(channel: Channel, pair: string): Subscription | undefined {
		return this.#byChannel.get(channel)?.get(pair);
	}

	all(channel?: Channel): Subscription[] {
		const entries = [...this.#entries.values()];
		return channel === undefined ? entries : entries.filter((entry) => entry.channel === channel);
	}

	/** Wants a subscription; true when it was not wanted or was refused before. */
	want(channel: Channel, pair: string, params: ChannelParams): boolean {
		const entry = this.get(channel, pair);
		if (entry && entry.state !== 'error') {
			return false;
		}

		this.#set({channel, pair, params, state: 'pending'});
		return true;
	}

	/** Stops wanting it; returns what it was, so the caller knows whether to unsubscribe there. */
	remove(channel: Channel, pair: string): Subscription | undefined {
		const key = keyOf(channel, pair);
		const entry = this.#entries.get(key);
		this.#entries.delete(key);
		this.#byChannel.get(channel)?.delete(pair);
		return entry;
	}

	acknowledge(channel: Channel, pair: string, at: number): Subscription | undefined {
		const entry = this.get(channel, pair);
		return (
			entry && this.#set({...entry, state: 'subscribed', message: undefined, acknowledgedAt: at})
		);
	}

	refuse(channel: Channel, pair: string, message: string): Subscription | undefined {
		const entry = this.get(channel, pair);
		return entry && this.#set({...entry, state: 'error', message, acknowledgedAt: undefined});
	}

	/** Ended by the exchange: still listed, no longer streaming. */
	end(channel: Channel, pair: string, message: string): Subscription | undefined {
		const entry = this.get(channel, pair);
		return (
			entry && this.#set({...entry, state: 'unsubscribed', message, acknowledgedAt: undefined})
		);
	}

	/** Wanted again on this connection, after its unsubscribe was answered (a book resync). */
	reopen(channel: Channel, pair: string): Subscription | undefined {
		const entry = this.get(channel, pair);
		return entry && this.#set({...entry, state: 'pending', acknowledgedAt: undefined});
	}

	/** The connection is gone: what was acknowledged on it is wanted again on the next. */
	connectionLost(): Subscription[] {
		const reopened: Subscription[] = [];
		for (const entry of this.#entries.values()) {
			if (entry.state === 'subscribed') {
				reopened.push(this.#set({...entry, state: 'pending', acknowledgedAt: undefined}));
			}
		}

		return reopened;
	}

	/** What is wanted and not yet sent on this connection. */
	pending(): Subscription[] {
		return [...this.#entries.values()].filter((entry) => entry.state === 'pending');
	}

	/** Whether anything is subscribed or on its way: without it, silence is expected. */
	isWanting(): boolean {
		return [...this.#entries.values()].some(
			(entry) => entry.state === 'subscribed' || entry.state === 'pending',
		);
	}

	#set(entry: Subscription): Subscription {
		this.#entries.set(keyOf(entry.channel, entry.pair), entry);
		let pairs = this.#byChannel.get(entry.channel);
		if (!pairs) {
			pairs = new Map();
			this.#byChannel.set(entry.channel, pairs);
		}

		pairs.set(entry.pair, entry);
		return entry;
	}
}
