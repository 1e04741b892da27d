import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {InputError} from '../../source/input-error.js';
import {parseOptions, type WatchOptions} from '../../source/options.js';

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

/** A config file at $XDG_CONFIG_HOME/kraken-tape/config.toml, and the environment that finds it. */
function xdgConfig(text: string): {environment: NodeJS.ProcessEnv; file: string} {
	const base = temporary();
	const file = path.join(base, 'kraken-tape', 'config.toml');
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, text);
	return {environment: {XDG_CONFIG_HOME: base, HOME: temporary()}, file};
}

function watch(argv: readonly string[], environment: NodeJS.ProcessEnv): WatchOptions {
	const options = parseOptions(argv, {isTerminal: true, environment});
	if (options.command !== 'watch') {
		throw new Error(`expected the tape, got ${options.command}`);
	}

	return options;
}

function refusal(text: string, argv: readonly string[] = []): string {
	const {environment, file} = xdgConfig(text);
	try {
		watch(argv, environment);
	} catch (error) {
		if (error instanceof InputError) {
			// The message names the file by its path; tests read the rest.
			return error.message.replace(file, 'config.toml');
		}

		throw error;
	}

	throw new Error(`the file was accepted:\n${text}`);
}

describe('where the config file is', () => {
	test('$XDG_CONFIG_HOME/kraken-tape/config.toml', () => {
		const {environment} = xdgConfig('pairs = ["ETH/USD"]\n');
		expect(watch([], environment).pairs).toEqual(['ETH/USD']);
	});

	test('~/.config/kraken-tape/config.toml without XDG_CONFIG_HOME, or with a relative one', () => {
		const home = temporary();
		mkdirSync(path.join(home, '.config', 'kraken-tape'), {recursive: true});
		writeFileSync(path.join(home, '.config', 'kraken-tape', 'config.toml'), 'depth = 25\n');
		expect(watch([], {HOME: home}).depth).toBe(25);
		expect(watch([], {HOME: home, XDG_CONFIG_HOME: 'relative/dir'}).depth).toBe(25);
	});

	test('a missing default file means the defaults', () => {
		expect(watch([], {XDG_CONFIG_HOME: temporary()}).depth).toBe(10);
	});

	test('--config names another file, which must be there', () => {
		const directory = temporary();
		const file = path.join(directory, 'mine.toml');
		writeFileSync(file, 'history = 5\n');
		const environment = {XDG_CONFIG_HOME: temporary()};
		expect(watch(['--config', file], environment).history).toBe(5);
		const missing = path.join(directory, 'missing.toml');
		expect(() => watch(['--config', missing], environment)).toThrow(
			new InputError(`--config: cannot read ${missing} (ENOENT)`),
		);
	});

	test('--no-config ignores the file, even a bad one', () => {
		const {environment} = xdgConfig('depth = "lots"\n');
		expect(watch(['--no-config'], environment).depth).toBe(10);
	});

	test('an error names the file under the home directory with ~', () => {
		const home = temporary();
		mkdirSync(path.join(home, '.config', 'kraken-tape'), {recursive: true});
		writeFileSync(path.join(home, '.config', 'kraken-tape', 'config.toml'), '\n\npair = []\n');
		expect(() => watch([], {HOME: home})).toThrow(
			new InputError(
				'~/.config/kraken-tape/config.toml:3: unknown key "pair" (did you mean "pairs"?)',
			),
		);
	});

	test('a byte order mark is passed over', () => {
		const {environment} = xdgConfig('\uFEFFdepth = 25\n');
		expect(watch([], environment).depth).toBe(25);
	});
});

