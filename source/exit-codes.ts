/** Exit codes, so scripts can tell what happened. Signals follow the shell's 128 + n. */
export const exitCodes = {
	ok: 0,
	/** An error the program did not expect; the message says what. */
	failure: 1,
	/**
	 * Bad input, an InputError wherever it is found: unknown flag, bad pair, URL, rule or number,
	 * a file that cannot be read or written.
	 */
	badInput: 2,
	/** The simulated exchange could not listen on its port. */
	cannotListen: 3,
	/** --json: the exchange refused every pair, so there is nothing to stream. */
	everyPairRefused: 4,
	hangUp: 129,
	interrupt: 130,
	terminate: 143,
} as const;

export const signalExitCodes = {
	SIGHUP: exitCodes.hangUp,
	SIGINT: exitCodes.interrupt,
	SIGTERM: exitCodes.terminate,
} as const;

/** Resolves with the exit code of the first of SIGINT, SIGTERM or SIGHUP to arrive. */
export function untilSignal(): Promise<number> {
	return new Promise((resolve) => {
		const handlers = Object.entries(signalExitCodes).map(([signal, code]) => {
			const handler = () => {
				for (const [name, registered] of handlers) {
					process.off(name, registered);
				}

				resolve(code);
			};

			process.on(signal, handler);
			return [signal, handler] as const;
		});
	});
}
