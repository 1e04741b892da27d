/** How many REST calls a client may make: a burst, then so many a second. */
export type RestLimits = Readonly<{
	/** Calls served back to back before the throttle answers (Kraken: somewhere past 15). */
	burst?: number;
	/** Calls a second the allowance refills by ("1 per second (or less)" stays within it). */
	perSecond?: number;
}>;

export const defaultRestLimits = {burst: 15, perSecond: 1} as const;

type Bucket = {tokens: number; time: number};

/** Buckets kept before the full ones are forgotten (a full bucket is the same as none). */
const bucketsBeforePruning = 1000;

/**
 * Kraken's public REST throttle: "rate limited by IP address and currency pair for calls to
 * Trades and OHLC, and by IP address only for calls to all other public endpoints"
 * (docs/kraken-channels.md, 4.6). One token bucket per key (the caller picks the key); a call
 * that finds it empty is refused and costs nothing.
 */
export class RestThrottle {
	readonly #burst: number;
	readonly #perSecond: number;
	readonly #now: () => number;
	readonly #buckets = new Map<string, Bucket>();

	constructor(limits: RestLimits = {}, now: () => number = Date.now) {
		this.#burst = limits.burst ?? defaultRestLimits.burst;
		this.#perSecond = limits.perSecond ?? defaultRestLimits.perSecond;
		this.#now = now;
	}

	/** Takes a call from `key`'s allowance; false when there is none left. */
	take(key: string): boolean {
		const now = this.#now();
		const bucket = this.#buckets.get(key) ?? {tokens: this.#burst, time: now};
		bucket.tokens = Math.min(
			this.#burst,
			bucket.tokens + (Math.max(0, now - bucket.time) / 1000) * this.#perSecond,
		);
		bucket.time = now;
		if (bucket.tokens < 1) {
			this.#buckets.set(key, bucket);
			return false;
		}

		bucket.tokens--;
		this.#buckets.set(key, bucket);
		if (this.#buckets.size > bucketsBeforePruning) {
			this.#prune(now);
		}

		return true;
	}

	#prune(now: number): void {
		for (const [key, bucket] of this.#buckets) {
			if (bucket.tokens + ((now - bucket.time) / 1000) * this.#perSecond >= this.#burst) {
				this.#buckets.delete(key);
			}
		}
	}
}
