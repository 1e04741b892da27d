import * as z from 'zod';
import {channelNamed, describeIssues, readConnectionId, type FeedMessage} from '../feed-message.js';

/*
 * v1 frames that are not market data: objects with an `event` (systemStatus, subscriptionStatus,
 * heartbeat, pong, errors; docs/kraken-protocol.md, 2, 3 and 5). The rate-limit reply, the same
 * on both APIs, is kraken/rate-limit-reply.ts's.
 */

const systemStatusSchema = z.object({
	event: z.literal('systemStatus'),
	status: z.string().min(1),
	version: z.string().optional(),
});

const subscriptionStatusSchema = z.object({
	event: z.literal('subscriptionStatus'),
	status: z.enum(['subscribed', 'unsubscribed', 'error', 'ok']),
	pair: z.string().optional(),
	channelName: z.string().optional(),
	// An interval that is not a whole number is not the ack's to refuse: it is left out.
	subscription: z
		.object({name: z.string(), interval: z.number().int().optional().catch(undefined)})
		.partial()
		.optional(),
	reqid: z.number().int().optional(),
	errorMessage: z.string().optional(),
});

const heartbeatSchema = z.object({event: z.literal('heartbeat')});

const pongSchema = z.object({event: z.literal('pong'), reqid: z.number().int().optional()});

/** A request Kraken could not handle at all, e.g. `{"event":"error","errorMessage":"Malformed request"}`. */
const errorEventSchema = z.object({
	event: z.string(),
	status: z.literal('error'),
	errorMessage: z.string(),
});

function decodeSubscriptionStatus(value: Record<string, unknown>): FeedMessage {
	const parsed = subscriptionStatusSchema.safeParse(value);
	if (!parsed.success) {
		return {
			kind: 'unrecognised',
			reason: `subscriptionStatus ${describeIssues(parsed.error.issues)}`,
		};
	}

	const {status, pair, reqid, errorMessage, channelName, subscription} = parsed.data;
	// The subscription echoes the channel's name; channelName carries a suffix for some (book-10).
	const channel = channelNamed(subscription?.name ?? channelName?.split('-')[0]);
	if (status === 'error') {
		return {
			kind: 'subscription-error',
			...(channel === undefined ? {} : {channel}),
			pair,
			message: errorMessage ?? 'subscription refused',
			reqId: reqid,
		};
	}

	if (channel === undefined || pair === undefined || status === 'ok') {
		return {
			kind: 'unrecognised',
			reason: `subscriptionStatus for ${String(subscription?.name ?? channelName)}`,
		};
	}

	const interval = status === 'subscribed' ? subscription?.interval : undefined;
	return {kind: status, channel, pair, reqId: reqid, ...(interval === undefined ? {} : {interval})};
}

/** A frame that is an object with an `event`. */
export function decodeEvent(value: Record<string, unknown>, text: string): FeedMessage {
	switch (value['event']) {
		case 'heartbeat': {
			return heartbeatSchema.safeParse(value).success
				? {kind: 'heartbeat'}
				: {kind: 'unrecognised', reason: 'heartbeat'};
		}

		case 'pong': {
			const parsed = pongSchema.safeParse(value);
			return parsed.success
				? {kind: 'pong', reqId: parsed.data.reqid}
				: {kind: 'unrecognised', reason: `pong ${describeIssues(parsed.error.issues)}`};
		}

		case 'systemStatus': {
			const parsed = systemStatusSchema.safeParse(value);
			return parsed.success
				? {
						kind: 'status',
						status: parsed.data.status,
						version: parsed.data.version,
						connectionId: readConnectionId(text),
					}
				: {kind: 'unrecognised', reason: `systemStatus ${describeIssues(parsed.error.issues)}`};
		}

		case 'subscriptionStatus': {
			return decodeSubscriptionStatus(value);
		}

		default: {
			const parsed = errorEventSchema.safeParse(value);
			return parsed.success
				? {kind: 'error', message: parsed.data.errorMessage}
				: {kind: 'unrecognised', reason: `event ${String(value['event'])}`};
		}
	}
}
