import {findListedPair} from './pair-catalog.js';
import type {ExchangeSession} from './session.js';
import {errorV1, pongV1, subscriptionStatusV1} from './wire-v1.js';

/*
 * Answers v1 requests with Kraken's own wording (docs.kraken.com/api/docs/websocket-v1 and the
 * error strings captured in ../shared/kraken-protocol.md, section 2.2). Only the trade channel
 * is served.
 */

type Request = Record<string, unknown>;

const reqidError = 'Reqid field must be a positive integer less than 18446744073709551616';

export function handleRequestV1(session: ExchangeSession, request: unknown): void {
	if (typeof request !== 'object' || request === null || Array.isArray(request)) {
		session.send(errorV1('error', 'Malformed request'));
		return;
	}

	const message = request as Request;
	const {event, reqid} = message;
	if (reqid !== undefined && !(Number.isInteger(reqid) && (reqid as number) > 0)) {
		session.send(
			errorV1(event === 'ping' ? 'pingStatus' : 'subscriptionStatus', reqidError, reqid),
		);
		return;
	}

	const requestId = reqid as number | undefined;
	switch (event) {
		case 'ping': {
			session.send(pongV1(requestId));
			break;
		}

		case 'subscribe':
		case 'unsubscribe': {
			handleSubscription(session, message, event, requestId);
			break;
		}

		case undefined: {
			session.send(errorV1('subscriptionStatus', 'Event(s) not found', requestId));
			break;
		}

		default: {
			session.send(errorV1('subscriptionStatus', 'Unsupported event', requestId));
		}
	}
}

function handleSubscription(
	session: ExchangeSession,
	message: Request,
	event: 'subscribe' | 'unsubscribe',
	reqid: number | undefined,
): void {
	const {pair: pairs, subscription} = message;
	if (typeof subscription !== 'object' || subscription === null) {
		session.send(errorV1('subscriptionStatus', 'Subscription field must be an object', reqid));
		return;
	}

	const name = (subscription as Request)['name'];
	if (!Array.isArray(pairs)) {
		session.send(errorV1('subscriptionStatus', 'Pair field must be an array', reqid));
		return;
	}

	for (const name_ of pairs) {
		const pairName = String(name_);
		const reply = (fields: Omit<Parameters<typeof subscriptionStatusV1>[0], 'pair' | 'reqid'>) =>
			session.send(subscriptionStatusV1({...fields, pair: pairName, reqid, name: String(name)}));
		if (name !== 'trade') {
			reply({status: 'error', errorMessage: 'Subscription name invalid'});
			continue;
		}

		if (!/^[A-Z\d]+\/[A-Z\d]+$/.test(pairName)) {
			reply({status: 'error', errorMessage: `Currency pair not in ISO 4217-A3 format ${pairName}`});
			continue;
		}

		const listed = findListedPair(session.source.pairs, pairName, 'v1');
		if (!listed) {
			reply({status: 'error', errorMessage: `Currency pair not supported ${pairName}`});
			continue;
		}

		const channelId = 300 + session.source.pairs.indexOf(listed);
		if (event === 'subscribe') {
			if (session.subscriptions.has(listed)) {
				reply({status: 'error', errorMessage: 'Already subscribed'});
				continue;
			}

			session.subscriptions.set(listed, channelId);
			reply({status: 'subscribed', channelId});
		} else if (session.subscriptions.delete(listed)) {
			reply({status: 'unsubscribed', channelId});
		} else {
			reply({status: 'error', errorMessage: 'Subscription Not Found'});
		}
	}
}
