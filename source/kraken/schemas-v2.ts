import * as z from 'zod';

/*
 * Kraken WebSocket v2 inbound frames, as documented at docs.kraken.com/api/docs/websocket-v2 and
 * as captured from the live server (see ../shared/kraken-protocol.md). Only this module and
 * codec-v2 know these shapes. Key order varies between captures, so everything is an object.
 */

export const statusSchema = z.object({
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

export const heartbeatSchema = z.object({channel: z.literal('heartbeat')});

export const pongSchema = z.object({
	method: z.literal('pong'),
	req_id: z.number().int().optional(),
});

export const acknowledgementSchema = z.discriminatedUnion('success', [
	z.object({
		method: z.enum(['subscribe', 'unsubscribe']),
		success: z.literal(true),
		result: z.object({channel: z.string(), symbol: z.string()}),
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

const positive = z.number().positive().finite();

const tradeSchema = z.object({
	symbol: z.string().regex(/^[A-Za-z\d.]{1,16}\/[A-Za-z\d.]{1,16}$/, 'not a pair name'),
	side: z.enum(['buy', 'sell']),
	price: positive,
	qty: positive,
	ord_type: z.enum(['market', 'limit']),
	trade_id: z.number().int().nonnegative(),
	timestamp: z.iso.datetime({offset: true}),
});

export const tradeMessageSchema = z.object({
	channel: z.literal('trade'),
	type: z.enum(['snapshot', 'update']),
	data: z.array(tradeSchema),
});

export type V2TradeMessage = z.infer<typeof tradeMessageSchema>;
