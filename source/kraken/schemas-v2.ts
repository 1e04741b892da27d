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
const pairName = /^[A-Za-z\d.]{1,16}\/[A-Za-z\d.]{1,16}$/;
const timestamp = z.iso.datetime({offset: true});

const tradeSchema = z.object({
	symbol: z.string().regex(pairName, 'not a pair name'),
	side: z.enum(['buy', 'sell']),
	price: positive,
	qty: positive,
	ord_type: z.enum(['market', 'limit']),
	trade_id: z.number().int().nonnegative(),
	timestamp,
});

export const tradeMessageSchema = z.object({
	channel: z.literal('trade'),
	type: z.enum(['snapshot', 'update']),
	data: z.array(tradeSchema),
});

export type V2TradeMessage = z.infer<typeof tradeMessageSchema>;

const timestampPattern = timestamp.def.pattern;

/**
 * The same test as tradeMessageSchema, made on the parsed frame in place. zod builds a checked
 * copy of every frame, which was a third of all the memory a firehose of trades allocated (npm
 * run bench); trade frames are nearly all the traffic. It only ever accepts what the schema
 * accepts (test/kraken/schemas-v2.test.ts); anything it refuses goes to the schema, which has the
 * last word and says what is wrong.
 */
export function isTradeMessage(value: Record<string, unknown>): value is V2TradeMessage {
	const {data} = value;
	if (
		value['channel'] !== 'trade' ||
		(value['type'] !== 'snapshot' && value['type'] !== 'update') ||
		!Array.isArray(data)
	) {
		return false;
	}

	for (const entry of data as unknown[]) {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			return false;
		}

		const trade = entry as Record<string, unknown>;
		if (
			typeof trade['symbol'] !== 'string' ||
			!pairName.test(trade['symbol']) ||
			(trade['side'] !== 'buy' && trade['side'] !== 'sell') ||
			!isPositive(trade['price']) ||
			!isPositive(trade['qty']) ||
			(trade['ord_type'] !== 'market' && trade['ord_type'] !== 'limit') ||
			!Number.isSafeInteger(trade['trade_id']) ||
			(trade['trade_id'] as number) < 0 ||
			typeof trade['timestamp'] !== 'string' ||
			!timestampPattern?.test(trade['timestamp'])
		) {
			return false;
		}
	}

	return true;
}

function isPositive(value: unknown): boolean {
	return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
