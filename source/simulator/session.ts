import type WebSocket from 'ws';
import {simulatedVersionMark} from '../kraken/client-events.js';
import type {ApiVersion} from '../model/types.js';
import type {Market, MarketMove} from './channel.js';
import {channelNamed, channelsInOrder} from './channels.js';
import type {ListedPair} from './pair-catalog.js';
import type {RequestResult} from './requests.js';
import {handleRequestV1} from './requests-v1.js';
import {handleRequestV2} from './requests-v2.js';
import {
	applyChanges,
	findSubscription,
	noSubscriptions,
	type Subscriptions,
} from './subscriptions.js';
import type {TradeSource} from './trade-source.js';
import {heartbeatV1, rateLimitV1, systemStatusV1} from './wire-v1.js';
import {heartbeatV2, statusV2} from './wire-v2.js';

/** Kraken's own version numbers, marked so clients can tell the data is simulated. */
export const simulatorVersions = {
	v1: `1.9.1-${simulatedVersionMark}`,
	v2: `2.0.10-${simulatedVersionMark}`,
} as const;

/** Kraken's message rate limit is undocumented; ~15 requests in a burst trip it (xchange-stream #502). */
const requestBurst = 15;
const requestsPerSecond = 5;

/**
 * One client connection to the simulated exchange: it owns the socket and the subscriptions,
 * rate-limits requests, and sends what the request handlers decide, then trades and heartbeats.
 */
export class ExchangeSession {
	readonly api: ApiVersion;
	readonly source: TradeSource;
	readonly #market: Market;
	#subscriptions: Subscriptions = noSubscriptions;
	readonly #socket: WebSocket;
	readonly #connectionId: string;
	readonly #heartbeat: NodeJS.Timeout;
	#lastSentAt = Date.now();
	#requestTokens = requestBurst;
	#tokensAt = Date.now();

	constructor(
		socket: WebSocket,
		api: ApiVersion,
		exchange: Readonly<{source: TradeSource; market: Market}>,
		connectionId: string,
		status: string,
	) {
		this.api = api;
		this.source = exchange.source;
		this.#market = exchange.market;
		this.#socket = socket;
		this.#connectionId = connectionId;
		this.sendStatus(status);
		// Heartbeats go out about once a second when the connection is otherwise quiet, and
		// only once a subscription exists (docs: v1 heartbeat, v2 heartbeat).
		this.#heartbeat = setInterval(() => {
			if (this.#subscriptions.size > 0 && Date.now() - this.#lastSentAt >= 1000) {
				this.send(api === 'v1' ? heartbeatV1 : heartbeatV2);
			}
		}, 250);
		socket.on('message', (data, isBinary) => this.#handleMessage(data as Buffer, isBinary));
		socket.on('close', () => clearInterval(this.#heartbeat));
	}

	send(text: string): void {
		if (this.#socket.readyState === this.#socket.OPEN) {
			this.#lastSentAt = Date.now();
			this.#socket.send(text);
		}
	}

	sendStatus(status: string): void {
		this.send(
			this.api === 'v1'
				? systemStatusV1(this.#connectionId, status, simulatorVersions.v1)
				: statusV2(this.#connectionId, status, simulatorVersions.v2),
		);
	}

	/** What a move of a pair changes, for every channel of the pair subscribed: trades first. */
	sendUpdates(pair: ListedPair, move: MarketMove): void {
		if (move.trades.length === 0 && !move.book) {
			return;
		}

		for (const channel of channelsInOrder) {
			const subscription = findSubscription(this.#subscriptions, channel.name, pair);
			if (subscription) {
				for (const frame of channel.update(this.api, this.#market, subscription, move)) {
					this.send(frame);
				}
			}
		}
	}

	#handleMessage(data: Buffer, isBinary: boolean): void {
		if (!this.#takeRequestToken()) {
			this.send(rateLimitV1);
			return;
		}

		const text = isBinary ? '' : data.toString('utf8');
		let request: unknown;
		try {
			request = JSON.parse(text);
		} catch {
			request = undefined;
		}

		const pairs = this.source.pairs;
		this.#apply(
			this.api === 'v1'
				? handleRequestV1(request, this.#subscriptions, pairs)
				: handleRequestV2(request, this.#subscriptions, pairs),
		);
		// Trading starts with the first subscription, once its acks are out: a replay then plays
		// from its first frame to a client that is ready for it.
		if (this.#subscriptions.size > 0) {
			this.source.start();
		}
	}

	/** Takes on a request's changes, then sends its replies in order, reading snapshots as it goes. */
	#apply({changes, replies}: RequestResult): void {
		this.#subscriptions = applyChanges(this.#subscriptions, changes);
		for (const reply of replies) {
			if (reply.kind === 'frame') {
				this.send(reply.text);
				continue;
			}

			const {subscription} = reply;
			const channel = channelNamed(subscription.channel);
			for (const frame of channel?.snapshot(this.api, this.#market, subscription) ?? []) {
				this.send(frame);
			}
		}
	}

	#takeRequestToken(): boolean {
		const now = Date.now();
		this.#requestTokens = Math.min(
			requestBurst,
			this.#requestTokens + ((now - this.#tokensAt) / 1000) * requestsPerSecond,
		);
		this.#tokensAt = now;
		if (this.#requestTokens < 1) {
			return false;
		}

		this.#requestTokens--;
		return true;
	}
}
