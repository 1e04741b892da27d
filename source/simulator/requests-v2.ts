import {findListedPair} from './pair-catalog.js';
import type {ExchangeSession} from './session.js';
import {acknowledgementV2, errorV2, nowStamp, pongV2} from './wire-v2.js';

/*
 * Answers v2 requests with Kraken's own wording (docs.kraken.com/api/docs/websocket-v2 and the
 * errors captured in ../shared/kraken-protocol.md, section 2.4), quirks included: a failed
 * unsubscribe answers with method "subscribe". Only the trade channel is served.
 */

type Request = Record<string, unknown>;

export function handleRequestV2(session: ExchangeSession, request: unknown): void {
	const timeIn = nowStamp();
	if (typeof request !== 'object' || request === null || Array.isArray(request)) {
		session.send(errorV2('', 'Malformed request', undefined, timeIn));
		return;
	}

	const message = request as Request;
	const {method, params} = message;
	const requestId = Number.isInteger(message['req_id']) ? (message['req_id'] as number) : undefined;
	switch (method) {
		case 'ping': {
			session.send(
				params === undefined
					? pongV2(requestId, timeIn)
					: errorV2(
							'ping',
							"Unsupported field: 'params' for the given msg type: ping",
							requestId,
							timeIn,
						),
			);
			break;
		}

		case 'subscribe':
		case 'unsubscribe': {
			handleSubscription(session, method, params, requestId, timeIn);
			break;
		}

		default: {
			session.send(errorV2(String(method ?? ''), 'Unsupported event', requestId, timeIn));
		}
	}
}

function handleSubscription(
	session: ExchangeSession,
	method: 'subscribe' | 'unsubscribe',
	params: unknown,
	requestId: number | undefined,
	timeIn: string,
): void {
	const fail = (error: string, symbol?: string, replyMethod: string = method) =>
		session.send(errorV2(replyMethod, error, requestId, timeIn, symbol));
	if (typeof params !== 'object' || params === null) {
		fail('Missing field: params');
		return;
	}

	const {channel, symbol: symbols, snapshot} = params as Request;
	if (channel !== 'trade') {
		fail(`Channel not supported by this simulator: ${String(channel)}`);
		return;
	}

	if (!Array.isArray(symbols)) {
		fail('Invalid field: symbol must be an array');
		return;
	}

	for (const entry of symbols) {
		const symbol = String(entry);
		const listed = findListedPair(session.source.pairs, symbol, 'v2');
		if (!listed) {
			fail(`Currency pair not supported ${symbol}`, symbol);
			continue;
		}

		if (method === 'unsubscribe') {
			if (session.subscriptions.delete(listed)) {
				session.send(acknowledgementV2('unsubscribe', requestId, {symbol}, timeIn));
			} else {
				// Kraken answers a failed unsubscribe with method "subscribe" (python-kraken-sdk tests).
				fail('Subscription Not Found', symbol, 'subscribe');
			}

			continue;
		}

		if (session.subscriptions.has(listed)) {
			fail('Already subscribed', symbol);
			continue;
		}

		// The current docs give false as the trade channel's snapshot default.
		const wantsSnapshot = snapshot === true;
		session.subscriptions.set(listed, 0);
		session.send(
			acknowledgementV2('subscribe', requestId, {symbol, snapshot: wantsSnapshot}, timeIn),
		);
		if (wantsSnapshot) {
			session.sendTrades(listed, session.source.recent(listed, 50), 'snapshot');
		}
	}
}
