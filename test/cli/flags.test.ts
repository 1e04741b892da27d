import {readFileSync} from 'node:fs';
import {describe, expect, expectTypeOf, test} from 'vitest';
import {meowFlags} from '../../source/cli/arguments.js';
import {helpText} from '../../source/cli/help.js';
import {notInConfig} from '../../source/cli/flag-definition.js';
import {flagEntries, type FlagName, type FlagValues} from '../../source/cli/flags.js';
import {InputError} from '../../source/input-error.js';
import {parseOptions} from '../../source/options.js';
import type {ApiVersion} from '../../source/model/types.js';

/** A value each flag that takes one accepts, so the table's own flags can be typed. */
const sampleValues: Partial<Record<FlagName, string>> = {
	api: 'v1',
	url: 'ws://127.0.0.1:1/v2',
	'rest-url': 'http://127.0.0.1:1',
	channels: 'trade,ticker',
	interval: '5',
	depth: '25',
	alert: 'XBT/USD>=1',
	backfill: '0',
	history: '5',
	record: 'tape.ndjson',
	big: '10',
	port: '0',
	host: 'localhost',
	replay: 'tape.ndjson',
	speed: '2',
	'on-alert': 'true',
	'alert-timeout': '5',
	theme: 'light',
	config: 'test/fixtures/config/empty.toml',
};

/** No config file can be there, so each command line is judged alone. */
const isolated = {XDG_CONFIG_HOME: '/nonexistent/kraken-tape-test'};

function typed(name: FlagName): string[] {
	const value = sampleValues[name];
	return value === undefined ? [`--${name}`] : [`--${name}`, value];
}

function refusal(argv: readonly string[]): string | undefined {
	try {
		parseOptions(argv, {isTerminal: true, environment: isolated});
		return undefined;
	} catch (error) {
		if (error instanceof InputError) {
			return error.message;
		}

		throw error;
	}
}

describe('the flag table', () => {
	test('values have the types the schemas give, defaults making them certain', () => {
		expectTypeOf<FlagValues['api']>().toEqualTypeOf<ApiVersion | undefined>();
		expectTypeOf<FlagValues['history']>().toEqualTypeOf<number>();
		expectTypeOf<FlagValues['big']>().toEqualTypeOf<number | undefined>();
		expectTypeOf<FlagValues['record']>().toEqualTypeOf<string | undefined>();
		expectTypeOf<FlagValues['json']>().toEqualTypeOf<boolean>();
		expectTypeOf<FlagValues['alert'][number]['level']>().toEqualTypeOf<number>();
	});

	test.each(flagEntries.filter(([, definition]) => 'default' in definition))(
		'--%s: the default is a value its schema gives and the help says',
		(name, definition) => {
			if (definition.kind !== 'string') {
				throw new Error('only a string flag has a default');
			}

			const text = String(definition.default);
			expect(definition.schema(`--${name}`).parse(text)).toBe(definition.default);
			expect(definition.help.join(' ')).toContain(`(default ${text})`);
		},
	);

	test.each(
		flagEntries.filter(
			([, definition]) => definition.command === 'watch' || definition.command === 'both',
		),
	)(
		'--%s is taken by the tape and config, and refused by serve unless every command takes it',
		(name, definition) => {
			const argv = name === 'exit-on-alert' ? [...typed(name), ...typed('alert')] : typed(name);
			if (name !== 'help' && name !== 'version') {
				expect(refusal(argv)).toBeUndefined();
				expect(refusal(['config', ...argv])).toBeUndefined();
			}

			expect(refusal(['serve', ...typed(name)])).toBe(
				definition.command === 'both' ? undefined : `--${name} is not an option of serve`,
			);
		},
	);

	test('--init belongs to config', () => {
		expect(refusal(['--init'])).toBe('--init belongs to the config command');
		expect(refusal(['serve', '--init'])).toBe('--init belongs to the config command');
		expect(refusal(['config', '--port', '1'])).toBe('--port belongs to the serve command');
	});

	test('--config and --no-config cannot go together', () => {
		expect(refusal(['--no-config', '--config', 'test/fixtures/config/empty.toml'])).toBe(
			'--config and --no-config cannot go together',
		);
	});

	test.each(flagEntries.filter(([, definition]) => definition.command === 'serve'))(
		'--%s is taken by serve and belongs to it',
		(name) => {
			const argv = name === 'speed' ? [...typed(name), ...typed('replay')] : typed(name);
			expect(refusal(['serve', ...argv])).toBeUndefined();
			expect(refusal(typed(name))).toBe(`--${name} belongs to the serve command`);
		},
	);

	test('the help lists every flag that has help lines, under its command', () => {
		const help = helpText(undefined);
		const serveAt = help.indexOf('Options for serve');
		for (const [name, definition] of flagEntries) {
			const at = help.indexOf(`    --${name}`);
			if (definition.help.length === 0) {
				expect(at).toBe(-1);
			} else {
				expect(at).toBeGreaterThan(-1);
				expect(at > serveAt).toBe(
					definition.command === 'serve' || definition.command === 'config',
				);
			}
		}
	});

	test('meow is told every flag once, as it names them', () => {
		expect(meowFlags()).toEqual({
			api: {type: 'string'},
			url: {type: 'string'},
			restUrl: {type: 'string'},
			demo: {type: 'boolean', default: false},
			json: {type: 'boolean', default: false},
			channels: {type: 'string'},
			interval: {type: 'string'},
			depth: {type: 'string'},
			alert: {type: 'string', isMultiple: true, default: []},
			exitOnAlert: {type: 'boolean', default: false},
			onAlert: {type: 'string'},
			alertTimeout: {type: 'string'},
			backfill: {type: 'string'},
			history: {type: 'string'},
			record: {type: 'string'},
			big: {type: 'string'},
			ascii: {type: 'boolean', default: false},
			theme: {type: 'string'},
			// Typed --no-color: meow reads it as color set to false.
			color: {type: 'boolean', default: true},
			// --config FILE; --no-config reads as config set to false, so it has no entry of its own.
			config: {type: 'string'},
			init: {type: 'boolean', default: false},
			port: {type: 'string'},
			host: {type: 'string'},
			replay: {type: 'string'},
			speed: {type: 'string'},
			help: {type: 'boolean', default: false, shortFlag: 'h'},
			version: {type: 'boolean', default: false, shortFlag: 'v'},
		});
	});

	test('config keys are unique, kebab-case, and only for what a config file may keep', () => {
		const keys = flagEntries
			.map(([, definition]) => definition.config)
			.filter((key) => key !== notInConfig);
		expect(new Set(keys).size).toBe(keys.length);
		for (const key of keys) {
			expect(key).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
		}

		expect(keys).toEqual([
			'api',
			'url',
			'rest-url',
			'channels',
			'interval',
			'depth',
			'alert',
			'on-alert',
			'alert-timeout',
			'backfill',
			'history',
			'big',
			'ascii',
			'theme',
		]);
	});
});

