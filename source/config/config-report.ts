import {notInConfig} from '../cli/flag-definition.js';
import {flagEntries} from '../cli/flags.js';
import {actions, alwaysQuits} from '../model/key-bindings.js';
import {colourRoles} from '../model/theme.js';
import type {WatchOptions} from '../options.js';
import type {LoadedConfig} from './config-file.js';
import type {Settings, SettingSource} from './settings.js';

type Row = Readonly<{setting: string; value: string; source: SettingSource}>;

const builtIn = 'the built-in exchange (--demo)';

/** Each setting a flag has, as the run would use it: after the rules between settings. */
function flagRows(watch: WatchOptions, settings: Settings): Row[] {
	const {values, sources} = settings;
	const source = (key: string) => sources.get(key) ?? 'default';
	const shown: Readonly<Record<string, string>> = {
		api: watch.api,
		url: watch.url ?? builtIn,
		'rest-url': watch.restUrl ?? builtIn,
		channels: watch.channels.join(', '),
		interval: `${watch.interval}`,
		depth: `${watch.depth}`,
		'on-alert': values['on-alert'] ?? '(none)',
		'alert-timeout': `${values['alert-timeout']}`,
		backfill: `${watch.backfill}`,
		history: `${watch.history}`,
		big:
			watch.bigNotional === undefined
				? "(ten times the pair's average trade)"
				: `${watch.bigNotional}`,
		ascii: `${watch.isAscii}`,
		theme: watch.themeName,
	};
	return flagEntries.flatMap(([name, definition]): Row[] => {
		const key = definition.config;
		if (key === notInConfig) {
			return [];
		}

		if (name === 'alert') {
			const alerts = watch.alerts.map((alert) => ({
				setting: key,
				value: alert.run === undefined ? alert.text : `${alert.text}, runs: ${alert.run}`,
				source: source(key),
			}));
			return alerts.length > 0 ? alerts : [{setting: key, value: '(none)', source: source(key)}];
		}

		// An API not set anywhere follows the URL's path, and so its source.
		const from =
			name === 'api' && values.api === undefined && values.url !== undefined
				? source('url')
				: source(key);
		return [{setting: key, value: shown[key] ?? '', source: from}];
	});
}

function keyRows(settings: Settings): Row[] {
	return actions.map((action) => {
		const keys = settings.bindings[action];
		const always =
			action === 'quit' && !keys.includes(alwaysQuits) ? [`${alwaysQuits} (always)`] : [];
		const value = [...keys, ...always].join(' ');
		return {
			setting: `keys.${action}`,
			value: value === '' ? '(none)' : value,
			source: settings.sources.get(`keys.${action}`) ?? 'default',
		};
	});
}

function colourRows(watch: WatchOptions, settings: Settings): Row[] {
	return colourRoles.map((role) => ({
		setting: `colours.${role}`,
		value: watch.theme[role],
		source: settings.sources.get(`colours.${role}`) ?? 'default',
	}));
}

function fileLine(config: LoadedConfig): string {
	if (config.location.isIgnored) {
		return `${config.shown} (ignored: --no-config)`;
	}

	return config.exists
		? `${config.shown} (read)`
		: `${config.shown} (not there: defaults apply; kraken-tape config --init writes a starting file)`;
}

/**
 * What `kraken-tape config` prints: the file it reads and whether it is there, where alert
 * commands write, then every setting in effect with where it came from (default, file or flag).
 */
export function configReport(
	watch: WatchOptions,
	settings: Settings,
	config: LoadedConfig,
	shownAlertLog: string,
): string {
	const rows: Row[] = [
		{
			setting: 'pairs',
			value: watch.pairs.join(' '),
			source: settings.sources.get('pairs') ?? 'default',
		},
		...flagRows(watch, settings),
		...keyRows(settings),
		...colourRows(watch, settings),
	];
	const settingWidth = Math.max(...rows.map((row) => row.setting.length)) + 2;
	const valueWidth = Math.min(48, Math.max(...rows.map((row) => row.value.length))) + 2;
	// A value wider than the column (a long alert command) still leaves two spaces before its source.
	const line = (row: Row) =>
		`${row.setting.padEnd(settingWidth)}${row.value.padEnd(valueWidth - 2)}  ${row.source}`.trimEnd();
	return [
		`config file  ${fileLine(config)}`,
		`alert log    ${shownAlertLog}`,
		...(watch.isColourless
			? ['colours      off (NO_COLOR or --no-color): the theme is not drawn']
			: []),
		'',
		line({setting: 'setting', value: 'value', source: 'from' as SettingSource}),
		...rows.map((row) => line(row)),
	].join('\n');
}
