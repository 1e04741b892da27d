import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {notInConfig} from '../cli/flag-definition.js';
import {defaultPairs, defaultRestUrl, defaultUrls, flagEntries} from '../cli/flags.js';
import {InputError} from '../input-error.js';
import {actions, defaultBindings} from '../model/key-bindings.js';
import {colourRoles, themes} from '../model/theme.js';
import type {ConfigLocation} from './config-paths.js';

/** A value as TOML writes it: strings quoted as JSON quotes them, lists with a space after commas. */
const toml = (value: unknown): string =>
	Array.isArray(value) ? `[${value.map((item) => toml(item)).join(', ')}]` : JSON.stringify(value);

/** One key as a string, several as a list: the way a user would write them. */
const keysValue = (keys: readonly string[]) => (keys.length === 1 ? toml(keys[0]) : toml(keys));

/**
 * What each key of a starting file shows, commented out: the default where there is one, else
 * an example. Keys come from the flag table, so a new flag with a key appears here (a test
 * checks that every key has a line).
 */
const samples: Readonly<Record<string, string>> = {
	api: toml('v2'),
	url: toml(defaultUrls.v2),
	'rest-url': toml(defaultRestUrl),
	channels: toml(['trade', 'ticker', 'ohlc', 'book']),
	big: '50000',
	theme: toml('default'),
	ascii: 'false',
	'on-alert': toml('notify-send kraken-tape "$KRAKEN_TAPE_RULE at $KRAKEN_TAPE_PRICE"'),
};

function topLevelLines(): string[] {
	return flagEntries
		.filter(([name, definition]) => definition.config !== notInConfig && name !== 'alert')
		.flatMap(([, definition]) => {
			const sample =
				samples[definition.config] ??
				('default' in definition && definition.default !== undefined
					? toml(definition.default)
					: '""');
			return [
				...definition.help.map((line) => `# ${line}`),
				`# ${definition.config} = ${sample}`,
				'',
			];
		});
}

/** A commented file that sets nothing: every key with its default or an example, to uncomment. */
export function startingConfig(): string {
	return [
		'# kraken-tape settings. Uncomment a line to set it; flags on the command line win over this',
		'# file. `kraken-tape config` shows what is in effect and where each setting came from.',
		'',
		'# the pairs to watch, BASE/QUOTE (XBT and BTC are the same asset)',
		`# pairs = ${toml(defaultPairs)}`,
		'',
		...topLevelLines(),
		'# Alerts: one [[alert]] table each. `run` (or on-alert above) runs a command through your',
		'# shell when the alert fires; the alert is in its environment only, as KRAKEN_TAPE_PAIR,',
		'# KRAKEN_TAPE_RULE, KRAKEN_TAPE_PRICE and KRAKEN_TAPE_TIME, never in the command text.',
		'# [[alert]]',
		'# rule = "XBT/USD>=100000"',
		'# run = \'notify-send kraken-tape "$KRAKEN_TAPE_PAIR crossed $KRAKEN_TAPE_RULE"\'',
		'',
		'# Keys: an action set here replaces its defaults; [] unbinds it. Ctrl-C always quits.',
		'# A key is one character (q, I, ?), a name (space, enter, escape, tab, shift+tab, up, down,',
		'# left, right, pageup, pagedown, home, end), ctrl+LETTER or alt+KEY.',
		'# [keys]',
		...actions.map((action) => `# ${action} = ${keysValue(defaultBindings[action])}`),
		'',
		'# Colours, over the theme: a name (green, bright-green, grey), a hex value (#56b4e9, shown',
		'# as the nearest of 256 or 16 where the terminal has no more), or: highlight and big-trade',
		'# "inverse", muted "dim", the others "default" (the terminal\'s own colour).',
		'# [colours]',
		...colourRoles.map((role) => `# ${role} = ${toml(themes.default[role])}`),
		'',
	].join('\n');
}

/**
 * Writes the starting file where `location` says, making its directory; never over a file that
 * is there already (that is the user's, and may hold their settings).
 */
export function writeStartingConfig(location: ConfigLocation, shown: string): void {
	try {
		mkdirSync(path.dirname(location.path), {recursive: true});
		writeFileSync(location.path, startingConfig(), {flag: 'wx'});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		throw new InputError(
			code === 'EEXIST'
				? `${shown} is there already: not written over (edit it, or move it away for a fresh one)`
				: `cannot write ${shown} (${code})`,
		);
	}
}