describe('a good file', () => {
	const everything = `pairs = ["xbt/usd", "ETH/EUR"]
api = "v1"
url = "ws://127.0.0.1:9/"
rest-url = "http://127.0.0.1:9"
channels = ["trade", "book"]
interval = 15
depth = 25
backfill = 0
history = 5000
big = 250000
ascii = true
theme = "colour-blind"
on-alert = "echo fired"
alert-timeout = 5

[[alert]]
rule = "XBT/USD>=100000"
run = "notify-send up"

[[alert]]
rule = "ETH/EUR<2000"

[keys]
quit = ["ctrl+q"]
grid = "G"
reconnect = []

[colours]
up = "#0072b2"
muted = "grey"
`;

	test('sets every key it has', () => {
		const {environment} = xdgConfig(everything);
		const options = watch([], environment);
		expect(options).toMatchObject({
			api: 'v1',
			url: 'ws://127.0.0.1:9/',
			restUrl: 'http://127.0.0.1:9',
			pairs: ['XBT/USD', 'ETH/EUR'],
			channels: ['trade', 'book'],
			interval: 15,
			depth: 25,
			backfill: 0,
			history: 5000,
			bigNotional: 250_000,
			isAscii: true,
			themeName: 'colour-blind',
			alertTimeoutMs: 5000,
			alerts: [
				{
					pair: 'XBT/USD',
					operator: '>=',
					level: 100_000,
					text: 'XBT/USD>=100000',
					run: 'notify-send up',
				},
				{pair: 'ETH/EUR', operator: '<', level: 2000, text: 'ETH/EUR<2000', run: 'echo fired'},
			],
		});
		expect(options.bindings.quit).toEqual(['ctrl+q']);
		expect(options.bindings.grid).toEqual(['G']);
		expect(options.bindings.reconnect).toEqual([]);
		expect(options.bindings.view).toEqual(['v']);
		expect(options.theme.up).toBe('#0072b2');
		expect(options.theme.down).toBe('#e69f00');
		expect(options.theme.muted).toBe('grey');
	});

	test('flags win over the file; the rest stays the file', () => {
		const {environment} = xdgConfig(everything);
		const options = watch(
			[
				'SOL/USD',
				'--api',
				'v2',
				'--url',
				'ws://127.0.0.1:8/v2',
				'--depth',
				'100',
				'--theme',
				'light',
				'--alert',
				'SOL/USD>1',
				'--on-alert',
				'echo flag',
			],
			environment,
		);
		expect(options).toMatchObject({
			api: 'v2',
			url: 'ws://127.0.0.1:8/v2',
			// Taken from the file: no --rest-url.
			restUrl: 'http://127.0.0.1:9',
			pairs: ['SOL/USD'],
			depth: 100,
			themeName: 'light',
			interval: 15,
			history: 5000,
			alerts: [{text: 'SOL/USD>1', run: 'echo flag'}],
		});
		expect(options.theme.up).toBe('#0072b2');
		expect(options.theme.down).toBe('#cf222e');
	});

	test("--no-ascii turns off the file's ascii = true; without it the file stands", () => {
		const {environment} = xdgConfig('ascii = true\n');
		expect(watch([], environment).isAscii).toBe(true);
		expect(watch(['--no-ascii'], environment).isAscii).toBe(false);
	});

	test("--on-alert on the command line replaces the commands of the file's alerts too", () => {
		const {environment} = xdgConfig(everything);
		expect(
			watch(['--on-alert', 'echo flag'], environment).alerts.map((alert) => alert.run),
		).toEqual(['echo flag', 'echo flag']);
	});

	test("a --url on the command line says its API by its path, over the file's api", () => {
		const {environment} = xdgConfig('api = "v2"\n');
		expect(watch(['--url', 'ws://127.0.0.1:8/'], environment).api).toBe('v1');
	});

	test("--demo runs its own exchange: the file's url and rest-url step aside", () => {
		const {environment} = xdgConfig(
			'url = "wss://example.com/v2"\nrest-url = "https://example.com"\n',
		);
		expect(watch(['--demo'], environment)).toMatchObject({
			isDemo: true,
			url: undefined,
			restUrl: undefined,
		});
	});

	test("--exit-on-alert counts the file's alerts", () => {
		const {environment} = xdgConfig('[[alert]]\nrule = "XBT/USD>=1"\n');
		expect(watch(['--exit-on-alert'], environment).exitOnAlert).toBe(true);
	});

	test("pairs named only in the file's alerts are watched too", () => {
		const {environment} = xdgConfig('pairs = ["ETH/USD"]\nalert = ["SOL/USD>=1"]\n');
		expect(watch([], environment).pairs).toEqual(['ETH/USD', 'SOL/USD']);
	});

	test('keys and colours take their other spellings', () => {
		const {environment} = xdgConfig(
			'theme = "color-blind"\n[keys]\nquit = "Ctrl-Q"\npage-up = "PgUp"\n[colours]\nhighlight = "inverse"\n',
		);
		const options = watch([], environment);
		expect(options.themeName).toBe('colour-blind');
		expect(options.bindings.quit).toEqual(['ctrl+q']);
		expect(options.bindings['page-up']).toEqual(['pageup']);
		expect(options.theme.highlight).toBe('inverse');
	});
});

