import {candleIntervals} from '../model/types.js';
import type {Channel, ParsedParameters} from './channel.js';
import type {Fields} from './requests.js';
import {ohlcFrameV1} from './wire-v1.js';
import {ohlcMessageV2} from './wire-v2.js';

/**
 * A v2 snapshot covers the last this many intervals, the one in progress included. Kraken does
 * not say; the one snapshot on record (docs/kraken-protocol.md, 8.2) held nine candles of a dozen
 * minutes, three of them without trades. Clients must take any number.
 */
export const snapshotIntervals = 12;

/** The interval asked for, 1 when none is; Kraken's wording (as ccxt lists it) when refused. */
function intervalOf(fields: Fields): number | ParsedParameters {
	const interval = fields['interval'] ?? 1;
	if (!Number.isInteger(interval)) {
		return {error: 'Subscription ohlc interval must be an integer'};
	}

	return (candleIntervals as readonly unknown[]).includes(interval)
		? (interval as number)
		: {error: 'Subscription ohlc interval not supported'};
}

function parse(fields: Fields, snapshot: boolean): ParsedParameters {
	const interval = intervalOf(fields);
	return typeof interval === 'number' ? {parameters: {interval, snapshot}} : interval;
}

const intervalIn = (parameters: Readonly<Record<string, unknown>>) =>
	Number(parameters['interval'] ?? 1);

/**
 * Candles (docs/kraken-protocol.md, 8.2), of one interval per subscription: on every trade the
 * candle it fell in is sent again. A v2 snapshot has the recent candles, a v1 one the last
 * candle there was, however old.
 */
export const ohlcChannel: Channel = {
	name: 'ohlc',
	channelIdBase: 500,
	parseV1: (subscription) => parse(subscription, true),
	channelNameV1: (parameters) => `ohlc-${intervalIn(parameters)}`,
	// What was asked for, even a refused interval, as Kraken echoes a refused book depth.
	echoV1: (subscription) => ({interval: subscription['interval'] ?? 1, name: 'ohlc'}),
	parseV2: (params) => parse(params, params['snapshot'] !== false),
	resultV2: (parameters, method) =>
		method === 'subscribe'
			? {
					interval: intervalIn(parameters),
					snapshot: parameters['snapshot'] === true,
					warnings: ['timestamp is deprecated, use interval_begin'],
				}
			: {interval: intervalIn(parameters)},
	hasSnapshot: (api, parameters) => api === 'v1' || parameters['snapshot'] === true,
	snapshot(api, market, {pair, channelId, parameters}) {
		const interval = intervalIn(parameters);
		const history = market.history(pair);
		if (api === 'v1') {
			const last = history.candles(interval, 1)[0];
			return last ? [ohlcFrameV1(channelId, pair, interval, last)] : [];
		}

		const intervalMs = interval * 60_000;
		const firstStart =
			(Math.floor(market.now() / intervalMs) - (snapshotIntervals - 1)) * intervalMs;
		const candles = history
			.candles(interval, snapshotIntervals)
			.filter((candle) => candle.start >= firstStart);
		return candles.length === 0 ? [] : [ohlcMessageV2('snapshot', pair, interval, candles)];
	},
	update(api, market, {pair, channelId, parameters}, {trades}) {
		const interval = intervalIn(parameters);
		const history = market.history(pair);
		// The candles the trades fell in, each once, oldest first.
		const starts = new Set(trades.map((trade) => Math.floor(trade.timeMicros / 1000)));
		const candles = [...starts]
			.map((time) => history.candleAt(interval, time))
			.filter((candle) => candle !== undefined)
			.filter(
				(candle, index, all) => all.findIndex((other) => other.start === candle.start) === index,
			);
		if (api === 'v1') {
			return candles.map((candle) => ohlcFrameV1(channelId, pair, interval, candle));
		}

		return candles.length === 0 ? [] : [ohlcMessageV2('update', pair, interval, candles)];
	},
};
