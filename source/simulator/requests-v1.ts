import {channelNamed} from './channels.js';
import {findListedPair, type ListedPair} from './pair-catalog.js';
import {isFields, onlyReply, ResultBuilder, type Fields, type RequestResult} from './requests.js';
import {findSubscription, type Subscriptions} from './subscriptions.js';
import {errorV1, pongV1, subscriptionStatusV1} from './wire-v1.js';

/*
 * Answers v1 requests with Kraken's own wording (docs.kraken.com/api/docs/websocket-v1 and the
 * error strings captured in docs/kraken-protocol.md, 3.3). The channels served are
 * those in channels.ts.
 */

const reqidError = 'Reqid field must be a positive integer less than 18446744073709551616';

/**
 * The replies to one v1 request and the subscription changes it makes. `request` is the parsed
 * frame (undefined when it was not JSON); nothing here touches a socket or a clock.
 */
export function handleRequestV1(
	request: unknown,
	subscriptions: Subscriptions,
	catalog: readonly ListedPair[],
): RequestResult {
	if (!isFields(request)) {
		return onlyReply(errorV1('error', 'Malformed request'));
	}

	const {event, reqid} = request;
	if (reqid !== undefined && !(Number.isInteger(reqid) && (reqid as number) > 0)) {
		return onlyReply(
			errorV1(event === 'ping' ? 'pingStatus' : 'subscriptionStatus', reqidError, reqid),
		);
	}

	const requestId = reqid as number | undefined;
	switch (event) {
		case 'ping': {
			return onlyReply(pongV1(requestId));
		}

		case 'subscribe':
		case 'unsubscribe': {
			return handleSubscription(request, event, requestId, subscriptions, catalog);
		}

		case undefined: {
			return onlyReply(errorV1('subscriptionStatus', 'Event(s) not found', requestId));
		}

		default: {
			return onlyReply(errorV1('subscriptionStatus', 'Unsupported event', requestId));
		}
	}
}

function handleSubscription(
	request: Fields,
	event: 'subscribe' | 'unsubscribe',
	reqid: number | undefined,
	subscriptions: Subscriptions,
	catalog: readonly ListedPair[],
): RequestResult {
	const {pair: pairs, subscription} = request;
	if (typeof subscription !== 'object' || subscription === null) {
		return onlyReply(errorV1('subscriptionStatus', 'Subscription field must be an object', reqid));
	}

	if (!Array.isArray(pairs)) {
		return onlyReply(errorV1('subscriptionStatus', 'Pair field must be an array', reqid));
	}

	const options = subscription as Fields;
	const channel = channelNamed(options['name']);
	const parsed = channel?.parseV1(options);
	const echo = channel?.echoV1(options) ?? {name: String(options['name'])};
	const builder = new ResultBuilder(subscriptions);
	for (const entry of pairs) {
		const pairName = String(entry);
		const refuse = (errorMessage: string) =>
			builder.send(
				subscriptionStatusV1({
					status: 'error',
					errorMessage,
					pair: pairName,
					reqid,
					subscription: echo,
				}),
			);
		if (channel === undefined || parsed === undefined) {
			refuse('Subscription name invalid');
			continue;
		}

		if ('error' in parsed) {
			refuse(parsed.error);
			continue;
		}

		if (!/^[A-Z\d]+\/[A-Z\d]+$/.test(pairName)) {
			refuse(`Currency pair not in ISO 4217-A3 format ${pairName}`);
			continue;
		}

		const pair = findListedPair(catalog, pairName, 'v1');
		if (!pair) {
			refuse(`Currency pair not supported ${pairName}`);
			continue;
		}

		const existing = findSubscription(builder.subscriptions, channel.name, pair);
		if (event === 'subscribe' && existing) {
			refuse('Already subscribed');
		} else if (event === 'subscribe') {
			const {parameters} = parsed;
			const channelId = channel.channelIdBase + catalog.indexOf(pair);
			builder.change({
				kind: 'subscribe',
				subscription: {channel: channel.name, pair, parameters, channelId},
			});
			builder.send(
				subscriptionStatusV1({
					status: 'subscribed',
					channel: {id: channelId, name: channel.channelNameV1(parameters)},
					pair: pairName,
					reqid,
					subscription: echo,
				}),
			);
			if (channel.hasSnapshot('v1', parameters)) {
				builder.sendSnapshot({channel: channel.name, pair, parameters, channelId});
			}
		} else if (existing) {
			builder.change({kind: 'unsubscribe', channel: channel.name, pair});
			builder.send(
				subscriptionStatusV1({
					status: 'unsubscribed',
					channel: {id: existing.channelId, name: channel.channelNameV1(existing.parameters)},
					pair: pairName,
					reqid,
					subscription: echo,
				}),
			);
		} else {
			refuse('Subscription Not Found');
		}
	}

	return builder.result();
}
