/**
 * When to try the next connection. Kraken's advice (docs, "General Considerations"): reconnect at
 * once a handful of times after a random drop, no more often than every 5 s after maintenance or
 * repeated failures, and stay well under Cloudflare's ~150 attempts per rolling 10 minutes, past
 * which the address is banned for 10 minutes.
 */
export type BackoffPolicy = Readonly<{
	/** Retries after a random drop that may come quickly. */
	quickRetries: number;
	/** The first quick retry waits about this long; each further one doubles it. */
	quickBaseMs: number;
	/** The least wait once quick retries are spent, or while the exchange is not online. */
	slowFloorMs: number;
	/** The least wait after the server refused the handshake with HTTP 429. */
	rateLimitedFloorMs: number;
	capMs: number;
	windowMs: number;
	/** Attempts allowed in any `windowMs`; far below Kraken's 150 so a ban never comes near. */
	maximumAttemptsPerWindow: number;
	/** After `{"Error":"Exceeded msg rate"}`, pending subscriptions are sent again this much later. */
	rateLimitRetryMs: number;
	/** A book that fails again before it verifies an update is renewed this much later, doubling. */
	bookRenewalBaseMs: number;
	bookRenewalCapMs: number;
}>;

export const defaultBackoffPolicy: BackoffPolicy = {
	quickRetries: 3,
	quickBaseMs: 500,
	slowFloorMs: 5000,
	rateLimitedFloorMs: 15_000,
	capMs: 60_000,
	windowMs: 10 * 60_000,
	maximumAttemptsPerWindow: 60,
	rateLimitRetryMs: 5000,
	bookRenewalBaseMs: 1000,
	bookRenewalCapMs: 30_000,
};

export type BackoffInput = Readonly<{
	/** Failed attempts in a row, counting the one that just ended (so at least 1). */
	failures: number;
	isOnline: boolean;
	wasRateLimited: boolean;
	/** Start times of recent attempts, oldest first. */
	attemptTimes: readonly number[];
	now: number;
	/** A number in [0, 1), for jitter. */
	random: number;
}>;

/** Milliseconds to wait before the next attempt. */
export function nextDelay(
	input: BackoffInput,
	policy: BackoffPolicy = defaultBackoffPolicy,
): number {
	const {failures, isOnline, wasRateLimited, random} = input;
	// Jitter keeps many clients dropped at once by the same proxy from returning in step.
	const jitter = 0.5 + random * 0.5;
	let delay: number;
	if (isOnline && !wasRateLimited && failures <= policy.quickRetries) {
		delay = policy.quickBaseMs * 2 ** (failures - 1) * jitter;
	} else {
		const floor = wasRateLimited ? policy.rateLimitedFloorMs : policy.slowFloorMs;
		const slowFailures = Math.max(0, failures - policy.quickRetries - 1);
		const ceiling = Math.min(policy.capMs, floor * 2 ** slowFailures);
		delay = Math.max(floor, ceiling * jitter);
	}

	return Math.round(Math.max(delay, windowWait(input, policy)));
}

/** How long until one more attempt fits the per-window budget. */
function windowWait(input: BackoffInput, policy: BackoffPolicy): number {
	const recent = input.attemptTimes.filter((time) => input.now - time < policy.windowMs);
	if (recent.length < policy.maximumAttemptsPerWindow) {
		return 0;
	}

	const oldestThatMustExpire = recent[recent.length - policy.maximumAttemptsPerWindow] ?? input.now;
	return oldestThatMustExpire + policy.windowMs - input.now;
}

/**
 * How long to wait before renewing a book that failed `failingRun` times in a row: at once the
 * first time, then 1, 2, 4 … s up to the cap, so an exchange sending bad books is not asked for a
 * new one as fast as it answers (Kraken counts requests against a rate limit).
 */
export function bookRenewalDelay(
	failingRun: number,
	policy: BackoffPolicy = defaultBackoffPolicy,
): number {
	return failingRun <= 1
		? 0
		: Math.min(policy.bookRenewalCapMs, policy.bookRenewalBaseMs * 2 ** (failingRun - 2));
}
