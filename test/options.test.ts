import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {InputError} from '../source/input-error.js';
import {defaultBindings} from '../source/model/key-bindings.js';
import {themes} from '../source/model/theme.js';
import {
	parseOptions,
	type Options,
	type ServeOptions,
	type ProcessContext,
	type WatchOptions,
} from '../source/options.js';

/** No config file can be there: each test's settings are its flags alone unless it says. */
const isolated = {
	XDG_CONFIG_HOME: '/nonexistent/kraken-tape-test/config',
	XDG_STATE_HOME: '/nonexistent/kraken-tape-test/state',
};
const onScreen: ProcessContext = {isTerminal: true, environment: isolated};

function parse(argv: readonly string[], context = onScreen): Options {
	return parseOptions(argv, context);
}

function watch(argv: readonly string[], context = onScreen): WatchOptions {
	const options = parse(argv, context);
	if (options.command !== 'watch') {
		throw new Error(`expected the tape, got ${options.command}`);
	}

	return options;
}

function serve(argv: readonly string[]): ServeOptions {
	const options = parse(['serve', ...argv]);
	if (options.command !== 'serve') {
		throw new Error(`expected serve, got ${options.command}`);
	}

	return options;
}

/** The InputError's message for a command line that must be refused. */
function refusal(argv: readonly string[]): string {
	try {
		parse(argv);
	} catch (error) {
		if (error instanceof InputError) {
			return error.message;
		}

		throw error;
	}

	throw new Error(`${JSON.stringify(argv)} was accepted`);
}

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
	version: string;
	description: string;
};

