import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parse} from 'smol-toml';
import {afterEach, describe, expect, test} from 'vitest';
import {notInConfig} from '../../source/cli/flag-definition.js';
import {flagEntries} from '../../source/cli/flags.js';
import {startingConfig, writeStartingConfig} from '../../source/config/config-init.js';
import {shownPath} from '../../source/config/config-paths.js';
import {configReport} from '../../source/config/config-report.js';
import {configSchema} from '../../source/config/config-schema.js';
import {InputError} from '../../source/input-error.js';
import {parseOptions, type ConfigOptions} from '../../source/options.js';
import {runCli} from '../helpers/cli.js';

const made: string[] = [];
afterEach(() => {
	for (const directory of made.splice(0)) {
		rmSync(directory, {recursive: true, force: true});
	}
});

function temporary(): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'kraken-tape-config-'));
	made.push(directory);
	return directory;
}

function configOptions(argv: readonly string[], environment: NodeJS.ProcessEnv): ConfigOptions {
	const options = parseOptions(['config', ...argv], {isTerminal: false, environment});
	if (options.command !== 'config') {
		throw new Error(`expected config, got ${options.command}`);
	}

	return options;
}

function report(argv: readonly string[], environment: NodeJS.ProcessEnv): string[] {
	const options = configOptions(argv, environment);
	if (options.isInit) {
		throw new Error('expected the report');
	}

	const {watch, settings, config} = options;
	const shownAlertLog = shownPath(watch.alertLog, environment);
	return configReport(watch, settings, config, shownAlertLog).split('\n');
}

/** The report's row for a setting, its columns split on runs of two spaces or more. */
function row(lines: readonly string[], setting: string): string[] {
	return lines.map((line) => line.split(/ {2,}/)).find(([first]) => first === setting) ?? [];
}

describe('kraken-tape config', () => {
	test('says where the file is, whether it is there, and every setting with where it came from', () => {
		const base = temporary();
		mkdirSync(path.join(base, 'kraken-tape'));
		writeFileSync(
			path.join(base, 'kraken-tape', 'config.toml'),
			'pairs = ["ETH/USD"]\ndepth = 25\ntheme = "colour-blind"\n[keys]\nquit = "ctrl+q"\n[colours]\nup = "#0072b2"\n',
		);
		const environment = {XDG_CONFIG_HOME: base, XDG_STATE_HOME: path.join(base, 'state')};
		const lines = report(['--depth', '100', '--api', 'v1'], environment);
		expect(lines[0]).toBe(`config file  ${base}/kraken-tape/config.toml (read)`);
		expect(lines[1]).toBe(`alert log    ${base}/state/kraken-tape/alerts.log`);
		expect(row(lines, 'setting')).toEqual(['setting', 'value', 'from']);
		expect(row(lines, 'pairs')).toEqual(['pairs', 'ETH/USD', 'file']);
		expect(row(lines, 'depth')).toEqual(['depth', '100', 'flag']);
		expect(row(lines, 'api')).toEqual(['api', 'v1', 'flag']);
		expect(row(lines, 'url')).toEqual(['url', 'wss://ws.kraken.com/', 'default']);
		expect(row(lines, 'theme')).toEqual(['theme', 'colour-blind', 'file']);
		expect(row(lines, 'keys.quit')).toEqual(['keys.quit', 'ctrl+q ctrl+c (always)', 'file']);
		expect(row(lines, 'keys.grid')).toEqual(['keys.grid', 'g', 'default']);
		expect(row(lines, 'colours.up')).toEqual(['colours.up', '#0072b2', 'file']);
		// From the theme the file chose.
		expect(row(lines, 'colours.down')).toEqual(['colours.down', '#e69f00', 'file']);
		expect(row(lines, 'big')).toEqual(['big', "(ten times the pair's average trade)", 'default']);
	});

	test('the alert log under the home directory is shown as ~/…', () => {
		const home = temporary();
		const lines = report(['--no-config'], {HOME: home});
		expect(lines[1]).toBe('alert log    ~/.local/state/kraken-tape/alerts.log');
	});

	test('a value wider than its column still leaves its source apart from it', () => {
		const command = `notify-send "kraken-tape" "$KRAKEN_TAPE_PAIR crossed $KRAKEN_TAPE_RULE"`;
		const lines = report(['--no-config', '--on-alert', command], {HOME: temporary()});
		expect(command.length).toBeGreaterThan(48);
		expect(row(lines, 'on-alert')).toEqual(['on-alert', command, 'flag']);
	});

	test('takes pairs and alerts on its command line as the screen does', () => {
		const lines = report(['SOL/USD', '--alert', 'SOL/USD>=1', '--on-alert', 'echo hi'], {
			XDG_CONFIG_HOME: temporary(),
		});
		expect(row(lines, 'pairs')).toEqual(['pairs', 'SOL/USD', 'flag']);
		expect(row(lines, 'alert')).toEqual(['alert', 'SOL/USD>=1, runs: echo hi', 'flag']);
		expect(row(lines, 'on-alert')).toEqual(['on-alert', 'echo hi', 'flag']);
	});

	test('a missing file is said, with how to make one; --no-config says it is ignored', () => {
		const base = temporary();
		expect(report([], {XDG_CONFIG_HOME: base})[0]).toBe(
			`config file  ${base}/kraken-tape/config.toml (not there: defaults apply; kraken-tape config --init writes a starting file)`,
		);
		expect(report(['--no-config'], {XDG_CONFIG_HOME: base})[0]).toBe(
			`config file  ${base}/kraken-tape/config.toml (ignored: --no-config)`,
		);
	});

	test('an API not set anywhere follows --url, and says the URL was a flag', () => {
		const lines = report(['--url', 'ws://127.0.0.1:9/'], {XDG_CONFIG_HOME: temporary()});
		expect(row(lines, 'api')).toEqual(['api', 'v1', 'flag']);
	});

	test('the built command prints it, and a bad file fails in one line with exit 2', async () => {
		const base = temporary();
		mkdirSync(path.join(base, 'kraken-tape'));
		const file = path.join(base, 'kraken-tape', 'config.toml');
		writeFileSync(file, 'pairs = ["XBT/USD"]\n');
		const good = await runCli(['config'], {XDG_CONFIG_HOME: base});
		expect(good.code).toBe(0);
		expect(good.stdout).toMatch(/^pairs +BTC\/USD +file$/m);
		writeFileSync(file, 'pairs = [\n  "XBT/USD",\n  "ETH/USD",\n  "BTCUSD",\n]\n');
		for (const argv of [['config'], [], ['--json']]) {
			const bad = await runCli(argv, {XDG_CONFIG_HOME: base});
			expect(bad).toEqual({
				code: 2,
				stdout: '',
				stderr: `kraken-tape: ${file}:4: pairs[2] "BTCUSD": not BASE/QUOTE\n`,
			});
		}
	});
});

