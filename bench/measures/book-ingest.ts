import {spawn} from 'node:child_process';
import {closeSync, openSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startFirehose, type Firehose} from '../firehose/control.js';
import {baselinePath, krakenTape} from '../kraken-tape.js';
import {median, round, type Result} from '../results.js';

// Long enough that start-up's unoptimised code is a small part of each run.
const updates = 100_000;
const depth = 1000;
const pair = 'BTC/USD';
/** The end marker's price: far above the book, so only the last trade crosses an alert there. */
const endPrice = 9_999_999;

type Client = Readonly<{name: string; arguments: string[]; isOurs: boolean}>;

const clients = (url: string): Client[] => [
	{
		name: 'kraken-tape --json',
		arguments: [
			...krakenTape,
			'--json',
			'--channels',
			'book,trade',
			'--depth',
			String(depth),
			'--url',
			url,
			'--alert',
			`${pair}>=${endPrice}`,
			'--exit-on-alert',
			pair,
		],
		isOurs: true,
	},
	{
		name: 'raw ws client (JSON.parse, no book)',
		arguments: [baselinePath('raw-book-client.js'), url, String(updates), String(depth), pair],
		isOurs: false,
	},
];

type Run = Readonly<{updatesPerSecond: number; problems: string[]}>;

/** The checksum of the last book line on kraken-tape's stdout, if it wrote one. */
function lastBookChecksum(stdout: string): number | undefined {
	const lines = stdout.split('\n');
	for (let index = lines.length - 1; index >= 0; index--) {
		const line = lines[index]!;
		if (line.startsWith('{"type":"book"')) {
			return (JSON.parse(line) as {checksum?: number}).checksum;
		}
	}

	return undefined;
}

/**
 * Updates per second from the firehose's first update to the client's disconnect after the end
 * marker, which it reads only once every update before it is processed (frames are handled in
 * order). kraken-tape's stdout goes to a file, read afterwards: its last book line must carry
 * the firehose's final checksum, proof the book was kept to the end, and its stderr must say
 * nothing of the book (a failed check says `BTC/USD book: ...`).
 */
async function runOnce(firehose: Firehose, client: Client): Promise<Run> {
	const stdoutFile = join(tmpdir(), `kraken-tape-book-ingest-${process.pid}.jsonl`);
	const stdout = openSync(stdoutFile, 'w');
	const child = spawn(process.execPath, client.arguments, {stdio: ['ignore', stdout, 'pipe']});
	closeSync(stdout);
	let stderr = '';
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	try {
		await firehose.next('subscribed');
		const subscribed = await firehose.next('book-subscribed');
		if (subscribed.depth !== depth) {
			throw new Error(`${client.name} subscribed the book at depth ${subscribed.depth}`);
		}

		const sent = await firehose.sendBook({book: updates, rate: 0, endPrice});
		const closed = await firehose.next('closed');
		const code = await exited;
		if (code !== 0) {
			throw new Error(`${client.name} exited with ${code}: ${stderr}`);
		}

		const problems: string[] = [];
		if (client.isOurs) {
			// `BTC/USD book: subscribed` is the only thing it should say of the book.
			const said = stderr.split('\n').filter((line) => line.includes(' book: '));
			problems.push(...said.filter((line) => !line.endsWith(' book: subscribed')));
			const shown = lastBookChecksum(readFileSync(stdoutFile, 'utf8'));
			if (shown !== sent.checksums[pair]) {
				problems.push(`last book line's checksum ${shown}, firehose's ${sent.checksums[pair]}`);
			}
		}

		return {updatesPerSecond: updates / ((closed.at - sent.firstFrameAt) / 1000), problems};
	} finally {
		rmSync(stdoutFile, {force: true});
	}
}

export async function measureBookIngest(runs: number): Promise<Result> {
	const firehose = await startFirehose({books: true});
	const chosen = clients(firehose.url);
	const figures = new Map<string, number[]>(chosen.map((client) => [client.name, []]));
	const problems: string[] = [];
	try {
		// Interleaved, so a noisy moment on the machine falls on every client alike.
		for (let run = 0; run < runs; run++) {
			for (const client of chosen) {
				const result = await runOnce(firehose, client);
				figures.get(client.name)!.push(Math.round(result.updatesPerSecond));
				problems.push(...result.problems.map((problem) => `run ${run + 1}: ${problem}`));
			}
		}
	} finally {
		await firehose.stop();
	}

	const ours = median(figures.get(chosen[0]!.name)!);
	const raw = median(figures.get(chosen[1]!.name)!);
	const ratio = round(ours / raw);
	return {
		id: 8,
		what: `book ingest: ${updates.toLocaleString('en-US')} depth-${depth} book updates through --json, every checksum checked`,
		value: Math.round(ours),
		unit: 'updates/s',
		baselines: [{name: chosen[1]!.name, value: Math.round(raw), ratio}],
		target: 'at least 0.5 x raw, 0 failed checks',
		pass: ratio >= 0.5 && problems.length === 0,
		runs: Object.fromEntries(figures),
		notes: [
			problems.length === 0
				? `0 failed checks in ${runs} run(s); the last book line's checksum was the firehose's in every run`
				: `book problems: ${problems.slice(0, 5).join('; ')}`,
		],
	};
}
