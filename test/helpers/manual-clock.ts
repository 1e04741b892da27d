import type {Clock, Timer} from '../../source/kraken/clock.js';

type Scheduled = {at: number; callback: () => void; everyMs?: number};

/**
 * A clock that moves only when told: timers fire, in time order, as `advance` passes their time.
 * Sockets still run on real time; only what the client schedules waits for this clock.
 */
export class ManualClock implements Clock {
	#now: number;
	readonly #timers = new Map<symbol, Scheduled>();

	constructor(start = Date.UTC(2026, 11, 6, 12, 0, 0)) {
		this.#now = start;
	}

	now(): number {
		return this.#now;
	}

	setTimeout(callback: () => void, milliseconds: number): Timer {
		const id = Symbol('timeout');
		this.#timers.set(id, {at: this.#now + milliseconds, callback});
		return {id};
	}

	setInterval(callback: () => void, milliseconds: number): Timer {
		const id = Symbol('interval');
		this.#timers.set(id, {at: this.#now + milliseconds, callback, everyMs: milliseconds});
		return {id};
	}

	clear(timer: Timer | undefined): void {
		if (timer) {
			this.#timers.delete(timer.id as symbol);
		}
	}

	/** Moves time on by `milliseconds`, firing every timer that falls due on the way, in order. */
	advance(milliseconds: number): void {
		const end = this.#now + milliseconds;
		for (;;) {
			const next = this.#nextDue(end);
			if (!next) {
				break;
			}

			const [id, scheduled] = next;
			this.#now = scheduled.at;
			if (scheduled.everyMs === undefined) {
				this.#timers.delete(id);
			} else {
				scheduled.at += scheduled.everyMs;
			}

			scheduled.callback();
		}

		this.#now = end;
	}

	/** Timers waiting to fire. */
	get pending(): number {
		return this.#timers.size;
	}

	#nextDue(end: number): [symbol, Scheduled] | undefined {
		let due: [symbol, Scheduled] | undefined;
		for (const entry of this.#timers) {
			if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) {
				due = entry;
			}
		}

		return due;
	}
}
