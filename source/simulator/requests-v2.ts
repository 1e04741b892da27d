import {channelNamed} from './channels.js';
import {findListedPair, type ListedPair} from './pair-catalog.js';
import {isFields, onlyReply, ResultBuilder, type Fields, type RequestResult} from './requests.js';
import {findSubscription, type Subscriptions} from './subscriptions.js';
import {acknowledgementV2, errorV2, pongV2, timestampOf} from './wire-v2.js';

/*
 * Answers v2 requests with Kraken's own wording (docs.kraken.com/api/docs/websocket-v2 and the
 * errors captured in docs/kraken-protocol.md, 3.3), quirks included: a failed
 * unsubscribe answers with method "subscribe". The channels served are those in channels.ts.
 */

type Stamps = Readonly<{timeIn: string; timeOut: () => string}>;

/**
 * The replies to one v2 request and the subscription changes it makes. `request` is the parsed
 * frame (undefined when it was not JSON); `now` (epoch milliseconds) stamps `time_in` and
 * `time_out`. Nothing here touches a socket.
 */
export function handleRequestV2(
	request: unknown,
	subscriptions: Subscriptions,
	catalog: readonly ListedPair[],
	now: () => number = Date.now,
): RequestResult {
	const timeOut = () => timestampOf(now() * 1000);
	const stamps: Stamps = {timeIn: timeOut(), timeOut};
	if (!isFields(request)) {
		return onlyReply(
			errorV2('', 'Malformed request', undefined, stamps.timeIn, undefined, timeOut()),
		);
	}

	const {method, params} = request;
	const requestId = Number.isInteger(request['req_id']) ? (request['req_id'] as number) : undefined;
	switch (method) {
		case 'ping': {
			return onlyReply(
				params === undefined
					? pongV2(requestId, stamps.timeIn, timeOut())
					: errorV2(
							'ping',
							"Unsupported field: 'params' for the given msg type: ping",
							requestId,
							stamps.timeIn,
							undefined,
							timeOut(),
						),
			);
		}

		case 'subscribe':
		case 'unsubscribe': {
			return handleSubscription(method, params, requestId, stamps, subscriptions, catalog);
		}

		default: {
			return onlyReply(
				errorV2(
					String(method ?? ''),
					'Unsupported event',
					requestId,
					stamps.timeIn,
					undefined,
					timeOut(),
				),
			);
		}
	}
}

function handleSubscription(
	method: 'subscribe' | 'unsubscribe',
	params: unknown,
	requestId: number | undefined,
	{timeIn, timeOut}: Stamps,
	subscriptions: Subscriptions,
	catalog: readonly ListedPair[],
): RequestResult {
	const refusal = (error: string, symbol?: string, replyMethod: string = method) =>
		errorV2(replyMethod, error, requestId, timeIn, symbol, timeOut());

	if (typeof params !== 'object' || params === null) {
		return onlyReply(refusal('Missing field: params'));
	}

	const fields = params as Fields;
	const channel = channelNamed(fields['channel']);
	if (channel === undefined) {
		return onlyReply(
			refusal(`Channel not supported by this simulator: ${String(fields['channel'])}`),
		);
	}

	const {symbol: symbols} = fields;
	if (!Array.isArray(symbols)) {
		return onlyReply(refusal('Invalid field: symbol must be an array'));
	}

	const parsed = channel.parseV2(fields);
	if ('error' in parsed) {
		return onlyReply(refusal(parsed.error));
	}

	const {parameters} = parsed;
	const builder = new ResultBuilder(subscriptions);
	for (const entry of symbols) {
		const symbol = String(entry);
		const pair = findListedPair(catalog, symbol, 'v2');
		if (!pair) {
			builder.send(refusal(`Currency pair not supported ${symbol}`, symbol));
			continue;
		}

		const existing = findSubscription(builder.subscriptions, channel.name, pair);
		const acknowledge = () =>
			builder.send(
				acknowledgementV2(
					method,
					requestId,
					{channel: channel.name, symbol, ...channel.resultV2(parameters, method)},
					timeIn,
					timeOut(),
				),
			);
		if (method === 'unsubscribe') {
			if (existing) {
				builder.change({kind: 'unsubscribe', channel: channel.name, pair});
				acknowledge();
			} else {
				// Kraken answers a failed unsubscribe with method "subscribe" (python-kraken-sdk tests).
				builder.send(refusal('Subscription Not Found', symbol, 'subscribe'));
			}
		} else if (existing) {
			builder.send(refusal('Already subscribed', symbol));
		} else {
			const channelId = channel.channelIdBase + catalog.indexOf(pair);
			const subscription = {channel: channel.name, pair, parameters, channelId};
			builder.change({kind: 'subscribe', subscription});
			acknowledge();
			if (channel.hasSnapshot('v2', parameters)) {
				builder.sendSnapshot(subscription);
			}
		}
	}

	return builder.result();
}
