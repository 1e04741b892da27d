/** A timer handle from a Clock: opaque to its users. */
export type Timer = Readonly<{id: unknown}>;

/**
 * Time, for everything whose behaviour depends on it (the watchdog, pings, backoff): the system's
 * by default, a manual one in tests, which then assert exact times without waiting.
 */
export type Clock = Readonly<{
	now(): number;
	setTimeout(callback: () => void, milliseconds: number): Timer;
	setInterval(callback: () => void, milliseconds: number): Timer;
	/** Clears a timeout or an interval; clearing one already gone does nothing. */
	clear(timer: Timer | undefined): void;
}>;

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, milliseconds) => ({id: setTimeout(callback, milliseconds)}),
	setInterval: (callback, milliseconds) => ({id: setInterval(callback, milliseconds)}),
	clear(timer) {
		if (timer) {
			clearTimeout(timer.id as NodeJS.Timeout);
		}
	},
};
