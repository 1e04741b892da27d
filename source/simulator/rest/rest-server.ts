import type {IncomingMessage, ServerResponse} from 'node:http';
import {restError, systemStatusResult, timeResult} from '../wire-rest.js';
import {answerAssetPairs, answerAssets} from './rest-asset-pairs.js';
import type {RestMarket} from './rest-market.js';
import {answerOhlc} from './rest-ohlc.js';
import {answerTicker} from './rest-ticker.js';
import {answerTrades} from './rest-trades.js';
import {RestThrottle, type RestLimits} from './rest-throttle.js';

/** A public endpoint: its answer to a query, and whether it is throttled per pair. */
type Endpoint = Readonly<{
	answer(query: URLSearchParams, market: RestMarket): string;
	isThrottledPerPair: boolean;
}>;

const endpoints = new Map<string, Endpoint>([
	['Trades', {answer: answerTrades, isThrottledPerPair: true}],
	['OHLC', {answer: answerOhlc, isThrottledPerPair: true}],
	['Ticker', {answer: answerTicker, isThrottledPerPair: false}],
	['AssetPairs', {answer: answerAssetPairs, isThrottledPerPair: false}],
	['Assets', {answer: answerAssets, isThrottledPerPair: false}],
	['Time', {answer: (_query, market) => timeResult(market.now()), isThrottledPerPair: false}],
	[
		'SystemStatus',
		{
			answer: (_query, market) => systemStatusResult(market.systemStatus(), market.now()),
			isThrottledPerPair: false,
		},
	],
]);

const publicPath = '/0/public/';

const tooManyRequests = 'EGeneral:Too many requests';

/**
 * Kraken's public REST API on the exchange's port: GET /0/public/<endpoint>, every answer JSON.
 * Refusals are Kraken's: bad arguments and throttling come back as HTTP 200 with the error in
 * `error` (docs/kraken-channels.md, 0 trap 12); an unknown endpoint is a 404, another method a
 * 405. Trades and OHLC are throttled per client address and pair (one allowance for both), the
 * rest per address.
 */
export function createRestHandler(
	market: RestMarket,
	limits: RestLimits = {},
): (request: IncomingMessage, response: ServerResponse) => void {
	const throttle = new RestThrottle(limits);
	return (request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
			response.writeHead(status, {'content-type': 'application/json', ...headers}).end(body);
		};

		const endpoint = url.pathname.startsWith(publicPath)
			? endpoints.get(url.pathname.slice(publicPath.length))
			: undefined;
		if (!endpoint) {
			reply(404, restError('EGeneral:Unknown method'));
			return;
		}

		if (request.method !== 'GET' && request.method !== 'HEAD') {
			reply(405, restError('EGeneral:Invalid arguments:method'), {allow: 'GET, HEAD'});
			return;
		}

		const pairName = url.searchParams.get('pair') ?? '';
		const pairKey = market.pairs.find(pairName)?.key ?? pairName.toUpperCase();
		const client = request.socket.remoteAddress ?? '';
		if (!throttle.take(endpoint.isThrottledPerPair ? `${client} ${pairKey}` : client)) {
			reply(200, restError(tooManyRequests));
			return;
		}

		try {
			reply(200, endpoint.answer(url.searchParams, market));
		} catch {
			reply(500, restError('EGeneral:Internal error'));
		}
	};
}
