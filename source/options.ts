import {readArguments} from './cli/arguments.js';
import {readFlagValues, type ParsedFlags} from './cli/flag-values.js';
import {defaultUrls, type FlagValues} from './cli/flags.js';
import {helpText} from './cli/help.js';
import {loadConfig, type LoadedConfig} from './config/config-file.js';
import {alertLogPath, configLocation, type ConfigLocation} from './config/config-paths.js';
import type {FileAlert} from './config/config-schema.js';
import {mergeSettings, type Settings} from './config/settings.js';
import {InputError} from './input-error.js';
import {apiOfUrl, restUrlFor} from './kraken/endpoints.js';
import {parsePair} from './kraken/pair-names.js';
import {userAgentOf} from './kraken/rest/user-agent.js';
import type {KeyBindings} from './model/key-bindings.js';
import {themes, type ThemeName, type ThemeSpec} from './model/theme.js';
import type {AlertRule, ApiVersion, BookDepth, CandleInterval, Channel} from './model/types.js';

/** Options for watching a feed, on screen or as JSON lines. */
export type WatchOptions = Readonly<{
	command: 'watch';
	api: ApiVersion;
	/** Undefined with --demo: the built-in exchange's address is known only once it listens. */
	url: string | undefined;
	/** Kraken's REST base; undefined with --demo, as the url. */
	restUrl: string | undefined;
	/** The latest trades each tape starts with, from REST; 0 for none. */
	backfill: number;
	/** `kraken-tape/<version>`, sent with every REST call as Kraken asks. */
	userAgent: string;
	isDemo: boolean;
	pairs: readonly string[];
	isJson: boolean;
	/** What to subscribe for every pair. */
	channels: readonly Channel[];
	/** The candles' length in minutes. */
	interval: CandleInterval;
	/** The book's levels a side. */
	depth: BookDepth;
	alerts: readonly AlertRule[];
	exitOnAlert: boolean;
	history: number;
	recordFile: string | undefined;
	/** Notional in quote currency from which a trade is highlighted; undefined: adaptive. */
	bigNotional: number | undefined;
	isAscii: boolean;
	/** --no-color, or NO_COLOR unless FORCE_COLOR asks for colour: no colours, other styles kept. */
	isColourless: boolean;
	themeName: ThemeName;
	/** The theme's colours with the config's [colours] over them, as written. */
	theme: ThemeSpec;
	bindings: KeyBindings;
	/** Where alert commands' output goes. */
	alertLog: string;
	/** How long an alert command may run before it is stopped. */
	alertTimeoutMs: number;
}>;

export type ServeOptions = Readonly<{
	command: 'serve';
	port: number;
	host: string;
	replayFile: string | undefined;
	speed: number;
}>;

/** --help or --version, for either command: the text to print, and nothing started. */
export type PrintOptions =
	Readonly<{command: 'help'; text: string}> | Readonly<{command: 'version'; text: string}>;

/**
 * `kraken-tape config`: the settings a run with the same flags would have and where each came
 * from, or, with --init, where to write a starting file.
 */
export type ConfigOptions =
	| Readonly<{
			command: 'config';
			isInit: false;
			watch: WatchOptions;
			settings: Settings;
			config: LoadedConfig;
	  }>
	| Readonly<{command: 'config'; isInit: true; location: ConfigLocation}>;

export type Options = WatchOptions | ServeOptions | PrintOptions | ConfigOptions;

/** What the command line cannot say about itself: where the process runs. */
export type ProcessContext = Readonly<{
	/** Whether stdout is a terminal: JSON lines are written when it is not. */
	isTerminal: boolean;
	environment: NodeJS.ProcessEnv;
}>;

function pairFor(text: string, api: ApiVersion): string {
	const result = parsePair(text, api);
	if (!result.ok) {
		throw new InputError(result.message);
	}

	return result.pair;
}

function alertFor({rule, run}: FileAlert, api: ApiVersion): AlertRule {
	const pair = pairFor(rule.pair, api);
	const alert = {...rule, pair, text: `${pair}${rule.operator}${rule.level}`};
	return run === undefined ? alert : {...alert, run};
}

/** Without --api, a --url whose path ends in /v2 means v2 and any other v1 (Kraken's is `/`). */
function apiFor({api, url}: FlagValues): ApiVersion {
	if (api !== undefined) {
		return api;
	}

	if (url !== undefined) {
		return apiOfUrl(url);
	}

	return 'v2';
}

