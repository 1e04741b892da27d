import * as z from 'zod';
import {parsePair} from './kraken/pair-names.js';
import {parseAlertRule} from './model/alerts.js';
import type {AlertRule, ApiVersion} from './model/types.js';

export const defaultUrls: Readonly<Record<ApiVersion, string>> = {
	v1: 'wss://ws.kraken.com/',
	v2: 'wss://ws.kraken.com/v2',
};

export const defaultPairs = ['XBT/USD', 'XRP/USD'] as const;

/** Options for watching a feed, on screen or as JSON lines. */
export type WatchOptions = Readonly<{
	command: 'watch';
	api: ApiVersion;
	/** Undefined with --demo: the built-in exchange's address is known only once it listens. */
	url: string | undefined;
	isDemo: boolean;
	pairs: readonly string[];
	isJson: boolean;
	alerts: readonly AlertRule[];
	exitOnAlert: boolean;
	history: number;
	recordFile: string | undefined;
	/** Notional in quote currency from which a trade is highlighted; undefined: adaptive. */
	bigNotional: number | undefined;
	isAscii: boolean;
	/** NO_COLOR or --no-color, unless FORCE_COLOR asks for colour: no colours, other styles kept. */
	isColourless: boolean;
}>;

export type ServeOptions = Readonly<{
	command: 'serve';
	port: number;
	host: string;
	replayFile: string | undefined;
	speed: number;
}>;

export type Options = WatchOptions | ServeOptions;

/** The flags as meow hands them over: strings stay strings so zod can say what is wrong. */
export type RawFlags = Readonly<{
	api?: string;
	url?: string;
	demo: boolean;
	json: boolean;
	alert: readonly string[];
	exitOnAlert: boolean;
	history?: string;
	record?: string;
	big?: string;
	ascii: boolean;
	/** False with --no-color. */
	color: boolean;
	port?: string;
	host?: string;
	replay?: string;
	speed?: string;
}>;

export type OptionsResult =
	Readonly<{ok: true; options: Options}> | Readonly<{ok: false; message: string}>;

class InputError extends Error {}

function integerIn(flag: string, minimum: number, maximum: number) {
	return z.coerce
		.number<string>({error: `${flag} must be a number`})
		.int({error: `${flag} must be a whole number`})
		.min(minimum, {error: `${flag} must be at least ${minimum}`})
		.max(maximum, {error: `${flag} must be at most ${maximum}`});
}

const apiSchema = z.enum(['v1', 'v2'], {error: '--api must be v1 or v2'});
const historySchema = integerIn('--history', 1, 100_000);
const bigSchema = z.coerce
	.number<string>({error: '--big must be a number'})
	.positive({error: '--big must be greater than 0'})
	.finite({error: '--big must be a number'});
const portSchema = integerIn('--port', 0, 65_535);
const speedSchema = z.coerce
	.number<string>({error: '--speed must be a number'})
	.positive({error: '--speed must be greater than 0'})
	.max(1000, {error: '--speed must be at most 1000'});
const urlSchema = z
	.url({protocol: /^wss?$/, error: '--url must be a ws:// or wss:// URL'})
	.refine((url) => /^wss?:\/\//i.test(url), {error: '--url must be a ws:// or wss:// URL'});
const hostSchema = z.string().regex(/^[\w.:-]+$/, {error: '--host must be a host name or address'});

function check<T>(schema: z.ZodType<T, string>, value: string, flag?: string): T {
	if (value === '' && flag !== undefined) {
		throw new InputError(`${flag} needs a value`);
	}

	const result = schema.safeParse(value);
	if (!result.success) {
		throw new InputError(result.error.issues[0]?.message ?? 'invalid value');
	}

	return result.data;
}

function fileName(value: string, flag: string): string {
	if (value === '') {
		throw new InputError(`${flag} needs a file name`);
	}

	return value;
}

function pairFor(text: string, api: ApiVersion): string {
	const result = parsePair(text, api);
	if (!result.ok) {
		throw new InputError(result.message);
	}

	return result.pair;
}

function alertFor(text: string, api: ApiVersion): AlertRule {
	const rule = parseAlertRule(text);
	if (!rule.ok) {
		throw new InputError(rule.message);
	}

	const pair = pairFor(rule.pair, api);
	return {
		pair,
		operator: rule.operator,
		level: rule.level,
		text: `${pair}${rule.operator}${rule.level}`,
	};
}

/** Without --api, a --url naming a path other than /v2 means v1 (Kraken's v1 URL is `/`). */
function apiFor(flags: RawFlags): ApiVersion {
	if (flags.api !== undefined) {
		return check(apiSchema, flags.api.toLowerCase(), '--api');
	}

	if (flags.url !== undefined) {
		return /\/v2\/?$/.test(new URL(flags.url).pathname) ? 'v2' : 'v1';
	}

	return 'v2';
}

function refuse(flags: RawFlags, names: ReadonlyArray<keyof RawFlags>, context: string): void {
	for (const name of names) {
		const value = flags[name];
		if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) {
			const flag = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
			throw new InputError(`--${flag} ${context}`);
		}
	}
}

