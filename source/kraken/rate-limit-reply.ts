import * as z from 'zod';
import type {FeedMessage} from './feed-message.js';

/**
 * Kraken's rate-limit reply has the same shape on v1 and v2, a capitalised key and no `event`,
 * `channel` or `method`: `{"Error":"Exceeded msg rate"}` (docs/kraken-protocol.md, 3.1).
 */
const rateLimitSchema = z.object({Error: z.string()});

/** The rate-limit reply as a message, or undefined when `object` is not one. */
export function decodeRateLimit(object: Record<string, unknown>): FeedMessage | undefined {
	const parsed = rateLimitSchema.safeParse(object);
	return parsed.success ? {kind: 'rate-limited', message: parsed.data.Error} : undefined;
}