describe('parseOptions', () => {
	test('the tape with nothing given', () => {
		expect(watch([])).toEqual({
			command: 'watch',
			api: 'v2',
			url: 'wss://ws.kraken.com/v2',
			restUrl: 'https://api.kraken.com',
			backfill: 200,
			userAgent: `kraken-tape/${packageJson.version}`,
			isDemo: false,
			pairs: ['BTC/USD', 'XRP/USD'],
			isJson: false,
			channels: ['trade', 'ticker', 'ohlc', 'book'],
			interval: 1,
			depth: 10,
			alerts: [],
			exitOnAlert: false,
			history: 1000,
			recordFile: undefined,
			bigNotional: undefined,
			isAscii: false,
			isColourless: false,
			themeName: 'default',
			theme: themes.default,
			bindings: defaultBindings,
			alertLog: '/nonexistent/kraken-tape-test/state/kraken-tape/alerts.log',
			alertTimeoutMs: 30_000,
		});
	});

	test('serve with nothing given', () => {
		expect(serve([])).toEqual({
			command: 'serve',
			port: 8787,
			host: '127.0.0.1',
			replayFile: undefined,
			speed: 1,
		});
	});

	test.each<[string[], Partial<WatchOptions>]>([
		[['--api', 'V1'], {api: 'v1', url: 'wss://ws.kraken.com/', pairs: ['XBT/USD', 'XRP/USD']}],
		[['--api=v2'], {api: 'v2', url: 'wss://ws.kraken.com/v2'}],
		[
			['--url', 'ws://127.0.0.1:1/v2'],
			{api: 'v2', url: 'ws://127.0.0.1:1/v2', restUrl: 'http://127.0.0.1:1'},
		],
		[
			['--url', 'wss://beta-ws.kraken.com/v2'],
			{url: 'wss://beta-ws.kraken.com/v2', restUrl: 'https://api.kraken.com'},
		],
		[['--url', 'wss://feed.example:9443/v2'], {restUrl: 'https://feed.example:9443'}],
		[['--rest-url', 'http://127.0.0.1:2'], {restUrl: 'http://127.0.0.1:2'}],
		[['--demo'], {isDemo: true, url: undefined, restUrl: undefined}],
		[['--backfill', '0'], {backfill: 0}],
		[['--backfill', '5000'], {backfill: 5000}],
		[['--url', 'wss://example.com/v2/'], {api: 'v2'}],
		[['--url', 'ws://127.0.0.1:1/'], {api: 'v1', url: 'ws://127.0.0.1:1/'}],
		[['--url', 'ws://127.0.0.1:1/v1'], {api: 'v1'}],
		[['--url', 'ws://127.0.0.1:1/', '--api', 'v2'], {api: 'v2', url: 'ws://127.0.0.1:1/'}],
		[['--demo'], {isDemo: true, url: undefined}],
		[['--demo', '--api', 'v1'], {isDemo: true, api: 'v1', url: undefined}],
		[['--json'], {isJson: true, channels: ['trade']}],
		[['--json', '--channels', 'ticker,ohlc,ticker'], {channels: ['ticker', 'ohlc']}],
		[['--channels', 'TRADE, ohlc'], {channels: ['trade', 'ohlc']}],
		[['--channels', 'book', '--depth', '1000'], {channels: ['book'], depth: 1000}],
		[['--json', '--depth', '25'], {channels: ['trade'], depth: 25}],
		[['--interval', '240'], {interval: 240}],
		[['--interval=21600'], {interval: 21_600}],
		[['--history', '5'], {history: 5}],
		[['--history=100000'], {history: 100_000}],
		[['--record', 'tape.ndjson'], {recordFile: 'tape.ndjson'}],
		[['--big', '2.5'], {bigNotional: 2.5}],
		[['--ascii'], {isAscii: true}],
		[['--no-color'], {isColourless: true}],
		[['xbt/usd', 'BTC/USD', 'eth/eur'], {pairs: ['BTC/USD', 'ETH/EUR']}],
		[['--api', 'v1', 'btc/usd', 'doge/usd'], {pairs: ['XBT/USD', 'XDG/USD']}],
		[['--', 'ETH/USD'], {pairs: ['ETH/USD']}],
	])('%j', (argv, expected) => {
		expect(watch(argv)).toMatchObject(expected);
	});

	test('alerts name their pair as the API does, and their pairs are watched too', () => {
		const options = watch([
			'XBT/USD',
			'--alert',
			'xbt/usd>=100',
			'--alert',
			'ETH/USD < 2.5',
			'--exit-on-alert',
		]);
		expect(options.alerts).toEqual([
			{pair: 'BTC/USD', operator: '>=', level: 100, text: 'BTC/USD>=100'},
			{pair: 'ETH/USD', operator: '<', level: 2.5, text: 'ETH/USD<2.5'},
		]);
		expect(options.pairs).toEqual(['BTC/USD', 'ETH/USD']);
		expect(options.exitOnAlert).toBe(true);
		expect(watch(['--api', 'v1', '--alert', 'BTC/USD>1']).alerts[0]?.text).toBe('XBT/USD>1');
	});

	test('JSON lines whenever stdout is not a terminal', () => {
		expect(watch([], {isTerminal: false, environment: isolated}).isJson).toBe(true);
	});

	test.each<[string[], Record<string, string>, boolean]>([
		[[], {NO_COLOR: '1'}, true],
		// no-color.org: set to the empty string, it asks for nothing.
		[[], {NO_COLOR: ''}, false],
		// Asked for by name, it wins; the environment's standing wish yields to FORCE_COLOR.
		[['--no-color'], {FORCE_COLOR: '1'}, true],
		[[], {NO_COLOR: '1', FORCE_COLOR: '0'}, false],
	])('%j with %j is colourless: %s', (argv, environment, isColourless) => {
		expect(
			watch(argv, {isTerminal: true, environment: {...isolated, ...environment}}).isColourless,
		).toBe(isColourless);
	});

	test.each<[string[], Partial<ServeOptions>]>([
		[['--port', '0'], {port: 0}],
		[['--port=65535'], {port: 65_535}],
		[['--host', '::1'], {host: '::1'}],
		[['--host', 'exchange.local'], {host: 'exchange.local'}],
		[['--replay', 'tape.ndjson'], {replayFile: 'tape.ndjson'}],
		[['--replay', 'tape.ndjson', '--speed', '2.5'], {replayFile: 'tape.ndjson', speed: 2.5}],
		// Read as the value, not as a flag.
		[['--replay', 'tape.ndjson', '--speed', '1000'], {speed: 1000}],
		[['--no-color'], {command: 'serve'}],
	])('serve %j', (argv, expected) => {
		expect(serve(argv)).toMatchObject(expected);
	});

	test.each([
		// Unknown flags, named as typed; before anything else, --help included.
		[['--frobnicate'], 'unknown flag --frobnicate (see kraken-tape --help)'],
		[['-x'], 'unknown flag -x (see kraken-tape --help)'],
		[['--bogus-flag=3'], 'unknown flag --bogus-flag (see kraken-tape --help)'],
		[['--exitOnAlert'], 'unknown flag --exitOnAlert (see kraken-tape --help)'],
		[['--no-history'], 'unknown flag --no-history (see kraken-tape --help)'],
		[['-hx'], 'unknown flag -hx (see kraken-tape --help)'],
		[['serve', '--help', '--nope'], 'unknown flag --nope (see kraken-tape --help)'],
		[['--history', '1', '--history', '2'], '--history can be given only once'],
		// Each flag on its own.
		[['--api', 'v3'], '--api must be v1 or v2'],
		[['--api', ''], '--api needs a value'],
		[['--url', 'http://example.com/'], '--url must be a ws:// or wss:// URL'],
		[['--url', 'not a url'], '--url must be a ws:// or wss:// URL'],
		[['--url', 'ws:example.com'], '--url must be a ws:// or wss:// URL'],
		[['--url'], '--url needs a value'],
		[['--rest-url', 'ws://127.0.0.1:1'], '--rest-url must be an http:// or https:// URL'],
		[
			['--demo', '--rest-url', 'http://127.0.0.1:1'],
			'--demo runs the built-in exchange, so it cannot take --rest-url',
		],
		[['--backfill', '-1'], /^--backfill must be/],
		[['--backfill', '5001'], /^--backfill must be/],
		[
			['--alert', 'XBT/USD=>100'],
			`alert rule "XBT/USD=>100" is not PAIR OPERATOR PRICE, for example 'XBT/USD>=100000' (operators >=, <=, >, <)`,
		],
		[['--alert', 'XBT/USD>=abc'], /^alert rule "XBT\/USD>=abc" is not PAIR OPERATOR PRICE/],
		[
			['--channels', 'trade,candles'],
			'--channels: "candles" is not a channel (trade, ticker, ohlc, book)',
		],
		[['--depth', '20'], '--depth must be one of 10, 25, 100, 500, 1000 (levels a side)'],
		[['--depth', 'deep'], '--depth must be one of 10, 25, 100, 500, 1000 (levels a side)'],
		[['--depth'], '--depth needs a value'],
		[['--channels'], '--channels needs a value'],
		[
			['--interval', '2'],
			'--interval must be one of 1, 5, 15, 30, 60, 240, 1440, 10080, 21600 (minutes)',
		],
		[
			['--interval', 'hourly'],
			'--interval must be one of 1, 5, 15, 30, 60, 240, 1440, 10080, 21600 (minutes)',
		],
		[['--history', 'abc'], '--history must be a number'],
		[['--history', '2.5'], '--history must be a whole number'],
		[['--history', '0'], '--history must be at least 1'],
		[['--history', '100001'], '--history must be at most 100000'],
		[['--history'], '--history needs a value'],
		[['--history='], '--history needs a value'],
		[['--record', ''], '--record needs a file name'],
		[['--big', 'lots'], '--big must be a number'],
		[['--big', '0'], '--big must be greater than 0'],
		[['--big', 'Infinity'], '--big must be a number'],
		[['serve', '--port', '70000'], '--port must be at most 65535'],
		[['serve', '--port', '-1'], '--port must be at least 0'],
		[['serve', '--port', '80.5'], '--port must be a whole number'],
		[['serve', '--host', 'a host'], '--host must be a host name or address'],
		[['serve', '--host'], '--host needs a value'],
		[['serve', '--replay', ''], '--replay needs a file name'],
		[['serve', '--replay', 'tape', '--speed', '-1'], '--speed must be greater than 0'],
		[['serve', '--replay', 'tape', '--speed', 'fast'], '--speed must be a number'],
		[['serve', '--replay', 'tape', '--speed', '1001'], '--speed must be at most 1000'],
		// A flag of the other command.
		[['--port', '80'], '--port belongs to the serve command'],
		[['--speed', '2'], '--speed belongs to the serve command'],
		[['serve', '--ascii'], '--ascii is not an option of serve'],
		[['serve', '--json'], '--json is not an option of serve'],
		[['serve', '--alert', 'XBT/USD>1'], '--alert is not an option of serve'],
		// Between flags, and pairs.
		[['--exit-on-alert'], '--exit-on-alert needs at least one --alert rule'],
		[
			['--demo', '--url', 'ws://127.0.0.1:1/v2'],
			'--demo runs the built-in exchange, so it cannot take --url',
		],
		[['serve', '--speed', '2'], "--speed needs --replay: it sets the replay's speed"],
		[['serve', 'XBT/USD'], 'serve takes no pairs, got "XBT/USD"'],
		[['XBTUSD'], '"XBTUSD" is not a currency pair: write it as BASE/QUOTE, for example XBT/USD'],
		[['XBT/US$'], /^"XBT\/US\$" is not a currency pair/],
		[['XBT/XBT'], '"XBT/XBT" is not a currency pair: base and quote are the same'],
		[['xbt/btc'], '"xbt/btc" is not a currency pair: base and quote are the same'],
		[['--alert', 'XBTUSD>=100'], /^"XBTUSD" is not a currency pair/],
	])('%j is refused: %s', (argv, message) => {
		if (typeof message === 'string') {
			expect(refusal(argv)).toBe(message);
		} else {
			expect(refusal(argv)).toMatch(message);
		}
	});

	test.each([[['--help']], [['-h']], [['serve', '--help']], [['XBT/USD', '-h', '--history=x']]])(
		'%j asks for the help, whatever else is there',
		(argv) => {
			expect(parse(argv)).toEqual({command: 'help', text: help});
		},
	);

	test.each([[['--version']], [['-v']], [['serve', '-v']]])('%j asks for the version', (argv) => {
		expect(parse(argv)).toEqual({command: 'version', text: packageJson.version});
	});

	test('-hv asks for the help', () => {
		expect(parse(['-hv']).command).toBe('help');
	});
});