describe('a bad file', () => {
	test.each([
		[
			'pairs = ["XBT/USD",\n  "ETH/USD",\n  "BTCUSD"]\n',
			'config.toml:3: pairs[2] "BTCUSD": not BASE/QUOTE',
		],
		['pairs = ["XBT/XBT"]\n', 'config.toml:1: pairs[0] "XBT/XBT": base and quote are the same'],
		[
			'pairs = "XBT/USD"\n',
			'config.toml:1: pairs "XBT/USD": must be a list of pairs, such as ["XBT/USD", "ETH/USD"]',
		],
		[
			'pairs = [1]\n',
			'config.toml:1: pairs[0] 1: not BASE/QUOTE: write it as a string, such as "XBT/USD"',
		],
		['\npair = ["XBT/USD"]\n', 'config.toml:2: unknown key "pair" (did you mean "pairs"?)'],
		['bananas = 1\n', 'config.toml:1: unknown key "bananas"'],
		['demo = true\n', 'config.toml:1: "demo" is a flag only (--demo), not a setting for the file'],
		[
			'up = "green"\n',
			'config.toml:1: "up" belongs in the [colours] table: put it under a [colours] line',
		],
		[
			'quit = "q"\n',
			'config.toml:1: "quit" belongs in the [keys] table: put it under a [keys] line',
		],
		[
			'depth = 7\n',
			'config.toml:1: depth 7: must be one of 10, 25, 100, 500, 1000 (levels a side)',
		],
		[
			'interval = "5m"\n',
			'config.toml:1: interval "5m": must be one of 1, 5, 15, 30, 60, 240, 1440, 10080, 21600 (minutes)',
		],
		['history = 0\n', 'config.toml:1: history 0: must be at least 1'],
		['big = -1\n', 'config.toml:1: big -1: must be greater than 0'],
		['big = [1]\n', 'config.toml:1: big: must be a number or a string'],
		['api = "v3"\n', 'config.toml:1: api "v3": must be v1 or v2'],
		[
			'url = "https://ws.kraken.com"\n',
			'config.toml:1: url "https://ws.kraken.com": must be a ws:// or wss:// URL',
		],
		['ascii = "yes"\n', 'config.toml:1: ascii "yes": must be true or false'],
		[
			'theme = "dark"\n',
			'config.toml:1: theme "dark": must be one of default, light, high-contrast, colour-blind',
		],
		[
			'theme = "colorblind"\n',
			'config.toml:1: theme "colorblind": must be one of default, light, high-contrast, colour-blind (did you mean "colour-blind"?)',
		],
		[
			'channels = ["trade", "trades"]\n',
			'config.toml:1: channels[1] "trades": not a channel (trade, ticker, ohlc, book) (did you mean "trade"?)',
		],
		['on-alert = " "\n', 'config.toml:1: on-alert " ": needs a command'],
		[
			'[[alert]]\nrule = "XBT/USD>>1"\n',
			`config.toml:2: alert[0].rule "XBT/USD>>1": not PAIR OPERATOR PRICE, such as 'XBT/USD>=100000' (operators >=, <=, >, <)`,
		],
		[
			'[[alert]]\nrule = "BTCUSD>=1"\n',
			'config.toml:2: alert[0].rule "BTCUSD>=1": "BTCUSD" is not BASE/QUOTE',
		],
		[
			'[[alert]]\nrun = "echo"\n',
			'config.toml:1: alert[0]: needs a rule, such as rule = "XBT/USD>=100000"',
		],
		[
			'[[alert]]\nrule = "XBT/USD>1"\n\n[[alert]]\nrul = "XBT/USD>1"\n',
			'config.toml:5: unknown key "rul" in [[alert]] (did you mean "rule"?)',
		],
		[
			'[[alert]]\nrule = "XBT/USD>1"\nrun = 5\n',
			'config.toml:3: alert[0].run 5: must be a command for your shell',
		],
		['keys = 3\n', 'config.toml:1: keys 3: must be a table: [keys]'],
		['[keys]\nqit = "q"\n', 'config.toml:2: unknown key "qit" in [keys] (did you mean "quit"?)'],
		[
			'[keys]\nquit = ["q", "ctl+c"]\n',
			'config.toml:2: keys.quit[1] "ctl+c": not a key: write one character (q, I, ?), a key name (space, tab, shift+tab, enter, escape, up, pageup, home...), ctrl+LETTER or alt+KEY',
		],
		[
			'[keys]\nquit = 1\n',
			'config.toml:2: keys.quit 1: must be a key or a list of keys, such as ["q", "ctrl+q"]',
		],
		[
			'[colours]\nup = "gren"\n',
			'config.toml:2: colours.up "gren": not a colour: a name (green, bright-green, grey), a hex value (#rrggbb) or default (did you mean "green"?)',
		],
		[
			'[colours]\nhighlight = "dim"\n',
			'config.toml:2: colours.highlight "dim": not a colour: a name (green, bright-green, grey), a hex value (#rrggbb) or inverse',
		],
		['[colors]\nup = "red"\n', 'config.toml:1: unknown key "colors" (did you mean "colours"?)'],
	])('%j: %s', (text, message) => {
		expect(refusal(text)).toBe(message);
	});

	test('of several problems, the first in the file is said', () => {
		expect(refusal('theme = "x"\ndepth = 7\npair = 1\n')).toMatch(/^config\.toml:1: theme "x"/);
	});

	test.each([
		['a = 1\nb = "x\n', 'config.toml:2: control characters are not allowed in strings'],
		[
			'depth = 10\ndepth = 25\n',
			'config.toml:2: trying to redefine an already defined table or value',
		],
		['[keys\n', 'config.toml:1: '],
		['pairs = ["XBT/USD",,]\n', 'config.toml:1: '],
	])("a syntax error is the parser's reason with its line: %j", (text, start) => {
		const message = refusal(text);
		expect(message.startsWith(start)).toBe(true);
		expect(message).not.toContain('\n');
	});

	test.each([
		[
			'[keys]\ngrid = "v"\n',
			'config.toml:2: keys.grid "v": also view\'s key, and a key does one thing (give view another key, or [] to unbind it)',
		],
		[
			'[keys]\nview = "g"\n',
			'config.toml:2: keys.view "g": also grid\'s key, and a key does one thing (give grid another key, or [] to unbind it)',
		],
		[
			'[keys]\nhelp = "y"\nclear = "y"\n',
			'config.toml:2: keys.help "y": also clear\'s key, and a key does one thing (give clear another key, or [] to unbind it)',
		],
		[
			'[keys]\nreconnect = "ctrl+c"\n',
			'config.toml:2: keys.reconnect "ctrl+c": Ctrl-C always quits, so it cannot be reconnect\'s key',
		],
	])('two actions on one key are refused at start, naming both: %j', (text, message) => {
		expect(refusal(text)).toBe(message);
	});

	test('a key freed from its default action can be given to another', () => {
		const {environment} = xdgConfig('[keys]\ngrid = "v"\nview = "V"\n');
		const {bindings} = watch([], environment);
		expect([bindings.grid, bindings.view]).toEqual([['v'], ['V']]);
	});
});
