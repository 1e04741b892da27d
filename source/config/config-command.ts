import type {Writable} from 'node:stream';
import {exitCodes} from '../exit-codes.js';
import type {ConfigOptions} from '../options.js';
import {shownPath} from './config-paths.js';
import {configReport} from './config-report.js';
import {writeStartingConfig} from './config-init.js';

/**
 * `kraken-tape config`: prints the settings in effect, or with --init writes a starting file.
 * Resolves with the exit code; a file that cannot be written is an InputError, as bad input is.
 */
export function runConfig(
	options: ConfigOptions,
	stdout: Writable,
	environment: NodeJS.ProcessEnv,
): number {
	if (options.isInit) {
		const shown = shownPath(options.location.path, environment);
		writeStartingConfig(options.location, shown);
		stdout.write(
			`kraken-tape: wrote a starting config file to ${shown}; every line in it is a comment until you uncomment it\n`,
		);
		return exitCodes.ok;
	}

	const {watch, settings, config} = options;
	const shownAlertLog = shownPath(watch.alertLog, environment);
	stdout.write(`${configReport(watch, settings, config, shownAlertLog)}\n`);
	return exitCodes.ok;
}
