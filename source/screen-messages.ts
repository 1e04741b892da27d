/** Lines for stderr from a run on the screen. */
export type ScreenMessages = Readonly<{
	/**
	 * Says `line` on stderr: at once when stderr is not the screen's terminal, else on the way
	 * out, if `isStillTrue` (when given) says it still holds then.
	 */
	say(line: string, isStillTrue?: () => boolean): void;
	/** Writes what was held, once the screen is gone. */
	flush(): void;
}>;

/**
 * Stderr while the screen is up. A line written over the alternate screen would be drawn over
 * by the next frame (the frame writer sends only what it thinks changed), so when stderr is the
 * terminal, lines wait for the screen to close and land on the shell's screen; redirected
 * (`2>>kraken-tape.log`), they go at once.
 */
export function createScreenMessages(stderr: NodeJS.WriteStream): ScreenMessages {
	const held: Array<Readonly<{line: string; isStillTrue?: () => boolean}>> = [];
	const write = (line: string) => stderr.write(`kraken-tape: ${line}\n`);
	return {
		say(line, isStillTrue) {
			if (stderr.isTTY) {
				held.push({line, isStillTrue});
			} else {
				write(line);
			}
		},
		flush() {
			for (const {line, isStillTrue} of held.splice(0)) {
				if (isStillTrue?.() ?? true) {
					write(line);
				}
			}
		},
	};
}
