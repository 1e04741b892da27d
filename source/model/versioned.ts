/** Hears of every change; `isFirstTrades` when a tape that had none got its first. */
export type ChangeListener = (isFirstTrades: boolean) => void;

/**
 * Whatever the screen draws from without React owning it: every change counts in `version` and
 * is told to each listener, so a screen can draw at most once a tick (hooks/use-store-version.ts)
 * and still know whether anything changed since it last drew.
 */
export class Versioned {
	#version = 0;
	readonly #listeners = new Set<ChangeListener>();

	get version(): number {
		return this.#version;
	}

	/**
	 * Calls `listener` after every change, `isFirstTrades` when a tape that had none got its first
	 * (a screen draws those at once, not on its next tick); returns the function that stops it.
	 */
	subscribe(listener: ChangeListener): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/** Counts a change and tells every listener. */
	protected changed(isFirstTrades = false): void {
		this.#version++;
		for (const listener of this.#listeners) {
			listener(isFirstTrades);
		}
	}
}
