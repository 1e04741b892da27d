import {appendFileSync, closeSync, mkdirSync, openSync} from 'node:fs';
import path from 'node:path';

/**
 * The file alert commands write to, and kraken-tape's line before and after each run, so the
 * output there reads in order: which alert ran what, what it printed, how it ended. Opened
 * afresh for each line and each command (a user may rotate or delete it while kraken-tape
 * runs). A log that cannot be written is said once; the commands still run, their output lost.
 */
export class AlertLog {
	readonly #path: string;
	readonly #onProblem: (message: string) => void;
	#hasFailed = false;

	constructor(file: string, onProblem: (message: string) => void) {
		this.#path = file;
		this.#onProblem = onProblem;
	}

	/** One line of kraken-tape's own, stamped with the time. */
	note(text: string): void {
		try {
			mkdirSync(path.dirname(this.#path), {recursive: true});
			appendFileSync(this.#path, `${new Date().toISOString()} ${text}\n`);
		} catch (error) {
			this.#failed(error);
		}
	}

	/**
	 * A descriptor open for appending, to hand a command as its stdout and stderr; the caller
	 * closes it once the command has it. Undefined when the log cannot be opened.
	 */
	openForCommand(): number | undefined {
		try {
			mkdirSync(path.dirname(this.#path), {recursive: true});
			return openSync(this.#path, 'a');
		} catch (error) {
			this.#failed(error);
			return undefined;
		}
	}

	close(descriptor: number | undefined): void {
		if (descriptor !== undefined) {
			closeSync(descriptor);
		}
	}

	#failed(error: unknown): void {
		if (!this.#hasFailed) {
			this.#hasFailed = true;
			const code = (error as NodeJS.ErrnoException).code ?? 'error';
			this.#onProblem(
				`cannot write the alert log ${this.#path} (${code}): alert commands run, their output is lost`,
			);
		}
	}
}
