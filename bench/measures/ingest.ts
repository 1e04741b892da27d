import {spawn, spawnSync} from 'node:child_process';
import {openSync, closeSync} from 'node:fs';
import {startFirehose, type Firehose} from '../firehose/control.js';
import {baselinePath, krakenTape} from '../kraken-tape.js';
import {median, round, type Result} from '../results.js';

// Long enough that start-up's unoptimised code is a small part of each run.
const trades = 300_000;
const tradesPerFrame = 2;
const pair = 'BTC/USD';
/** The last trade's price: far above the market, so an alert or a substring finds it. */
const endPrice = 9_999_999;
const pythonPath = '/usr/bin/python3';

type Client = Readonly<{name: string; command: string; arguments: string[]}>;
type Api = 'v2' | 'v1';

/** The pair as each API names it. */
const pairOn = {v2: 'BTC/USD', v1: 'XBT/USD'} as const;

/** kraken-tape and its baselines on one API; Python's client speaks v2 alone. */
const clients = (url: string, api: Api): Client[] => [
	{
		name: 'kraken-tape --json',
		command: process.execPath,
		arguments: [
			...krakenTape,
			'--json',
			'--url',
			url,
			'--alert',
			`${pairOn[api]}>=${endPrice}`,
			'--exit-on-alert',
			pairOn[api],
		],
	},
	{
		name: 'raw ws client',
		command: process.execPath,
		arguments: [
			baselinePath(api === 'v2' ? 'raw-client.js' : 'raw-client-v1.js'),
			url,
			String(trades),
			pairOn[api],
		],
	},
	...(api === 'v2'
		? [
				{
					name: 'Python websocket-client',
					command: pythonPath,
					arguments: [baselinePath('python-client.py'), url, `"price":${endPrice}`, pair],
				},
			]
		: []),
];

export function hasPythonWebsocket(): boolean {
	return spawnSync(pythonPath, ['-c', 'import websocket'], {stdio: 'ignore'}).status === 0;
}

/**
 * Trades per second from the firehose's first frame to the client's disconnect, stdout to
 * /dev/null: the client's start-up is left out, its whole reading and writing is in.
 */
async function tradesPerSecond(firehose: Firehose, client: Client): Promise<number> {
	const devNull = openSync('/dev/null', 'w');
	const child = spawn(client.command, client.arguments, {stdio: ['ignore', devNull, 'ignore']});
	closeSync(devNull);
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	await firehose.next('subscribed');
	const sent = await firehose.send({send: trades, rate: 0, tradesPerFrame, endPrice});
	const closed = await firehose.next('closed');
	const code = await exited;
	if (code !== 0) {
		throw new Error(`${client.name} exited with ${code}`);
	}

	return trades / ((closed.at - sent.firstFrameAt) / 1000);
}

async function measureOn(api: Api, runs: number): Promise<Result> {
	const firehose = await startFirehose();
	// The firehose serves v1 at / beside v2 at /v2.
	const url = api === 'v2' ? firehose.url : firehose.url.replace(/\/v2$/, '/');
	const chosen = clients(url, api).filter(
		(client) => client.command !== pythonPath || hasPythonWebsocket(),
	);
	const figures = new Map<string, number[]>(chosen.map((client) => [client.name, []]));
	try {
		// Interleaved, so a noisy moment on the machine falls on every client alike.
		for (let run = 0; run < runs; run++) {
			for (const client of chosen) {
				figures.get(client.name)!.push(await tradesPerSecond(firehose, client));
			}
		}
	} finally {
		await firehose.stop();
	}

	const ours = median(figures.get('kraken-tape --json')!);
	const baselines = chosen.slice(1).map((client) => {
		const value = median(figures.get(client.name)!);
		return {name: client.name, value: Math.round(value), ratio: round(ours / value)};
	});
	const raw = baselines[0]!;
	return {
		id: 1,
		what: `ingest, ${api}: ${trades.toLocaleString('en-US')} trades through --json to /dev/null`,
		value: Math.round(ours),
		unit: 'trades/s',
		baselines,
		target: 'at least 1.3 x raw',
		pass: raw.ratio >= 1.3,
		runs: Object.fromEntries(figures),
		notes:
			api === 'v2' && !hasPythonWebsocket()
				? [
						`Python loop skipped: ${pythonPath} cannot import websocket (apt-get install python3-websocket)`,
					]
				: [],
	};
}

/** Row 1 on each API: two rows of the table. */
export async function measureIngest(runs: number): Promise<Result[]> {
	return [await measureOn('v2', runs), await measureOn('v1', runs)];
}
