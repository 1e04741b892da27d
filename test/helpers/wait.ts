import {vi} from 'vitest';
import WebSocket from 'ws';
import type {StatusChange, SubscriptionChange} from '../../source/kraken/client-events.js';
import {KrakenClient, type ClientOptions} from '../../source/kraken/client.js';
import type {TradeGap, TradeRenumbering} from '../../source/model/trade-deduplicator.js';
import type {ApiVersion, ConnectionState, Trade} from '../../source/model/types.js';

/** Both API versions, each with two pairs named as that API names them, for describe.each. */
export const twoPairsOnEachApi: ReadonlyArray<
	Readonly<{api: ApiVersion; pairs: readonly string[]}>
> = [
	{api: 'v1', pairs: ['XBT/USD', 'ETH/USD']},
	{api: 'v2', pairs: ['BTC/USD', 'ETH/USD']},
];

/** Polls `check` until it stops throwing; vi.waitFor with a timeout suited to real sockets. */
export async function eventually<T>(check: () => T, timeoutMs = 10_000): Promise<T> {
	return vi.waitFor(check, {timeout: timeoutMs, interval: 10});
}

/** A short pause, only for proving that something does NOT happen. */
export async function pause(milliseconds: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Everything a client emitted, in arrays a test can poll. */
export type ClientLog = {
	trades: Trade[];
	states: ConnectionState[];
	statuses: StatusChange[];
	subscriptions: SubscriptionChange[];
	unrecognised: Array<{reason: string; count: number}>;
	notices: string[];
	gaps: TradeGap[];
	renumberings: TradeRenumbering[];
	/** When each state was entered, parallel to `states`. */
	stateTimes: number[];
};

export function recordEvents(client: KrakenClient): ClientLog {
	const log: ClientLog = {
		trades: [],
		states: [],
		statuses: [],
		subscriptions: [],
		unrecognised: [],
		notices: [],
		gaps: [],
		renumberings: [],
		stateTimes: [],
	};
	client.on('trades', (trades) => log.trades.push(...trades));
	client.on('state', (state) => {
		log.states.push(state);
		log.stateTimes.push(Date.now());
	});
	client.on('status', (status) => log.statuses.push(status));
	client.on('subscription', (change) => log.subscriptions.push(change));
	client.on('unrecognised', (reason, count) => log.unrecognised.push({reason, count}));
	client.on('notice', (message) => log.notices.push(message));
	client.on('gap', (gap) => log.gaps.push(gap));
	client.on('renumbered', (renumbering) => log.renumberings.push(renumbering));
	return log;
}

export type ReconnectingState = Extract<ConnectionState, {kind: 'reconnecting'}>;

export function reconnectingStates(log: ClientLog): ReconnectingState[] {
	return log.states.filter((state): state is ReconnectingState => state.kind === 'reconnecting');
}

export function stateKinds(log: ClientLog): Array<ConnectionState['kind']> {
	return log.states.map((state) => state.kind);
}

/** Things to close after each test, closed in reverse order of opening. */
export type Cleanup = Readonly<{
	add(close: () => unknown): void;
	run(): Promise<void>;
}>;

export function createCleanup(): Cleanup {
	const closers: Array<() => unknown> = [];
	return {
		add(close) {
			closers.push(close);
		},
		async run() {
			const pending = closers.splice(0).reverse();
			for (const close of pending) {
				await close();
			}
		},
	};
}

/** Timings small enough that reconnects and watchdogs play out in well under a second. */
export const fastOptions = {
	statusWaitMs: 5000,
	idleTimeoutMs: 10_000,
	pingIntervalMs: 30_000,
	pongTimeoutMs: 10_000,
	backoff: {quickBaseMs: 20, slowFloorMs: 200, rateLimitedFloorMs: 300, capMs: 1000},
} satisfies Partial<ClientOptions>;

/** A started client with fast timings, its event log, and a stop registered for cleanup. */
export function startClient(
	cleanup: Cleanup,
	options: Pick<ClientOptions, 'url' | 'api' | 'pairs'> & Partial<ClientOptions>,
): {client: KrakenClient; log: ClientLog} {
	const client = new KrakenClient({...fastOptions, ...options});
	const log = recordEvents(client);
	cleanup.add(() => client.stop());
	client.start();
	return {client, log};
}

/** A plain ws client that keeps every text frame it receives. */
export type RawClient = Readonly<{
	socket: WebSocket;
	texts: string[];
	/** When each text frame arrived, parallel to `texts`. */
	times: number[];
	json(): unknown[];
	send(value: unknown): void;
	/** Waits for a frame matching `predicate` among those received at or after `from`. */
	waitFor(predicate: (text: string) => boolean, from?: number, timeoutMs?: number): Promise<string>;
}>;

export async function connectRaw(url: string, cleanup: Cleanup): Promise<RawClient> {
	const socket = new WebSocket(url, {perMessageDeflate: false});
	const texts: string[] = [];
	const times: number[] = [];
	socket.on('message', (data, isBinary) => {
		if (!isBinary) {
			texts.push((data as Buffer).toString('utf8'));
			times.push(Date.now());
		}
	});
	cleanup.add(() => socket.terminate());
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
	return {
		socket,
		texts,
		times,
		json: () => texts.map((text) => JSON.parse(text) as unknown),
		send(value) {
			socket.send(typeof value === 'string' ? value : JSON.stringify(value));
		},
		async waitFor(predicate, from = 0, timeoutMs = 10_000) {
			return eventually(() => {
				const found = texts.slice(from).find((text) => predicate(text));
				if (found === undefined) {
					throw new Error('no matching frame yet');
				}

				return found;
			}, timeoutMs);
		},
	};
}
