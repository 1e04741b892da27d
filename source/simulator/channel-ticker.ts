import type {Channel, Market} from './channel.js';
import type {Subscription} from './subscriptions.js';
import {tickerFrameV1} from './wire-v1.js';
import {tickerMessageV2} from './wire-v2.js';

/** The ticker's frame of one API version, made from the pair's history; none before any trade. */
function tickerFrames(
	api: 'v1' | 'v2',
	type: 'snapshot' | 'update',
	market: Market,
	{pair, channelId}: Subscription,
): string[] {
	const history = market.history(pair);
	const now = market.now();
	const figures = history.ticker(now);
	const {quote} = history;
	if (!figures || !quote) {
		return [];
	}

	return api === 'v1'
		? [tickerFrameV1(channelId, pair, {...figures, quote, lastVolume: history.lastVolume})]
		: [tickerMessageV2(type, pair, {day: figures.day, quote, timeMicros: now * 1000})];
}

/**
 * The 24-hour ticker (docs/kraken-protocol.md, 8.1), sent on every trade of its pair, with the
 * best bid and ask of the book as the trades left it. v1 sends a
 * snapshot on subscribing; v2 when asked, which it is by default.
 */
export const tickerChannel: Channel = {
	name: 'ticker',
	channelIdBase: 400,
	parseV1: () => ({parameters: {}}),
	channelNameV1: () => 'ticker',
	echoV1: () => ({name: 'ticker'}),
	// The trigger asked for is echoed, as Kraken does; sent on trades either way, since here the
	// best prices only move with them.
	parseV2: (params) => ({
		parameters: {
			snapshot: params['snapshot'] !== false,
			trigger: params['event_trigger'] === 'bbo' ? 'bbo' : 'trades',
		},
	}),
	resultV2: (parameters, method) =>
		method === 'subscribe'
			? {event_trigger: parameters['trigger'], snapshot: parameters['snapshot'] === true}
			: {event_trigger: parameters['trigger']},
	hasSnapshot: (api, parameters) => api === 'v1' || parameters['snapshot'] === true,
	snapshot: (api, market, subscription) => tickerFrames(api, 'snapshot', market, subscription),
	update: (api, market, subscription, {trades}) =>
		trades.length === 0 ? [] : tickerFrames(api, 'update', market, subscription),
};
