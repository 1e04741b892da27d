import type {ParsedFlags} from '../cli/flag-values.js';
import {notInConfig} from '../cli/flag-definition.js';
import {defaultPairs, flagEntries, type FlagName, type FlagValues} from '../cli/flags.js';
import {InputError} from '../input-error.js';
import {
	actions,
	alwaysQuits,
	bindingsWith,
	findConflict,
	type KeyBindings,
} from '../model/key-bindings.js';
import {colourRoles, type ColourRole} from '../model/theme.js';
import type {FileAlert} from './config-schema.js';
import type {LoadedConfig} from './config-file.js';
import {lineOf} from './toml-lines.js';

/** Where a setting in effect came from. */
export type SettingSource = 'default' | 'file' | 'flag';

/** Everything a run is set to, flags over the file over defaults, and where each came from. */
export type Settings = Readonly<{
	values: FlagValues;
	/** Pairs as written: the command line's, else the file's, else the defaults. */
	pairs: readonly string[];
	/** Alert rules, each with the command it runs, if any. */
	alerts: readonly FileAlert[];
	bindings: KeyBindings;
	colours: Readonly<Partial<Record<ColourRole, string>>>;
	/** By setting as the file names it: `pairs`, `depth`, `keys.quit`, `colours.up`. */
	sources: ReadonlyMap<string, SettingSource>;
}>;

/** A file's url and rest-url name the live endpoint; --demo runs its own, so they step aside. */
const demoIgnores = new Set<FlagName>(['url', 'rest-url']);

function mergedValues(
	flags: ParsedFlags,
	config: LoadedConfig,
	sources: Map<string, SettingSource>,
) {
	const {values, given} = flags;
	const merged: Record<string, unknown> = {...values};
	for (const [name, definition] of flagEntries) {
		if (definition.config === notInConfig) {
			continue;
		}

		const fromFile = config.settings.flags[name];
		const isIgnored = values.demo && demoIgnores.has(name);
		if (given.has(name)) {
			sources.set(definition.config, 'flag');
		} else if (fromFile !== undefined && !isIgnored) {
			merged[name] = fromFile;
			sources.set(definition.config, 'file');
		} else {
			sources.set(definition.config, 'default');
		}
	}

	// A --url on the command line says its API by its path, as it does without a file: the file's
	// api was written for the file's url, not this one.
	if (given.has('url') && !given.has('api')) {
		merged['api'] = undefined;
		sources.set('api', 'flag');
	}

	return merged as FlagValues;
}

/** Alerts from the command line replace the file's; --on-alert replaces every command. */
function mergedAlerts(
	flags: ParsedFlags,
	config: LoadedConfig,
	values: FlagValues,
	sources: Map<string, SettingSource>,
) {
	const fromFile = config.settings.alerts;
	const alerts: readonly FileAlert[] =
		flags.given.has('alert') || fromFile === undefined
			? values.alert.map((rule) => ({rule}))
			: fromFile;
	sources.set(
		'alert',
		flags.given.has('alert') ? 'flag' : fromFile === undefined ? 'default' : 'file',
	);
	const command = values['on-alert'];
	return alerts.map((alert) => {
		const run = flags.given.has('on-alert') ? command : (alert.run ?? command);
		return run === undefined ? {rule: alert.rule} : {rule: alert.rule, run};
	});
}

/** The bindings in effect; two actions on one key is bad input, naming both. */
function mergedBindings(config: LoadedConfig, sources: Map<string, SettingSource>): KeyBindings {
	const changes = config.settings.keys ?? {};
	for (const action of actions) {
		sources.set(`keys.${action}`, changes[action] === undefined ? 'default' : 'file');
	}

	const bindings = bindingsWith(changes);
	const conflict = findConflict(bindings);
	if (conflict !== undefined) {
		const [first, second] = conflict.actions;
		// The line of the binding the file made: the defaults never clash among themselves.
		const written = changes[second] === undefined ? first : second;
		const other = written === first ? second : first;
		const line = lineOf(config.lines, ['keys', written]);
		const problem =
			conflict.key === alwaysQuits
				? `Ctrl-C always quits, so it cannot be ${written}'s key`
				: `also ${other}'s key, and a key does one thing (give ${other} another key, or [] to unbind it)`;
		throw new InputError(
			`${config.shown}${line === undefined ? '' : `:${line}`}: keys.${written} "${conflict.key}": ${problem}`,
		);
	}

	return bindings;
}

/**
 * The settings in effect: a flag given on the command line wins over the file, the file over
 * the defaults. Pairs typed on the command line replace the file's, as --alert replaces its
 * alerts. Throws an InputError when the file's keys clash with each other or the defaults.
 */
export function mergeSettings(
	input: readonly string[],
	flags: ParsedFlags,
	config: LoadedConfig,
): Settings {
	const sources = new Map<string, SettingSource>();
	const filePairs = config.settings.pairs;
	const pairs = input.length > 0 ? input : (filePairs ?? defaultPairs);
	sources.set('pairs', input.length > 0 ? 'flag' : filePairs === undefined ? 'default' : 'file');
	const values = mergedValues(flags, config, sources);
	const alerts = mergedAlerts(flags, config, values, sources);
	const colours = config.settings.colours ?? {};
	for (const role of colourRoles) {
		sources.set(
			`colours.${role}`,
			colours[role] === undefined ? (sources.get('theme') ?? 'default') : 'file',
		);
	}

	return {values, pairs, alerts, bindings: mergedBindings(config, sources), colours, sources};
}