describe("the readme's example file", () => {
	test('is a valid config file that means what the readme says', () => {
		const readme = readFileSync(new URL('../../readme.md', import.meta.url), 'utf8');
		const example = /## Config file[^]*?```toml\n([^]*?)```/.exec(readme)?.[1];
		expect(example).toBeDefined();
		const base = temporary();
		mkdirSync(path.join(base, 'kraken-tape'));
		writeFileSync(path.join(base, 'kraken-tape', 'config.toml'), example ?? '');
		const lines = report(['--theme', 'light'], {XDG_CONFIG_HOME: base});
		expect(row(lines, 'pairs')).toEqual(['pairs', 'BTC/USD ETH/USD SOL/USD', 'file']);
		expect(row(lines, 'keys.quit')).toEqual(['keys.quit', 'ctrl+q ctrl+c (always)', 'file']);
		expect(row(lines, 'keys.reconnect')).toEqual(['keys.reconnect', '(none)', 'file']);
		expect(row(lines, 'colours.up')).toEqual(['colours.up', '#0072b2', 'file']);
		expect(row(lines, 'colours.down')).toEqual(['colours.down', '#cf222e', 'flag']);
		expect(row(lines, 'theme')).toEqual(['theme', 'light', 'flag']);
	});
});

describe('kraken-tape config --init', () => {
	test('the starting file is valid TOML that sets nothing; uncommented, it sets the defaults', () => {
		const text = startingConfig();
		expect(parse(text)).toEqual({});
		const uncommented = text
			.split('\n')
			.map((line) => (/^# (?:[\w-]+ = |\[)/.test(line) ? line.slice(2) : line))
			.join('\n');
		const result = configSchema.safeParse(parse(uncommented));
		expect(result.error?.issues).toBeUndefined();
	});

	test('names every key a flag has', () => {
		const text = startingConfig();
		for (const [name, definition] of flagEntries) {
			if (definition.config !== notInConfig && name !== 'alert') {
				expect(text).toContain(`\n# ${definition.config} = `);
			}
		}

		expect(text).toContain('\n# [[alert]]\n# rule = ');
	});

	test('writes the file where the settings are read, and never over one that is there', () => {
		const base = temporary();
		const environment = {XDG_CONFIG_HOME: base};
		const options = configOptions(['--init'], environment);
		if (!options.isInit) {
			throw new Error('expected --init');
		}

		const file = path.join(base, 'kraken-tape', 'config.toml');
		expect(options.location.path).toBe(file);
		writeStartingConfig(options.location, file);
		expect(readFileSync(file, 'utf8')).toBe(startingConfig());
		writeFileSync(file, 'depth = 25\n');
		expect(() => writeStartingConfig(options.location, file)).toThrow(
			new InputError(
				`${file} is there already: not written over (edit it, or move it away for a fresh one)`,
			),
		);
		expect(readFileSync(file, 'utf8')).toBe('depth = 25\n');
	});

	test('the built command writes to --config FILE, and refuses --no-config', async () => {
		const file = path.join(temporary(), 'deep', 'mine.toml');
		const written = await runCli(['config', '--init', '--config', file]);
		expect(written.code).toBe(0);
		expect(written.stdout).toContain(`wrote a starting config file to ${file}`);
		expect(readFileSync(file, 'utf8')).toBe(startingConfig());
		const again = await runCli(['config', '--init', '--config', file]);
		expect(again.code).toBe(2);
		expect(again.stderr).toBe(
			`kraken-tape: ${file} is there already: not written over (edit it, or move it away for a fresh one)\n`,
		);
		const ignored = await runCli(['config', '--init', '--no-config']);
		expect(ignored).toMatchObject({
			code: 2,
			stderr: 'kraken-tape: --init writes the config file, which --no-config ignores\n',
		});
	});
});
