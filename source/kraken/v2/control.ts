import * as z from 'zod';
import {channelNamed, describeIssues, readConnectionId, type FeedMessage} from '../feed-message.js';

/*
 * v2 frames that are not market data: the status channel, heartbeats, pongs and the answers to
 * subscribe and unsubscribe (docs/kraken-protocol.md, 2, 3 and 5). Key order
 * varies between captures, so everything is read as an object.
 */

const statusSchema = z.object({
	channel: z.literal('status'),
	data: z
		.array(
			z.object({
				system: z.string().min(1),
				version: z.string().optional(),
				api_version: z.string().optional(),
			}),
		)
		.min(1),
});

const heartbeatSchema = z.object({channel: z.literal('heartbeat')});

const pongSchema = z.object({
	method: z.literal('pong'),
	req_id: z.number().int().optional(),
});

const acknowledgementSchema = z.discriminatedUnion('success', [
	z.object({
		method: z.enum(['subscribe', 'unsubscribe']),
		success: z.literal(true),
		result: z.object({
			channel: z.string(),
			symbol: z.string(),
			interval: z.number().int().optional(),
		}),
		req_id: z.number().int().optional(),
	}),
	z.object({
		method: z.string(),
		success: z.literal(false),
		error: z.string(),
		symbol: z.string().optional(),
		req_id: z.number().int().optional(),
	}),
]);

export function decodeStatus(value: Record<string, unknown>, text: string): FeedMessage {
	const parsed = statusSchema.safeParse(value);
	if (!parsed.success) {
		return {kind: 'unrecognised', reason: `status ${describeIssues(parsed.error.issues)}`};
	}

	const [data] = parsed.data.data;
	return {
		kind: 'status',
		status: data?.system ?? 'unknown',
		version: data?.version,
		connectionId: readConnectionId(text),
	};
}

export function decodeHeartbeat(value: Record<string, unknown>): FeedMessage {
	return heartbeatSchema.safeParse(value).success
		? {kind: 'heartbeat'}
		: {kind: 'unrecognised', reason: 'heartbeat'};
}

/** A frame with a `method`: a pong, or the answer to a subscribe or unsubscribe. */
export function decodeMethod(value: Record<string, unknown>): FeedMessage {
	if (value['method'] === 'pong') {
		const parsed = pongSchema.safeParse(value);
		return parsed.success
			? {kind: 'pong', reqId: parsed.data.req_id}
			: {kind: 'unrecognised', reason: `pong ${describeIssues(parsed.error.issues)}`};
	}

	const parsed = acknowledgementSchema.safeParse(value);
	if (!parsed.success) {
		return {
			kind: 'unrecognised',
			reason: `${String(value['method'])} ${describeIssues(parsed.error.issues)}`,
		};
	}

	const ack = parsed.data;
	if (!ack.success) {
		// Failed unsubscribes can come back with method "subscribe" (python-kraken-sdk live tests),
		// so the client matches errors by symbol and req_id, never by method.
		if (ack.method === 'subscribe' || ack.method === 'unsubscribe') {
			return {kind: 'subscription-error', pair: ack.symbol, message: ack.error, reqId: ack.req_id};
		}

		return {kind: 'error', message: ack.error};
	}

	const channel = channelNamed(ack.result.channel);
	if (channel === undefined) {
		return {kind: 'unrecognised', reason: `${ack.method} ack for ${ack.result.channel}`};
	}

	return {
		kind: ack.method === 'subscribe' ? 'subscribed' : 'unsubscribed',
		channel,
		pair: ack.result.symbol,
		reqId: ack.req_id,
		...(ack.method === 'subscribe' && ack.result.interval !== undefined
			? {interval: ack.result.interval}
			: {}),
	};
}
