import type {ClientOptions} from '../kraken/client-options.js';
import {apiOfUrl, krakenFeedUrls, restUrlFor} from '../kraken/endpoints.js';
import {parsePair} from '../kraken/pair-names.js';
import {packageUserAgent} from '../kraken/rest/user-agent.js';
import {bookDepths, candleIntervals, type ApiVersion, type Channel} from '../model/types.js';
import {KrakenTapeError} from './library-error.js';
import type {WatchOptions} from './public-types.js';

function urlOf(text: string, name: string, protocols: readonly string[]): string {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new KrakenTapeError(`${name} must be a ${protocols.join(' or ')} URL`);
	}

	if (!protocols.includes(url.protocol.replace(':', '://'))) {
		throw new KrakenTapeError(`${name} must be a ${protocols.join(' or ')} URL`);
	}

	return text;
}

/** Pairs as the API names them; the command's words for one that is not a pair. */
export function pairsFor(pairs: readonly string[] | string, api: ApiVersion): string[] {
	const list = typeof pairs === 'string' ? [pairs] : pairs;
	if (!Array.isArray(list) || list.length === 0) {
		throw new KrakenTapeError('pairs: name at least one pair, for example XBT/USD');
	}

	return [
		...new Set(
			list.map((text) => {
				const result = parsePair(String(text), api);
				if (!result.ok) {
					throw new KrakenTapeError(result.message);
				}

				return result.pair;
			}),
		),
	];
}

/** The API the options ask for: `api`, else what `url`'s path says, else v2. */
export function apiFor(options: WatchOptions): ApiVersion {
	if (options.api !== undefined) {
		if (options.api !== 'v1' && options.api !== 'v2') {
			throw new KrakenTapeError(`api must be v1 or v2, not ${JSON.stringify(options.api)}`);
		}

		return options.api;
	}

	return options.url === undefined
		? 'v2'
		: apiOfUrl(urlOf(options.url, 'url', ['ws://', 'wss://']));
}

/**
 * The client's options for `pairs` on `channels`, checked as the command checks its flags.
 * `userAgent` names the library, and its version, to Kraken's REST API.
 */
export function clientOptionsFor(
	pairs: readonly string[] | string,
	channels: readonly Channel[],
	options: WatchOptions,
): ClientOptions {
	const api = apiFor(options);
	const url = urlOf(options.url ?? krakenFeedUrls[api], 'url', ['ws://', 'wss://']);
	const restUrl = urlOf(options.restUrl ?? restUrlFor(url), 'restUrl', ['http://', 'https://']);
	if (options.depth !== undefined && !(bookDepths as readonly number[]).includes(options.depth)) {
		throw new KrakenTapeError(`depth must be one of ${bookDepths.join(', ')} (levels a side)`);
	}

	if (
		options.interval !== undefined &&
		!(candleIntervals as readonly number[]).includes(options.interval)
	) {
		throw new KrakenTapeError(`interval must be one of ${candleIntervals.join(', ')} (minutes)`);
	}

	return {
		url,
		api,
		pairs: pairsFor(pairs, api),
		channels,
		restUrl,
		userAgent: packageUserAgent('library'),
		...(options.depth === undefined ? {} : {depth: options.depth}),
		...(options.interval === undefined ? {} : {interval: options.interval}),
	};
}
