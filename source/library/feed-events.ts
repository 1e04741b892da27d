import type {KrakenClient} from '../kraken/client.js';
import {sanitize} from '../model/sanitize.js';
import type {FeedEvent} from './public-types.js';

/**
 * Tells `onEvent` what happens to the connection and the data, in the library's types, with
 * every string from the network sanitised as the command does.
 */
export function forwardEvents(client: KrakenClient, onEvent: (event: FeedEvent) => void): void {
	client.on('state', (state) =>
		onEvent({
			type: 'state',
			state: state.kind,
			...(state.kind === 'reconnecting' ? {reason: sanitize(state.reason)} : {}),
		}),
	);
	client.on('subscription', (change) =>
		onEvent({
			type: 'subscription',
			channel: change.channel,
			pair: change.pair,
			state: change.state,
			...(change.message === undefined ? {} : {message: sanitize(change.message)}),
		}),
	);
	client.on('gap', (gap) => onEvent({type: 'gap', ...gap}));
	client.on('bookHealth', (health) =>
		onEvent({
			type: 'resync',
			pair: health.pair,
			state: health.state,
			...(health.reason === undefined ? {} : {reason: sanitize(health.reason)}),
		}),
	);
	client.on('backfill', (news) => {
		if (news.kind === 'filled' && news.count > 0) {
			onEvent({type: 'backfill', pair: news.pair, count: news.count});
		}
	});
	client.on('renumbered', ({pair, firstTradeId}) =>
		onEvent({type: 'renumbered', pair, firstTradeId}),
	);
	client.on('notice', (message) => onEvent({type: 'notice', message: sanitize(message)}));
}
