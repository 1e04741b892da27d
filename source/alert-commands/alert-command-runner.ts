import {spawn} from 'node:child_process';
import path from 'node:path';
import {alertFields} from '../model/alert-fields.js';
import type {AlertEvent} from '../model/types.js';
import {AlertLog} from './alert-log.js';

export type AlertCommandOptions = Readonly<{
	/** Where commands' output and kraken-tape's lines about them go. */
	logPath: string;
	/** The log as messages name it (~ for the home directory). */
	shownLog: string;
	/** A command still running after this long is stopped, and that is a failure. */
	timeoutMs: number;
	/** What commands inherit (the user's environment); the alert's values are added to it. */
	environment: NodeJS.ProcessEnv;
	/** One line for each command that failed, and a log that cannot be written. */
	onProblem: (message: string) => void;
	/** Between asking a timed-out command to stop (SIGTERM) and making it (SIGKILL). */
	killGraceMs?: number;
}>;

/**
 * The user's shell, as a terminal would start it: $SHELL where it names one, else /bin/sh.
 * Windows has no $SHELL convention; Node's own choice there is cmd.exe.
 */
function shellOf(environment: NodeJS.ProcessEnv): string | true {
	if (process.platform === 'win32') {
		return true;
	}

	const shell = environment['SHELL'];
	return shell !== undefined && path.isAbsolute(shell) ? shell : '/bin/sh';
}

/** The alert's values, the only way they reach the command: never written into its text. */
function environmentFor(
	alert: AlertEvent,
	isSimulated: boolean,
	base: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
	const {pair, rule, price, time} = alertFields(alert);
	const environment: NodeJS.ProcessEnv = {
		...base,
		KRAKEN_TAPE_PAIR: pair,
		KRAKEN_TAPE_RULE: rule,
		KRAKEN_TAPE_PRICE: price,
		KRAKEN_TAPE_TIME: time,
	};
	// Set only when true, and never inherited: a script may test for it.
	delete environment['KRAKEN_TAPE_SIMULATED'];
	return isSimulated ? {...environment, KRAKEN_TAPE_SIMULATED: '1'} : environment;
}

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

/**
 * Runs each alert's command (its rule's `run`) through the user's shell, away from the screen:
 * no terminal (stdin closed, output to the log), its own process group, so neither keys nor the
 * terminal's signals reach it, and it outlives kraken-tape if still running when kraken-tape
 * ends. At most one command a rule at a time: a crossing while the last one runs is logged, not
 * run. A command that fails, is stopped at the timeout or cannot start is reported, and the
 * feed goes on.
 */
export class AlertCommandRunner {
	readonly #options: AlertCommandOptions;
	readonly #log: AlertLog;
	/** Each rule's command still running, by the rule's text, as a promise of its end. */
	readonly #running = new Map<string, Promise<void>>();

	constructor(options: AlertCommandOptions) {
		this.#options = options;
		this.#log = new AlertLog(options.logPath, options.onProblem);
	}

	/**
	 * Runs the alert's command, if its rule has one; resolves once that command has ended (or at
	 * once when there is none or it is skipped), never rejects.
	 */
	async run(alert: AlertEvent, isSimulated: boolean): Promise<void> {
		const command = alert.rule.run;
		if (command === undefined) {
			return;
		}

		const {rule, price} = alertFields(alert);
		const running = this.#running.get(rule);
		if (running !== undefined) {
			this.#log.note(
				`${rule} crossed again at ${price} while its last command still runs: not run again`,
			);
			return running;
		}

		const ended = this.#start(alert, command, isSimulated).finally(() =>
			this.#running.delete(rule),
		);
		this.#running.set(rule, ended);
		return ended;
	}

	/** Resolves once every command started so far has ended. */
	async settled(): Promise<void> {
		await Promise.all(this.#running.values());
	}

	#fail(rule: string, what: string): void {
		this.#options.onProblem(
			`alert ${rule}: its command ${what} (output in ${this.#options.shownLog})`,
		);
	}

	async #start(alert: AlertEvent, command: string, isSimulated: boolean): Promise<void> {
		const {rule, price} = alertFields(alert);
		const {timeoutMs, killGraceMs = 2000} = this.#options;
		this.#log.note(`${rule} at ${price}: running ${command}`);
		const output = this.#log.openForCommand();
		const startedAt = Date.now();
		return new Promise<void>((resolve) => {
			let child;
			try {
				child = spawn(command, {
					shell: shellOf(this.#options.environment),
					env: environmentFor(alert, isSimulated, this.#options.environment),
					stdio: ['ignore', output ?? 'ignore', output ?? 'ignore'],
					detached: true,
				});
			} catch (error) {
				this.#log.close(output);
				this.#fail(rule, `could not start (${(error as Error).message})`);
				resolve();
				return;
			}

			// The child has its own copy now.
			this.#log.close(output);
			// kraken-tape can end without waiting for it.
			child.unref();
			let isTimedOut = false;
			let killTimer: NodeJS.Timeout | undefined;
			const stopGroup = (signal: NodeJS.Signals) => {
				try {
					// The whole group: the shell and whatever it started.
					process.kill(-(child.pid ?? 0), signal);
				} catch {
					// Gone already.
				}
			};

			const timer = setTimeout(() => {
				isTimedOut = true;
				stopGroup('SIGTERM');
				killTimer = setTimeout(() => stopGroup('SIGKILL'), killGraceMs);
			}, timeoutMs);
			let isFinished = false;
			// A child that cannot start can report an error and an exit both.
			const finish = (what: string | undefined) => {
				if (isFinished) {
					return;
				}

				isFinished = true;
				clearTimeout(timer);
				clearTimeout(killTimer);
				const took = seconds(Date.now() - startedAt);
				this.#log.note(`${rule}: ${what ?? 'exited 0'} after ${took}`);
				if (what !== undefined) {
					this.#fail(rule, what);
				}

				resolve();
			};

			child.once('error', (error) => finish(`could not start (${error.message})`));
			child.once('exit', (code, signal) => {
				if (isTimedOut) {
					finish(`was stopped at the ${seconds(timeoutMs)} timeout`);
				} else if (signal !== null) {
					finish(`was ended by ${signal}`);
				} else {
					finish(code === 0 ? undefined : `exited ${code}`);
				}
			});
		});
	}
}
