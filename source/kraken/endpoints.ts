import type {ApiVersion} from '../model/types.js';

/** Kraken's own feeds, by API version (docs/kraken-protocol.md, 1). */
export const krakenFeedUrls: Readonly<Record<ApiVersion, string>> = {
	v1: 'wss://ws.kraken.com/',
	v2: 'wss://ws.kraken.com/v2',
};

/** Kraken's public REST API (docs/kraken-protocol.md, 10). */
export const krakenRestUrl = 'https://api.kraken.com';

/** A feed URL's API when none is named: a path ending in /v2 is v2, any other v1 (Kraken's is `/`). */
export function apiOfUrl(url: string): ApiVersion {
	return /\/v2\/?$/.test(new URL(url).pathname) ? 'v2' : 'v1';
}

/**
 * Kraken's REST API for Kraken's feed; for any other feed (the simulator, a recording's
 * server), the same host and port over http, or https for wss.
 */
export function restUrlFor(feedUrl: string): string {
	const url = new URL(feedUrl);
	if (url.hostname === 'kraken.com' || url.hostname.endsWith('.kraken.com')) {
		return krakenRestUrl;
	}

	return `${url.protocol === 'wss:' ? 'https' : 'http'}://${url.host}`;
}
