import {krakenFeedUrls, krakenRestUrl} from '../kraken/endpoints.js';
import type {ApiVersion} from '../model/types.js';
import {
	alertRule,
	apiVersion,
	bookDepth,
	candleInterval,
	channelList,
	fileName,
	hostName,
	positiveNumber,
	restUrl,
	shellCommand,
	themeName,
	webSocketUrl,
	wholeNumberIn,
	type FlagSchema,
} from './flag-schemas.js';
import {notInConfig, type BooleanFlag, type FlagDefinition} from './flag-definition.js';

// Whoever reads the table can take its entries' shape from here too.

/** Kraken's own feeds and REST API: kraken/endpoints.ts, shared with the library. */
export const defaultUrls: Readonly<Record<ApiVersion, string>> = krakenFeedUrls;
export const defaultRestUrl = krakenRestUrl;

export const defaultPairs = ['XBT/USD', 'XRP/USD'] as const;

/**
 * Every flag, once, by its name as typed. Meow's flags, the help, the per-flag validation, the
 * unknown-flag check and the config file's keys all follow from this table; what holds between
 * flags (--exit-on-alert needs --alert) is in options.ts. Help groups and order follow the table.
 */
export const flagTable = {
	api: {
		command: 'watch',
		kind: 'string',
		argument: 'v1|v2',
		schema: apiVersion,
		help: ["Kraken WebSocket API version (default v2, or as --url's path says)"],
		config: 'api',
	},
	url: {
		command: 'watch',
		kind: 'string',
		argument: 'URL',
		schema: webSocketUrl,
		help: [`feed URL (default ${defaultUrls.v2}, v1: ${defaultUrls.v1})`],
		config: 'url',
	},
	'rest-url': {
		command: 'watch',
		kind: 'string',
		argument: 'URL',
		schema: restUrl,
		help: [
			"Kraken's REST API, for each tape's history and any gap in it",
			"(default https://api.kraken.com, or --url's host and port)",
		],
		config: 'rest-url',
	},
	demo: {
		command: 'watch',
		kind: 'boolean',
		help: ['use the built-in simulated exchange (offline; data is SIMULATED)'],
		config: notInConfig,
	},
	json: {
		command: 'watch',
		kind: 'boolean',
		help: ['write one JSON object per line to stdout'],
		config: notInConfig,
	},
	channels: {
		command: 'watch',
		kind: 'string',
		argument: 'LIST',
		schema: channelList,
		help: [
			'channels: trade, ticker, ohlc, book',
			'(default: all on screen, trade alone with --json)',
		],
		config: 'channels',
	},
	interval: {
		command: 'watch',
		kind: 'string',
		argument: 'M',
		schema: candleInterval,
		default: 1,
		help: [
			'candle interval in minutes (default 1):',
			'1, 5, 15, 30, 60, 240, 1440, 10080 or 21600',
		],
		config: 'interval',
	},
	depth: {
		command: 'watch',
		kind: 'string',
		argument: 'N',
		schema: bookDepth,
		default: 10,
		help: ['order book levels a side (default 10): 10, 25, 100, 500 or 1000'],
		config: 'depth',
	},
	alert: {
		command: 'watch',
		kind: 'list',
		argument: 'RULE',
		schema: alertRule,
		help: ["alert when a trade crosses a level, e.g. 'XBT/USD>=100000' (repeatable)"],
		config: 'alert',
	},
	'exit-on-alert': {
		command: 'watch',
		kind: 'boolean',
		help: ['exit 0 after the first alert fires (and its command ended)'],
		config: notInConfig,
	},
	'on-alert': {
		command: 'watch',
		kind: 'string',
		argument: 'CMD',
		schema: shellCommand,
		help: [
			'run CMD through your shell when an alert fires; the alert is in its',
			'environment only (KRAKEN_TAPE_PAIR, _RULE, _PRICE, _TIME)',
		],
		config: 'on-alert',
	},
	'alert-timeout': {
		command: 'watch',
		kind: 'string',
		argument: 'S',
		schema: wholeNumberIn(1, 3600),
		default: 30,
		help: ['stop an alert command still running after S seconds (default 30)'],
		config: 'alert-timeout',
	},
	backfill: {
		command: 'watch',
		kind: 'string',
		argument: 'N',
		schema: wholeNumberIn(0, 5000),
		default: 200,
		help: ['start each tape with its N latest trades from REST (default 200), 0 for none'],
		config: 'backfill',
	},
	history: {
		command: 'watch',
		kind: 'string',
		argument: 'N',
		schema: wholeNumberIn(1, 100_000),
		default: 1000,
		help: ['trades kept per pair (default 1000)'],
		config: 'history',
	},
	record: {
		command: 'watch',
		kind: 'string',
		argument: 'FILE',
		schema: fileName,
		help: ['append every received frame to FILE as NDJSON'],
		config: notInConfig,
	},
	big: {
		command: 'watch',
		kind: 'string',
		argument: 'N',
		schema: positiveNumber(),
		help: [
			'highlight trades worth at least N in the quote currency',
			"(default: ten times the pair's average trade)",
		],
		config: 'big',
	},
	ascii: {
		command: 'watch',
		kind: 'boolean',
		help: ['draw with ASCII only'],
		config: 'ascii',
	},
	// No default in the table: a theme not given is the default theme, and "(default default)"
	// would read as a stutter in the help.
	theme: {
		command: 'watch',
		kind: 'string',
		argument: 'NAME',
		schema: themeName,
		help: ['colours: default, light, high-contrast or colour-blind'],
		config: 'theme',
	},
	// Also read by the colour library itself (supports-color looks for --no-color in argv).
	// Taken by serve too, which has always let it pass.
	'no-color': {
		command: 'both',
		kind: 'boolean',
		help: [
			'no colours, whatever FORCE_COLOR says (also NO_COLOR=1, which FORCE_COLOR=1 overrides)',
		],
		config: notInConfig,
	},
	config: {
		command: 'watch',
		kind: 'string',
		argument: 'FILE',
		schema: fileName,
		help: ['read settings from FILE (default ~/.config/kraken-tape/config.toml)'],
		config: notInConfig,
	},
	// Typed --no-config; it shares meow's key with --config (cli/arguments.ts).
	'no-config': {
		command: 'watch',
		kind: 'boolean',
		help: ['ignore the config file: defaults and flags only'],
		config: notInConfig,
	},
	init: {
		command: 'config',
		kind: 'boolean',
		help: ['write a commented starting config file (never over an existing one)'],
		config: notInConfig,
	},
	port: {
		command: 'serve',
		kind: 'string',
		argument: 'N',
		schema: wholeNumberIn(0, 65_535),
		default: 8787,
		help: ['port to listen on (default 8787)'],
		config: notInConfig,
	},
	host: {
		command: 'serve',
		kind: 'string',
		argument: 'HOST',
		schema: hostName,
		default: '127.0.0.1',
		help: ['address to listen on (default 127.0.0.1)'],
		config: notInConfig,
	},
	replay: {
		command: 'serve',
		kind: 'string',
		argument: 'FILE',
		schema: fileName,
		help: ['replay a --record file instead of simulating'],
		config: notInConfig,
	},
	speed: {
		command: 'serve',
		kind: 'string',
		argument: 'X',
		schema: positiveNumber(1000),
		default: 1,
		help: ['replay speed multiplier (default 1)'],
		config: notInConfig,
	},
	// Said in the readme's flag table rather than in the help they print.
	help: {command: 'both', kind: 'boolean', short: 'h', help: [], config: notInConfig},
	version: {command: 'both', kind: 'boolean', short: 'v', help: [], config: notInConfig},
} as const satisfies Readonly<Record<string, FlagDefinition>>;

export type FlagName = keyof typeof flagTable;

type ValueOf<Definition> = Definition extends BooleanFlag
	? boolean
	: Definition extends {kind: 'list'; schema: FlagSchema<infer Value>}
		? readonly Value[]
		: Definition extends {kind: 'string'; schema: FlagSchema<infer Value>}
			? 'default' extends keyof Definition
				? Value
				: Value | undefined
			: never;

/** Every flag's value after its schema, with defaults: what options.ts builds options from. */
export type FlagValues = {readonly [Name in FlagName]: ValueOf<(typeof flagTable)[Name]>};

/** The table as a list, for what goes through every flag. */
export const flagEntries = Object.entries(flagTable) as ReadonlyArray<[FlagName, FlagDefinition]>;