function serveOptions(input: readonly string[], {values, given}: ParsedFlags): ServeOptions {
	if (input.length > 1) {
		throw new InputError(`serve takes no pairs, got "${input[1]}"`);
	}

	if (given.has('speed') && values.replay === undefined) {
		throw new InputError("--speed needs --replay: it sets the replay's speed");
	}

	return {
		command: 'serve',
		port: values.port,
		host: values.host,
		replayFile: values.replay,
		speed: values.speed,
	};
}

function watchOptions(
	settings: Settings,
	{isTerminal, environment}: ProcessContext,
	version: string,
): WatchOptions {
	const {values} = settings;
	if (values.demo && values.url !== undefined) {
		throw new InputError('--demo runs the built-in exchange, so it cannot take --url');
	}

	const api = apiFor(values);
	const pairs = [...new Set(settings.pairs.map((pair) => pairFor(pair, api)))];
	const alerts = settings.alerts.map((alert) => alertFor(alert, api));
	if (values['exit-on-alert'] && alerts.length === 0) {
		throw new InputError('--exit-on-alert needs at least one --alert rule');
	}

	// Pairs named only in alerts are watched too.
	for (const alert of alerts) {
		if (!pairs.includes(alert.pair)) {
			pairs.push(alert.pair);
		}
	}

	if (values.demo && values['rest-url'] !== undefined) {
		throw new InputError('--demo runs the built-in exchange, so it cannot take --rest-url');
	}

	const isJson = values.json || !isTerminal;
	const url = values.demo ? undefined : (values.url ?? defaultUrls[api]);
	return {
		command: 'watch',
		api,
		url,
		restUrl: values['rest-url'] ?? (url === undefined ? undefined : restUrlFor(url)),
		backfill: values.backfill,
		userAgent: userAgentOf(version),
		isDemo: values.demo,
		pairs,
		isJson,
		// The screen subscribes to everything it draws; --json writes trades unless told more.
		channels: values.channels ?? (isJson ? ['trade'] : ['trade', 'ticker', 'ohlc', 'book']),
		interval: values.interval,
		depth: values.depth,
		alerts,
		exitOnAlert: values['exit-on-alert'],
		history: values.history,
		recordFile: values.record,
		bigNotional: values.big,
		isAscii: values.ascii,
		// --no-color is asked for by name, so it wins; NO_COLOR (set to anything but the empty
		// string, no-color.org) is a standing wish that FORCE_COLOR overrides.
		isColourless:
			values['no-color'] ||
			((environment['NO_COLOR'] ?? '') !== '' && environment['FORCE_COLOR'] === undefined),
		themeName: values.theme ?? 'default',
		theme: {...themes[values.theme ?? 'default'], ...settings.colours},
		bindings: settings.bindings,
		alertLog: alertLogPath(environment),
		alertTimeoutMs: values['alert-timeout'] * 1000,
	};
}

/** The config command's options: its flags are the screen's, its pairs follow the word config. */
function configOptions(
	input: readonly string[],
	flags: ParsedFlags,
	context: ProcessContext,
	version: string,
): ConfigOptions {
	const {values} = flags;
	const location = configLocation(values.config, values['no-config'], context.environment);
	if (values.init) {
		if (location.isIgnored) {
			throw new InputError('--init writes the config file, which --no-config ignores');
		}

		return {command: 'config', isInit: true, location};
	}

	const config = loadConfig(location, context.environment);
	const settings = mergeSettings(input.slice(1), flags, config);
	// What the screen would use, whether or not this report goes to a terminal; --json says so.
	const watch = watchOptions(settings, {...context, isTerminal: true}, version);
	return {command: 'config', isInit: false, watch, settings, config};
}

/**
 * Turns the command line (without node and the script) into validated options. Unknown flags
 * are refused first, then --help and --version answer whatever else is there; then each flag
 * is checked on its own (cli/flag-values.ts) and last what holds between flags and pairs.
 * Throws an InputError saying what is wrong.
 */
export function parseOptions(argv: readonly string[], context: ProcessContext): Options {
	const {input, rawFlags, negated, description, version} = readArguments(argv);
	if (rawFlags.help === true) {
		return {command: 'help', text: helpText(description)};
	}

	if (rawFlags.version === true) {
		return {command: 'version', text: version};
	}

	const command = input[0] === 'serve' || input[0] === 'config' ? input[0] : 'watch';
	const flags = readFlagValues(command, rawFlags, negated);
	if (command === 'serve') {
		return serveOptions(input, flags);
	}

	if (command === 'config') {
		return configOptions(input, flags, context, version);
	}

	const {values} = flags;
	const config = loadConfig(
		configLocation(values.config, values['no-config'], context.environment),
		context.environment,
	);
	return watchOptions(mergeSettings(input, flags, config), context, version);
}
