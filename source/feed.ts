import {EventEmitter} from 'node:events';
import {KrakenClient} from './kraken/client.js';
import {openRecorder, type Recorder} from './kraken/recorder.js';
import type {AlertWatcher} from './model/alerts.js';
import {sanitize} from './model/sanitize.js';
import type {TapeStore} from './model/tape-store.js';
import type {AlertEvent, TapeCommands} from './model/types.js';
import {parsePair} from './kraken/pair-names.js';
import type {WatchOptions} from './options.js';
import type {ExchangeServer} from './simulator/exchange-server.js';

/** What the feed reports that is not the client's: a recording that stopped. */
export type FeedEvents = {notice: [message: string]};

/** A running feed: the client, where it connects, and the built-in exchange with --demo. */
export type Feed = Readonly<{
	client: KrakenClient;
	url: string;
	isDemo: boolean;
	events: EventEmitter<FeedEvents>;
	close(): Promise<void>;
}>;

/** A problem with the user's input found while starting, such as a --record path. */
export class StartupError extends Error {}

export async function openFeed(options: WatchOptions): Promise<Feed> {
	let server: ExchangeServer | undefined;
	let url = options.url ?? '';
	if (options.isDemo) {
		// Loaded only for --demo, to keep it out of every other start.
		const {startExchangeServer} = await import('./simulator/exchange-server.js');
		const {createSimulatedMarket} = await import('./simulator/simulated-market.js');
		server = await startExchangeServer({source: createSimulatedMarket()});
		url = `${server.url}${options.api === 'v1' ? '/' : '/v2'}`;
	}

	const events = new EventEmitter<FeedEvents>();
	let recorder: Recorder | undefined;
	if (options.recordFile !== undefined) {
		try {
			recorder = openRecorder(options.recordFile, url, (message) => events.emit('notice', message));
		} catch (error) {
			await server?.close();
			const code = (error as NodeJS.ErrnoException).code ?? 'error';
			throw new StartupError(`--record: cannot write ${options.recordFile} (${code})`);
		}
	}

	const client = new KrakenClient({url, api: options.api, pairs: options.pairs});
	if (recorder) {
		client.on('frame', recorder.record);
	}

	return {
		client,
		url,
		isDemo: options.isDemo,
		events,
		async close() {
			client.stop();
			recorder?.close();
			await server?.close();
		},
	};
}

/** Keeps a store up to date with everything the client reports, alerts included. */
export function bindStore(
	client: KrakenClient,
	store: TapeStore,
	alerts: AlertWatcher,
	onAlerts: (events: readonly AlertEvent[]) => void,
): void {
	client.on('trades', (trades, origin) => {
		store.addTrades(trades);
		const fired = origin === 'live' ? alerts.check(trades) : [];
		if (fired.length > 0) {
			store.addAlerts(fired);
			onAlerts(fired);
		}
	});
	client.on('frame', (_text, receivedAt) => {
		// Not a visible change by itself: the status bar's clock tick shows the age and rate.
		store.feed.lastFrameAt = receivedAt;
		store.feed.frames++;
	});
	// A reconnect is marked on every tape where the gap in its trades is, with how long it took.
	let droppedAt: number | undefined;
	client.on('state', (state) => {
		const now = Date.now();
		if (state.kind === 'subscribed' && droppedAt !== undefined) {
			const text = `reconnected after ${Math.round((now - droppedAt) / 1000)} s`;
			for (const pair of store.pairs) {
				store.addMarker(pair, text, now);
			}

			droppedAt = undefined;
		} else if (state.kind === 'reconnecting' || state.kind === 'stale') {
			droppedAt ??= now;
		}

		// The server's words belong to the connection they came on.
		store.updateFeed(
			state.kind === 'open'
				? {state, stateSince: now, notice: undefined}
				: {state, stateSince: now},
		);
	});
	store.updateFeed({source: client.sourceName});
	client.on('status', (status) =>
		store.updateFeed({
			systemStatus: sanitize(status.status, 40),
			isSimulated: store.feed.isSimulated || status.isSimulated,
			source: client.sourceName,
		}),
	);
	client.on('subscription', (change) =>
		store.setSubscription(change.pair, change.state, change.message && sanitize(change.message)),
	);
	client.on('unrecognised', (_reason, count) => store.updateFeed({unrecognised: count}));
	client.on('gap', (gap) => {
		store.addMarker(gap.pair, `${gap.missing} trades missed`, Date.now());
		store.updateFeed({missing: client.counts.missing});
	});
	client.on('renumbered', (renumbering) =>
		store.addMarker(
			renumbering.pair,
			`trade ids restarted at ${renumbering.firstTradeId}: the exchange numbers its trades afresh`,
			Date.now(),
		),
	);
	client.on('notice', (message) => store.updateFeed({notice: sanitize(message)}));
}

/** What the screen's keys do to the feed: pairs added and removed live, tapes cleared. */
export function createCommands(
	client: KrakenClient,
	store: TapeStore,
	options: WatchOptions,
): TapeCommands {
	return {
		parsePair: (text) => parsePair(text, options.api),
		addPair(pair) {
			store.addPair(pair);
			client.subscribe([pair]);
		},
		removePair(pair) {
			store.removePair(pair);
			client.unsubscribe([pair]);
		},
		clearPair: (pair) => store.clearPair(pair),
		dismissAlerts: () => store.dismissAlerts(),
		reconnect: () => client.reconnectNow(),
	};
}
