import type {Channel, ChannelParams} from '../model/types.js';
import type {SubscriptionRequest} from './feed-message.js';
import type {Subscription} from './subscription-ledger.js';

/**
 * The order channels are asked for in: the small state first (a ticker is a message a pair, a
 * candle snapshot a dozen rows), then v2's trade snapshot of fifty trades a pair, then the book
 * (a snapshot of up to a thousand levels a side), so a reader of the stream sees every kind of
 * line early.
 */
const channelOrder: Readonly<Record<Channel, number>> = {ticker: 0, ohlc: 1, trade: 2, book: 3};

/**
 * Subscriptions as requests: one per channel and set of parameters, with all their pairs, in
 * channel order.
 */
export function requestsOf(entries: readonly Subscription[]): SubscriptionRequest[] {
	const requests = new Map<string, {channel: Channel; params: ChannelParams; pairs: string[]}>();
	for (const {channel, params, pair} of entries) {
		const key = `${channel} ${JSON.stringify(params)}`;
		const request = requests.get(key) ?? {channel, params, pairs: []};
		request.pairs.push(pair);
		requests.set(key, request);
	}

	return [...requests.values()].toSorted(
		(one, other) => channelOrder[one.channel] - channelOrder[other.channel],
	);
}

/** Requests remembered for their answers; answers that never come are forgotten after this many. */
const remembered = 500;

const keyOf = (channel: Channel, pair: string) => `${channel} ${pair}`;

/** Adds to a map in order of insertion, forgetting the oldest past `remembered`. */
function remember<Value>(map: Map<number, Value>, id: number, value: Value): void {
	map.set(id, value);
	if (map.size > remembered) {
		const [oldest] = map.keys();
		map.delete(oldest!);
	}
}

/**
 * The requests sent, by id, for placing the exchange's answers: an error that names only its
 * request (v2 names neither channel nor, for a refused depth, pair), and the answers to our own
 * unsubscribes, which must not be taken for the exchange ending a subscription.
 */
export class SentRequests {
	readonly #channels = new Map<number, Channel>();
	readonly #subscribes = new Map<number, readonly string[]>();
	readonly #unsubscribes = new Map<number, Set<string>>();
	#nextId = 1;

	/** The next request id. Kraken wants a positive integer, reportedly int32. */
	nextId(): number {
		const id = this.#nextId;
		this.#nextId = id >= 2_147_483_647 ? 1 : id + 1;
		return id;
	}

	sent(method: 'subscribe' | 'unsubscribe', request: SubscriptionRequest, id: number): void {
		remember(this.#channels, id, request.channel);
		if (method === 'subscribe') {
			remember(this.#subscribes, id, request.pairs);
		} else {
			remember(
				this.#unsubscribes,
				id,
				new Set(request.pairs.map((pair) => keyOf(request.channel, pair))),
			);
		}
	}

	channelOf(id: number | undefined): Channel | undefined {
		return id === undefined ? undefined : this.#channels.get(id);
	}

	/** The pairs a subscribe asked for. */
	pairsOf(id: number | undefined): readonly string[] {
		return id === undefined ? [] : (this.#subscribes.get(id) ?? []);
	}

	/**
	 * Whether an answer about (channel, pair) answers one of our unsubscribes (by its id where
	 * the answer has one), which is then answered.
	 */
	answersUnsubscribe(channel: Channel, pair: string, id: number | undefined): boolean {
		const key = keyOf(channel, pair);
		for (const [sentId, keys] of this.#unsubscribes) {
			if ((id === undefined || id === sentId) && keys.delete(key)) {
				if (keys.size === 0) {
					this.#unsubscribes.delete(sentId);
				}

				return true;
			}
		}

		return false;
	}
}
