import {homedir} from 'node:os';
import path from 'node:path';

/**
 * Where kraken-tape keeps its files, after the XDG Base Directory specification: the config in
 * $XDG_CONFIG_HOME (~/.config by default), what it writes as it runs (the alert commands' log)
 * in $XDG_STATE_HOME (~/.local/state by default). A relative XDG path is to be ignored, the
 * specification says, so it is.
 */
function baseDirectory(
	environment: NodeJS.ProcessEnv,
	variable: 'XDG_CONFIG_HOME' | 'XDG_STATE_HOME',
	fallback: readonly string[],
): string {
	const set = environment[variable];
	if (set !== undefined && path.isAbsolute(set)) {
		return set;
	}

	return path.join(homeOf(environment), ...fallback);
}

/** $HOME where it is set (so tests and sandboxes can move it), else the account's home. */
function homeOf(environment: NodeJS.ProcessEnv): string {
	const home = environment['HOME'];
	return home !== undefined && home !== '' ? home : homedir();
}

/** The config file read when no --config names another. */
export function defaultConfigPath(environment: NodeJS.ProcessEnv): string {
	return path.join(
		baseDirectory(environment, 'XDG_CONFIG_HOME', ['.config']),
		'kraken-tape',
		'config.toml',
	);
}

/** Where alert commands' output goes: named in the readme, so users know where to look. */
export function alertLogPath(environment: NodeJS.ProcessEnv): string {
	return path.join(
		baseDirectory(environment, 'XDG_STATE_HOME', ['.local', 'state']),
		'kraken-tape',
		'alerts.log',
	);
}

/** A path as a message shows it: under the home directory as ~/..., to keep the line short. */
export function shownPath(file: string, environment: NodeJS.ProcessEnv): string {
	const home = homeOf(environment);
	return file.startsWith(`${home}${path.sep}`) ? `~${file.slice(home.length)}` : file;
}

/** Which file the settings come from, if any. */
export type ConfigLocation = Readonly<{
	path: string;
	/** --config named it: then it must exist. The default may be missing. */
	isNamed: boolean;
	/** --no-config: defaults and flags only. */
	isIgnored: boolean;
}>;

/** The file --config names, or the default one; --no-config ignores either. */
export function configLocation(
	named: string | undefined,
	isIgnored: boolean,
	environment: NodeJS.ProcessEnv,
): ConfigLocation {
	return {
		path: named === undefined ? defaultConfigPath(environment) : path.resolve(named),
		isNamed: named !== undefined,
		isIgnored,
	};
}
