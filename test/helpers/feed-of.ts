import {EventEmitter} from 'node:events';
import type {Feed, FeedEvents} from '../../source/feed.js';
import type {KrakenClient} from '../../source/kraken/client.js';

/** A Feed around a client a test made itself: no demo exchange, no recording. */
export function feedOf(client: KrakenClient, url = 'ws://127.0.0.1:9/v2'): Feed {
	return {
		client,
		url,
		isDemo: false,
		events: new EventEmitter<FeedEvents>(),
		async close() {
			client.stop();
		},
	};
}
