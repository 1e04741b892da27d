const restorers = new Set<() => void>();

/** Registers what puts the terminal back as it was; returns a function that unregisters it. */
export function onRestoreTerminal(restore: () => void): () => void {
	restorers.add(restore);
	return () => {
		restorers.delete(restore);
	};
}

/**
 * Puts the terminal back now, once. Called on every way out, and before a fatal error is
 * printed, so the message lands on the shell's screen rather than in the alternate one.
 */
export function restoreTerminal(): void {
	for (const restore of restorers) {
		restore();
	}

	restorers.clear();
}