describe("the readme's flag tables", () => {
	/**
	 * Each table whose first column is `flag`, by the line of text before it (`serve` takes:), and
	 * the flags its first column names: `--api v1\|v2` is `--api`, `--help`, `-h` is both.
	 */
	function flagTables(): Map<string, string[]> {
		const readme = readFileSync(new URL('../../readme.md', import.meta.url), 'utf8');
		const tables = new Map<string, string[]>();
		let lead = '';
		let current: string[] | undefined;
		for (const line of readme.split('\n')) {
			if (!line.startsWith('|')) {
				current = undefined;
				lead = line.trim() === '' ? lead : line;
				continue;
			}

			const firstCell = line.split(/(?<!\\)\|/)[1]?.trim() ?? '';
			if (current === undefined) {
				if (firstCell === 'flag') {
					current = [];
					tables.set(lead, current);
				}

				continue;
			}

			current.push(...[...firstCell.matchAll(/`(--?[a-z][\w-]*)/g)].map((match) => match[1]!));
		}

		return tables;
	}

	const tables = flagTables();
	const tableOf = (lead: RegExp) => [...tables].find(([text]) => lead.test(text))?.[1] ?? [];
	// The tape's table comes first, under Usage; serve's and config's say whose they are.
	const watch = [...tables.values()][0] ?? [];
	const serve = tableOf(/^`serve` takes/);
	const config = tableOf(/^`config` takes/);
	const asTyped = flagEntries.flatMap(([name, flag]) => [
		`--${name}`,
		...(flag.short === undefined ? [] : [`-${flag.short}`]),
	]);

	test('there are three: the tape, serve and config', () => {
		expect(tables.size).toBe(3);
		expect([watch, serve, config].map((flags) => flags.length > 0)).toEqual([true, true, true]);
	});

	test('every flag in the table is documented, and every flag documented is in the table', () => {
		const documented = [...tables.values()].flat();
		expect([...new Set(documented)].sort()).toEqual([...asTyped].sort());
		expect(documented).toHaveLength(new Set(documented).size);
	});

	test("each flag is in its command's table", () => {
		const inTable = (command: string) =>
			flagEntries.filter(([, flag]) => flag.command === command).map(([name]) => `--${name}`);
		expect(watch).toEqual(expect.arrayContaining(inTable('watch')));
		expect([...serve].sort()).toEqual(inTable('serve').sort());
		expect([...config].sort()).toEqual(inTable('config').sort());
	});
});
