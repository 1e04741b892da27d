import * as z from 'zod';

/*
 * Kraken WebSocket v1 inbound frames, as documented at docs.kraken.com/api/docs/websocket-v1 and
 * as captured from the live server (see ../shared/kraken-protocol.md). Only this module and
 * codec-v1 know these shapes.
 */

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'not a decimal number');

export const systemStatusSchema = z.object({
	event: z.literal('systemStatus'),
	status: z.string().min(1),
	version: z.string().optional(),
});

export const subscriptionStatusSchema = z.object({
	event: z.literal('subscriptionStatus'),
	status: z.enum(['subscribed', 'unsubscribed', 'error', 'ok']),
	pair: z.string().optional(),
	channelName: z.string().optional(),
	subscription: z.object({name: z.string()}).partial().optional(),
	reqid: z.number().int().optional(),
	errorMessage: z.string().optional(),
});

export const heartbeatSchema = z.object({event: z.literal('heartbeat')});

export const pongSchema = z.object({event: z.literal('pong'), reqid: z.number().int().optional()});

/** A request Kraken could not handle at all, e.g. `{"event":"error","errorMessage":"Malformed request"}`. */
export const errorEventSchema = z.object({
	event: z.string(),
	status: z.literal('error'),
	errorMessage: z.string(),
});

/** The rate-limit reply has a capitalised key and no `event`: `{"Error":"Exceeded msg rate"}`. */
export const rateLimitSchema = z.object({Error: z.string()});

/** `[price, volume, time, side, orderType, misc]`, all strings, single-letter side and type. */
const tradeEntrySchema = z.tuple(
	[decimalString, decimalString, decimalString, z.enum(['b', 's']), z.enum(['m', 'l']), z.string()],
	z.unknown(),
);

/**
 * `[channelID, [[...], ...], "trade", "XBT/USD"]`. channelName and pair are read from the end
 * of the array: the docs' field table has them the other way round, every real frame does not.
 */
export const tradeFrameSchema = z.tuple([
	z.number(),
	z.array(tradeEntrySchema).min(1),
	z.literal('trade'),
	z.string().regex(/^[A-Za-z\d.]{1,16}\/[A-Za-z\d.]{1,16}$/, 'not a pair name'),
]);

export type V1TradeFrame = z.infer<typeof tradeFrameSchema>;
