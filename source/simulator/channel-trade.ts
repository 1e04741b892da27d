import type {Channel} from './channel.js';
import {tradeFrameV1} from './wire-v1.js';
import {tradeMessageV2} from './wire-v2.js';

/** "Request a snapshot after subscribing": the most recent 50 trades (docs: v2 trade). */
const snapshotSize = 50;

/**
 * The trade channel. v1 takes no options for it (its `snapshot` is for ownTrades only); v2 takes
 * `snapshot`, whose default the current docs give as false (docs/kraken-protocol.md, 3.1).
 */
export const tradeChannel: Channel = {
	name: 'trade',
	channelIdBase: 300,
	parseV1: () => ({parameters: {}}),
	channelNameV1: () => 'trade',
	echoV1: () => ({name: 'trade'}),
	parseV2: (params) => ({parameters: {snapshot: params['snapshot'] === true}}),
	resultV2: (parameters, method) =>
		method === 'subscribe' ? {snapshot: parameters['snapshot'] === true} : {},
	hasSnapshot: (api, parameters) => api === 'v2' && parameters['snapshot'] === true,
	snapshot(_api, market, {pair}) {
		const trades = market.recentTrades(pair, snapshotSize);
		return trades.length === 0 ? [] : [tradeMessageV2('snapshot', pair, trades)];
	},
	update(api, _market, {pair, channelId}, {trades}) {
		if (trades.length === 0) {
			return [];
		}

		return api === 'v1'
			? [tradeFrameV1(channelId, pair, trades)]
			: [tradeMessageV2('update', pair, trades)];
	},
};
