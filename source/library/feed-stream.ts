import {KrakenClient} from '../kraken/client.js';
import type {ClientOptions} from '../kraken/client-options.js';
import {forwardEvents} from './feed-events.js';
import type {WatchOptions} from './public-types.js';

/** Hands a stream its items: `push` one, `isSimulated` says whether the exchange is the simulator. */
export type Feeder<T> = (
	client: KrakenClient,
	push: (item: T) => void,
	isSimulated: () => boolean,
) => void;

/**
 * An async iterable over a feed: the client is made and started at the first `next()`, never
 * before; leaving the loop (`return`, as `break` does) or aborting the signal stops it, with
 * every timer, so a script ends by itself. Items that arrive before they are asked for wait in
 * order. Iterated once: a second loop over the same stream gets nothing.
 */
export function feedStream<T>(
	clientOptions: ClientOptions,
	options: WatchOptions,
	feed: Feeder<T>,
): AsyncIterableIterator<T> {
	const waiting: T[] = [];
	const readers: Array<(result: IteratorResult<T>) => void> = [];
	let client: KrakenClient | undefined;
	let isDone = options.signal?.aborted ?? false;

	const finish = () => {
		if (isDone) {
			return;
		}

		isDone = true;
		client?.stop();
		options.signal?.removeEventListener('abort', finish);
		for (const read of readers.splice(0)) {
			read({done: true, value: undefined});
		}
	};

	const start = () => {
		let isSimulated = false;
		client = new KrakenClient(clientOptions);
		client.on('status', (status) => {
			isSimulated ||= status.isSimulated;
		});
		if (options.onEvent) {
			forwardEvents(client, options.onEvent);
		}

		feed(
			client,
			(item) => {
				const read = readers.shift();
				if (read) {
					read({done: false, value: item});
				} else if (!isDone) {
					waiting.push(item);
				}
			},
			() => isSimulated,
		);
		options.signal?.addEventListener('abort', finish, {once: true});
		client.start();
	};

	const stream: AsyncIterableIterator<T> = {
		async next() {
			if (waiting.length > 0) {
				return {done: false, value: waiting.shift()!};
			}

			if (isDone) {
				return {done: true, value: undefined};
			}

			if (!client) {
				start();
			}

			return new Promise((resolve) => readers.push(resolve));
		},
		async return() {
			finish();
			waiting.length = 0;
			return {done: true, value: undefined};
		},
		[Symbol.asyncIterator]() {
			return stream;
		},
	};
	return stream;
}
