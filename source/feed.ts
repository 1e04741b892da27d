import {EventEmitter} from 'node:events';
import {InputError} from './input-error.js';
import {KrakenClient} from './kraken/client.js';
import {openRecorder, type Recorder} from './kraken/recorder.js';
import type {WatchOptions} from './options.js';
import type {ExchangeServer} from './simulator/exchange-server.js';

/** What the feed reports that is not the client's: a recording that stopped. */
export type FeedEvents = {recordingStopped: [message: string]};

/** A running feed: the client, where it connects, and the built-in exchange with --demo. */
export type Feed = Readonly<{
	client: KrakenClient;
	url: string;
	isDemo: boolean;
	events: EventEmitter<FeedEvents>;
	close(): Promise<void>;
}>;

/**
 * Opens what the options ask for: the built-in exchange with --demo, the recording with
 * --record, and a client for the feed, not yet started. A --record path that cannot be written is
 * bad input, found here rather than at the first frame.
 */
export async function openFeed(options: WatchOptions): Promise<Feed> {
	let server: ExchangeServer | undefined;
	let url = options.url ?? '';
	let restUrl = options.restUrl;
	if (options.isDemo) {
		// Loaded only for --demo, to keep it out of every other start.
		const {startExchangeServer} = await import('./simulator/exchange-server.js');
		const {createSimulatedMarket} = await import('./simulator/simulated-market.js');
		server = await startExchangeServer({source: createSimulatedMarket()});
		url = `${server.url}${options.api === 'v1' ? '/' : '/v2'}`;
		restUrl = server.httpUrl;
	}

	const events = new EventEmitter<FeedEvents>();
	let recorder: Recorder | undefined;
	if (options.recordFile !== undefined) {
		try {
			recorder = openRecorder(options.recordFile, url, (message) =>
				events.emit('recordingStopped', message),
			);
		} catch (error) {
			await server?.close();
			const code = (error as NodeJS.ErrnoException).code ?? 'error';
			throw new InputError(`--record: cannot write ${options.recordFile} (${code})`);
		}
	}

	const {api, pairs, channels, interval, depth, backfill, userAgent} = options;
	const client = new KrakenClient({
		url,
		api,
		pairs,
		channels,
		interval,
		depth,
		...(restUrl === undefined ? {} : {restUrl}),
		backfill,
		// The chart's history; --json writes the ohlc channel's own candles, as Kraken sends them.
		candleHistory: !options.isJson,
		// Keys and frames wait for one message, not a whole read (npm run bench, rows 2 and 7).
		oneMessageATurn: !options.isJson,
		// --json's frames are decoded on a second thread (npm run bench, ingest row), unless they are
		// recorded: their text stays where they are decoded.
		decodeOffThread: options.isJson && recorder === undefined,
		userAgent,
	});
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
