import {nextDelay, type BackoffPolicy} from './backoff.js';
import type {Clock} from './clock.js';

/** What the schedule needs to know of a connection that ended. */
export type EndedConnection = Readonly<{subscribedAt: number | undefined; wasRateLimited: boolean}>;

/**
 * When to try again: counts failures in a row (a connection that stayed subscribed for
 * `stableAfterMs` was healthy and starts the count over) and the attempts in the policy's window,
 * and asks the backoff policy for the wait.
 */
export class ReconnectSchedule {
	readonly #policy: BackoffPolicy;
	readonly #clock: Clock;
	readonly #random: () => number;
	readonly #stableAfterMs: number;
	readonly #attemptTimes: number[] = [];
	#failures = 0;

	constructor(policy: BackoffPolicy, clock: Clock, random: () => number, stableAfterMs: number) {
		this.#policy = policy;
		this.#clock = clock;
		this.#random = random;
		this.#stableAfterMs = stableAfterMs;
	}

	/** The attempt about to be made, counting from 1 after each healthy connection. */
	get nextAttempt(): number {
		return this.#failures + 1;
	}

	recordAttempt(): void {
		const now = this.#clock.now();
		this.#attemptTimes.push(now);
		while ((this.#attemptTimes[0] ?? now) <= now - this.#policy.windowMs) {
			this.#attemptTimes.shift();
		}
	}

	/** Counts the ended connection and returns how long to wait and which failure it was. */
	afterClose(
		connection: EndedConnection,
		isOnline: boolean,
	): Readonly<{delayMs: number; attempt: number}> {
		const now = this.#clock.now();
		const wasStable =
			connection.subscribedAt !== undefined && now - connection.subscribedAt >= this.#stableAfterMs;
		this.#failures = wasStable ? 1 : this.#failures + 1;
		const delayMs = nextDelay(
			{
				failures: this.#failures,
				isOnline,
				wasRateLimited: connection.wasRateLimited,
				attemptTimes: this.#attemptTimes,
				now,
				random: this.#random(),
			},
			this.#policy,
		);
		return {delayMs, attempt: this.#failures};
	}
}