function serveOptions(input: readonly string[], flags: RawFlags): ServeOptions {
	if (input.length > 1) {
		throw new InputError(`serve takes no pairs, got "${input[1]}"`);
	}

	refuse(
		flags,
		['api', 'url', 'demo', 'json', 'alert', 'exitOnAlert', 'history', 'record', 'big', 'ascii'],
		'is not an option of serve',
	);
	if (flags.speed !== undefined && flags.replay === undefined) {
		throw new InputError("--speed needs --replay: it sets the replay's speed");
	}

	return {
		command: 'serve',
		port: flags.port === undefined ? 8787 : check(portSchema, flags.port, '--port'),
		host: flags.host === undefined ? '127.0.0.1' : check(hostSchema, flags.host, '--host'),
		replayFile: flags.replay === undefined ? undefined : fileName(flags.replay, '--replay'),
		speed: flags.speed === undefined ? 1 : check(speedSchema, flags.speed, '--speed'),
	};
}

function watchOptions(
	input: readonly string[],
	flags: RawFlags,
	isTerminal: boolean,
	environment: NodeJS.ProcessEnv,
): WatchOptions {
	refuse(flags, ['port', 'host', 'replay', 'speed'], 'belongs to the serve command');
	if (flags.url !== undefined) {
		check(urlSchema, flags.url, '--url');
	}

	if (flags.demo && flags.url !== undefined) {
		throw new InputError('--demo runs the built-in exchange, so it cannot take --url');
	}

	const api = apiFor(flags);
	const pairs = [
		...new Set((input.length > 0 ? input : defaultPairs).map((pair) => pairFor(pair, api))),
	];
	const alerts = flags.alert.map((rule) => alertFor(rule, api));
	if (flags.exitOnAlert && alerts.length === 0) {
		throw new InputError('--exit-on-alert needs at least one --alert rule');
	}

	for (const alert of alerts) {
		if (!pairs.includes(alert.pair)) {
			pairs.push(alert.pair);
		}
	}

	return {
		command: 'watch',
		api,
		url: flags.demo ? undefined : (flags.url ?? defaultUrls[api]),
		isDemo: flags.demo,
		pairs,
		isJson: flags.json || !isTerminal,
		alerts,
		exitOnAlert: flags.exitOnAlert,
		history: flags.history === undefined ? 1000 : check(historySchema, flags.history, '--history'),
		recordFile: flags.record === undefined ? undefined : fileName(flags.record, '--record'),
		bigNotional: flags.big === undefined ? undefined : check(bigSchema, flags.big, '--big'),
		isAscii: flags.ascii,
		// no-color.org: NO_COLOR set to anything but the empty string.
		isColourless:
			(!flags.color || (environment['NO_COLOR'] ?? '') !== '') &&
			environment['FORCE_COLOR'] === undefined,
	};
}

/**
 * Turns command-line input into validated options, or one line saying what is wrong.
 * `isTerminal` is whether stdout is a terminal: JSON lines are written when it is not.
 */
export function parseOptions(
	input: readonly string[],
	flags: RawFlags,
	isTerminal: boolean,
	environment: NodeJS.ProcessEnv = {},
): OptionsResult {
	try {
		const options =
			input[0] === 'serve'
				? serveOptions(input, flags)
				: watchOptions(input, flags, isTerminal, environment);
		return {ok: true, options};
	} catch (error) {
		if (error instanceof InputError) {
			return {ok: false, message: error.message};
		}

		throw error;
	}
}
