import {startFirehose} from '../firehose/control.js';
import {krakenTape, hasTradeRows} from '../kraken-tape.js';
import {spawnInPty} from '../pty.js';
import {median, round, type Result} from '../results.js';

const size = {columns: 120, rows: 40};

/** From spawn to the first frame that shows trades (the firehose sends a snapshot on subscribe). */
async function toFirstTrades(url: string): Promise<number> {
	const startedAt = performance.now();
	const program = spawnInPty([...krakenTape, '--url', url, 'BTC/USD'], size);
	const shownAt = await program.whenScreen(hasTradeRows);
	program.write('q');
	await program.exited;
	return shownAt - startedAt;
}

/** From spawn to exit of `node -e 0`, in the same kind of terminal. */
async function bareNode(): Promise<number> {
	const startedAt = performance.now();
	const program = spawnInPty(['-e', '0'], size);
	await program.exited;
	return performance.now() - startedAt;
}

export async function measureStartup(runs: number): Promise<Result> {
	const firehose = await startFirehose({books: true});
	const ours: number[] = [];
	const baseline: number[] = [];
	try {
		for (let run = 0; run < runs; run++) {
			baseline.push(await bareNode());
			ours.push(await toFirstTrades(firehose.url));
		}
	} finally {
		await firehose.stop();
	}

	const value = median(ours);
	const base = median(baseline);
	const ratio = round(value / base);
	return {
		id: 5,
		what: 'start-up: process start to the first frame with trades',
		value: Math.round(value),
		unit: 'ms',
		baselines: [{name: 'node -e 0', value: Math.round(base), ratio}],
		target: 'at most 3 x node -e 0',
		pass: ratio <= 3,
		runs: {
			'kraken-tape': ours.map((ms) => round(ms, 1)),
			'node -e 0': baseline.map((ms) => round(ms, 1)),
		},
	};
}
