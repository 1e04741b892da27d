import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {watchCandles} from '../../source/index.js';
import {userAgentOf} from '../../source/kraken/rest/user-agent.js';
import {startExchangeServer} from '../../source/simulator/exchange-server.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';
import {binPath} from '../helpers/built-command.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {listedPair, urlFor} from '../helpers/simulator.js';
import {startScriptedRest, type ScriptedRest} from '../helpers/scripted-rest.js';

// Kraken asks every REST request for a User-Agent naming the tool and its version. Each way
// kraken-tape reaches REST is run against a local HTTP server that reads the header: the library
// from the source and as built (dist/index.js, in a Node process of its own, as a user imports
// it), and the built command. The feed is the built-in exchange's; REST is the recording server,
// which answers with an error, as only the request matters here.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const {version} = JSON.parse(
	readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as {version: string};
const libraryPath = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

async function servers(): Promise<{feedUrl: string; rest: ScriptedRest}> {
	const source = createSimulatedMarket({
		seed: 3,
		pairs: [listedPair('BTC/USD')],
		rateMultiplier: 5,
	});
	const exchange = await startExchangeServer({source});
	cleanup.add(() => exchange.close());
	const rest = await startScriptedRest(cleanup, () => ({
		body: '{"error":["EService:Unavailable"]}',
	}));
	return {feedUrl: urlFor(exchange, 'v2'), rest};
}

/** Runs a program in a Node process of its own until the test ends. */
function startNode(arguments_: readonly string[]): void {
	const child = spawn(process.execPath, arguments_, {stdio: 'ignore'});
	cleanup.add(async () => {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
		}

		await exited;
	});
}

/** The User-Agent of the first REST call made. */
async function firstUserAgent(rest: ScriptedRest): Promise<string | undefined> {
	await eventually(() => expect(rest.requests.length).toBeGreaterThan(0), 20_000);
	return rest.requests[0]!.headers['user-agent'];
}

describe('user agent', () => {
	test('names kraken-tape and its version, with a comment when given one', () => {
		expect(userAgentOf('0.1.0')).toBe('kraken-tape/0.1.0');
		expect(userAgentOf('0.1.0', 'library')).toBe('kraken-tape/0.1.0 (library)');
		expect(userAgentOf('')).toBe('kraken-tape');
	});

	test("the library's REST calls name the package's version", async () => {
		const {feedUrl, rest} = await servers();
		const controller = new AbortController();
		cleanup.add(() => controller.abort());
		// A chart's history is asked of REST once its candles are subscribed.
		const loop = (async () => {
			for await (const _candle of watchCandles('BTC/USD', {
				url: feedUrl,
				restUrl: rest.url,
				signal: controller.signal,
			})) {
				// Read and dropped: the request is what matters.
			}
		})();
		expect(await firstUserAgent(rest)).toBe(`kraken-tape/${version} (library)`);
		controller.abort();
		await loop;
	});

	test('so do the built library (dist/index.js) and the built command', async () => {
		const {feedUrl, rest} = await servers();
		const program = `const {watchCandles} = await import(process.argv[1]);
for await (const candle of watchCandles('BTC/USD', {url: process.argv[2], restUrl: process.argv[3]})) {}`;
		startNode(['--input-type=module', '-e', program, libraryPath, feedUrl, rest.url]);
		expect(await firstUserAgent(rest)).toBe(`kraken-tape/${version} (library)`);

		const command = await servers();
		startNode([
			binPath,
			'--no-config',
			'--json',
			'--url',
			command.feedUrl,
			'--rest-url',
			command.rest.url,
			'BTC/USD',
		]);
		expect(await firstUserAgent(command.rest)).toBe(`kraken-tape/${version}`);
	});
});
