/**
 * How long one turn of the event loop may spend on a socket's messages before the socket is
 * paused until the next turn. Node reads a readable socket up to 32 times a turn, 64 KB at a
 * time, so a client that fell behind (a burst, code not yet optimised) could otherwise spend
 * hundreds of milliseconds on a backlog in one go, while keys and frames wait behind it.
 */
export const readBudgetMs = 4;

/**
 * Pauses a source of messages once a turn has spent its budget on them and resumes it on the
 * next turn (setImmediate runs after the turn's I/O, before its next timers). What was already
 * read is still delivered, in order: pausing only stops further reads.
 */
export class ReadBudget {
	readonly #budgetMs: number;
	readonly #pause: () => void;
	readonly #resume: () => void;
	readonly #now: () => number;
	#turnStartedAt: number | undefined;
	#isPaused = false;

	constructor(
		options: Readonly<{
			budgetMs: number;
			pause(): void;
			resume(): void;
			now(): number;
		}>,
	) {
		this.#budgetMs = options.budgetMs;
		this.#pause = options.pause;
		this.#resume = options.resume;
		this.#now = options.now;
	}

	/** Called after each message is handled. */
	spent(): void {
		const now = this.#now();
		if (this.#turnStartedAt === undefined) {
			this.#turnStartedAt = now;
			setImmediate(this.#endTurn);
			return;
		}

		if (!this.#isPaused && now - this.#turnStartedAt >= this.#budgetMs) {
			this.#isPaused = true;
			this.#pause();
		}
	}

	readonly #endTurn = (): void => {
		this.#turnStartedAt = undefined;
		if (this.#isPaused) {
			this.#isPaused = false;
			this.#resume();
		}
	};
}