const help = `${packageJson.description}

  Usage
    $ kraken-tape [pairs...]        live trade tape (JSON lines when stdout is not a terminal)
    $ kraken-tape serve             run the simulated Kraken exchange
    $ kraken-tape config            each setting in effect and where it came from

  Options
    --api v1|v2         Kraken WebSocket API version (default v2, or as --url's path says)
    --url URL           feed URL (default wss://ws.kraken.com/v2, v1: wss://ws.kraken.com/)
    --rest-url URL      Kraken's REST API, for each tape's history and any gap in it
                        (default https://api.kraken.com, or --url's host and port)
    --demo              use the built-in simulated exchange (offline; data is SIMULATED)
    --json              write one JSON object per line to stdout
    --channels LIST     channels: trade, ticker, ohlc, book
                        (default: all on screen, trade alone with --json)
    --interval M        candle interval in minutes (default 1):
                        1, 5, 15, 30, 60, 240, 1440, 10080 or 21600
    --depth N           order book levels a side (default 10): 10, 25, 100, 500 or 1000
    --alert RULE        alert when a trade crosses a level, e.g. 'XBT/USD>=100000' (repeatable)
    --exit-on-alert     exit 0 after the first alert fires (and its command ended)
    --on-alert CMD      run CMD through your shell when an alert fires; the alert is in its
                        environment only (KRAKEN_TAPE_PAIR, _RULE, _PRICE, _TIME)
    --alert-timeout S   stop an alert command still running after S seconds (default 30)
    --backfill N        start each tape with its N latest trades from REST (default 200), 0 for none
    --history N         trades kept per pair (default 1000)
    --record FILE       append every received frame to FILE as NDJSON
    --big N             highlight trades worth at least N in the quote currency
                        (default: ten times the pair's average trade)
    --ascii             draw with ASCII only
    --theme NAME        colours: default, light, high-contrast or colour-blind
    --no-color          no colours, whatever FORCE_COLOR says (also NO_COLOR=1, which FORCE_COLOR=1 overrides)
    --config FILE       read settings from FILE (default ~/.config/kraken-tape/config.toml)
    --no-config         ignore the config file: defaults and flags only

  Options for serve
    --port N            port to listen on (default 8787)
    --host HOST         address to listen on (default 127.0.0.1)
    --replay FILE       replay a --record file instead of simulating
    --speed X           replay speed multiplier (default 1)

  Options for config
    --init              write a commented starting config file (never over an existing one)

  Pairs are BASE/QUOTE in any case; XBT and BTC, XDG and DOGE are the same asset.
  Default pairs: XBT/USD XRP/USD.
  Settings are read from ~/.config/kraken-tape/config.toml ($XDG_CONFIG_HOME); flags win.
  config takes the tape's pairs and flags too, to show what they would change.

  Examples
    $ kraken-tape --demo
    $ kraken-tape --json XBT/USD ETH/USD | head
    $ kraken-tape --json --channels trade,ticker,ohlc --interval 5 XBT/USD
    $ kraken-tape --json --alert 'XBT/USD>=100000' --exit-on-alert
    $ kraken-tape config --init`;
