import {readFileSync} from 'node:fs';
import {parse} from 'smol-toml';
import {InputError} from '../input-error.js';
import {configProblem} from './config-errors.js';
import {shownPath, type ConfigLocation} from './config-paths.js';
import {configSchema, fileSettingsOf, type FileSettings} from './config-schema.js';
import {tomlLines} from './toml-lines.js';

/** The config file as read: where it is, whether it is there, and what it says. */
export type LoadedConfig = Readonly<{
	location: ConfigLocation;
	/** The path as messages show it (~ for the home directory). */
	shown: string;
	exists: boolean;
	settings: FileSettings;
	/** Each key's line, for problems found once the file meets the flags (two keys on one action). */
	lines: ReadonlyMap<string, number>;
}>;

const nothing: FileSettings = {flags: {}};

function readText(location: ConfigLocation, shown: string): string | undefined {
	try {
		return readFileSync(location.path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		// The default file is optional; one named with --config is not.
		if (code === 'ENOENT' && !location.isNamed) {
			return undefined;
		}

		throw new InputError(`${location.isNamed ? '--config: ' : ''}cannot read ${shown} (${code})`);
	}
}

/** The parser's reason, without its heading and the excerpt it draws under it. */
function syntaxReason(error: unknown): Readonly<{line: number | undefined; reason: string}> {
	const {message, line} = error as Error & {line?: number};
	const reason = (message.split('\n')[0] ?? message).replace(/^Invalid TOML document:\s*/, '');
	return {line, reason};
}

/**
 * Reads, parses and checks the config file `location` names. A file with a problem is bad input:
 * an InputError of one line naming the file, the line, the key and what is wrong. A missing
 * default file, or --no-config, means no settings from a file.
 */
export function loadConfig(location: ConfigLocation, environment: NodeJS.ProcessEnv): LoadedConfig {
	const shown = shownPath(location.path, environment);
	const none = {location, shown, settings: nothing, lines: new Map<string, number>()};
	if (location.isIgnored) {
		return {...none, exists: false};
	}

	// A byte order mark is not TOML, but editors on some systems write one.
	const text = readText(location, shown)?.replace(/^\uFEFF/, '');
	if (text === undefined) {
		return {...none, exists: false};
	}

	let document: unknown;
	try {
		document = parse(text);
	} catch (error) {
		const {line, reason} = syntaxReason(error);
		throw new InputError(`${shown}${line === undefined ? '' : `:${line}`}: ${reason}`);
	}

	const lines = tomlLines(text);
	const result = configSchema.safeParse(document);
	if (!result.success) {
		throw new InputError(configProblem(shown, result.error.issues, document, lines));
	}

	return {location, shown, exists: true, settings: fileSettingsOf(result.data), lines};
}
