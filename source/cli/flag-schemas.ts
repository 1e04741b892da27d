import * as z from 'zod';
import {didYouMean} from '../config/did-you-mean.js';
import {parseAlertRule} from '../model/alerts.js';
import {themeNames, type ThemeName} from '../model/theme.js';
import {
	bookDepths,
	candleIntervals,
	type AlertOperator,
	type ApiVersion,
	type BookDepth,
	type CandleInterval,
	type Channel,
} from '../model/types.js';

/**
 * Zod schemas for flag values, each made for the flag as typed (`--history`) so its messages
 * name it. Each takes the raw string meow hands over and converts it; the first issue's message
 * is what the user reads.
 */
export type FlagSchema<Value> = (flag: string) => z.ZodType<Value, string>;

/** An alert rule as written; its pair is named for the API once the API is known. */
export type WrittenAlertRule = Readonly<{pair: string; operator: AlertOperator; level: number}>;

/** A value was given: `--history` at the end, or `--history=`, arrives as the empty string. */
function filled(flag: string) {
	return z.string().min(1, {error: `${flag} needs a value`});
}

export function wholeNumberIn(minimum: number, maximum: number): FlagSchema<number> {
	return (flag) =>
		filled(flag).pipe(
			z.coerce
				.number<string>({error: `${flag} must be a number`})
				.int({error: `${flag} must be a whole number`})
				.min(minimum, {error: `${flag} must be at least ${minimum}`})
				.max(maximum, {error: `${flag} must be at most ${maximum}`}),
		);
}

/** A number above 0, at most `maximum`. */
export function positiveNumber(maximum = Number.POSITIVE_INFINITY): FlagSchema<number> {
	return (flag) =>
		filled(flag).pipe(
			z.coerce
				.number<string>({error: `${flag} must be a number`})
				.positive({error: `${flag} must be greater than 0`})
				.finite({error: `${flag} must be a number`})
				.max(maximum, {error: `${flag} must be at most ${maximum}`}),
		);
}

export const apiVersion: FlagSchema<ApiVersion> = (flag) =>
	filled(flag)
		// Any case, as pair names are.
		.transform((text) => text.toLowerCase())
		.pipe(z.enum(['v1', 'v2'], {error: `${flag} must be v1 or v2`}));

export const webSocketUrl: FlagSchema<string> = (flag) => {
	const error = `${flag} must be a ws:// or wss:// URL`;
	// Zod's protocol check alone lets `ws:example` through, which is no address.
	return filled(flag).pipe(
		z.url({protocol: /^wss?$/, error}).refine((url) => /^wss?:\/\//i.test(url), {error}),
	);
};

/** An http:// or https:// base, without a query: paths are added to it. */
export const restUrl: FlagSchema<string> = (flag) => {
	const error = `${flag} must be an http:// or https:// URL`;
	return filled(flag).pipe(
		z.url({protocol: /^https?$/, error}).refine((url) => /^https?:\/\//i.test(url), {error}),
	);
};

export const hostName: FlagSchema<string> = (flag) =>
	filled(flag).regex(/^[\w.:-]+$/, {error: `${flag} must be a host name or address`});

/** The channels kraken-tape knows, as `--channels` lists them. */
export const channelNames: readonly Channel[] = ['trade', 'ticker', 'ohlc', 'book'];

/** `trade,ticker,ohlc`: a comma list of channels, each once. */
export const channelList: FlagSchema<readonly Channel[]> = (flag) =>
	filled(flag).transform((text, context) => {
		const names = text.split(',').map((name) => name.trim().toLowerCase());
		for (const name of names) {
			if (!(channelNames as readonly string[]).includes(name)) {
				context.issues.push({
					code: 'custom',
					message: `${flag}: "${name}" is not a channel (${channelNames.join(', ')})`,
					input: text,
				});
				return z.NEVER;
			}
		}

		return [...new Set(names)] as Channel[];
	});

/** A candle length Kraken offers, in minutes. */
export const candleInterval: FlagSchema<CandleInterval> = (flag) =>
	filled(flag).transform((text, context) => {
		const minutes = Number(text);
		if (!(candleIntervals as readonly number[]).includes(minutes)) {
			context.issues.push({
				code: 'custom',
				message: `${flag} must be one of ${candleIntervals.join(', ')} (minutes)`,
				input: text,
			});
			return z.NEVER;
		}

		return minutes as CandleInterval;
	});

/** A book depth Kraken offers, in levels a side. */
export const bookDepth: FlagSchema<BookDepth> = (flag) =>
	filled(flag).transform((text, context) => {
		const levels = Number(text);
		if (!(bookDepths as readonly number[]).includes(levels)) {
			context.issues.push({
				code: 'custom',
				message: `${flag} must be one of ${bookDepths.join(', ')} (levels a side)`,
				input: text,
			});
			return z.NEVER;
		}

		return levels as BookDepth;
	});

export const fileName: FlagSchema<string> = (flag) =>
	z.string().min(1, {error: `${flag} needs a file name`});

/** `XBT/USD>=100000`: its form is checked here, its pair once the API is known. */
export const alertRule: FlagSchema<WrittenAlertRule> = () =>
	z.string().transform((text, context) => {
		const rule = parseAlertRule(text);
		if (!rule.ok) {
			context.issues.push({code: 'custom', message: rule.message, input: text});
			return z.NEVER;
		}

		return {pair: rule.pair, operator: rule.operator, level: rule.level};
	});

/** A theme by name; `color-blind` is taken for colour-blind, as Americans write it. */
export const themeName: FlagSchema<ThemeName> = (flag) =>
	filled(flag).transform((text, context) => {
		const name = text
			.trim()
			.toLowerCase()
			.replace(/^color-blind$/, 'colour-blind');
		if (!(themeNames as readonly string[]).includes(name)) {
			context.issues.push({
				code: 'custom',
				message: `${flag} must be one of ${themeNames.join(', ')}${didYouMean(name, themeNames)}`,
				input: text,
			});
			return z.NEVER;
		}

		return name as ThemeName;
	});

/** A command for the user's shell: any text but blank, run as written. */
export const shellCommand: FlagSchema<string> = (flag) =>
	filled(flag).refine((text) => text.trim() !== '', {error: `${flag} needs a command`});
