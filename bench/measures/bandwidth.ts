import {startFirehose} from '../firehose/control.js';
import {baselinePath, krakenTape, hasTradeRows, tradeRow} from '../kraken-tape.js';
import {spawnInPty, type PtyProgram} from '../pty.js';
import {median, pause, round, type Result} from '../results.js';

const rate = 20;
const seconds = 10;
const size = {columns: 120, rows: 40};
const pair = 'BTC/USD';

type Tape = Readonly<{name: string; arguments: (url: string) => string[]}>;

const tapes: readonly Tape[] = [
	{name: 'kraken-tape', arguments: (url) => [...krakenTape, '--url', url, pair]},
	{
		name: 'naive Ink tape',
		arguments: (url) => ['--import', 'tsx', baselinePath('naive-tape.tsx'), url, pair],
	},
];

type Run = {bytesPerSecond: number; rowBytes?: number};

async function runOnce(tape: Tape): Promise<Run> {
	const firehose = await startFirehose();
	let program: PtyProgram | undefined;
	try {
		program = spawnInPty(tape.arguments(firehose.url), {...size, env: {NODE_ENV: 'production'}});
		await firehose.next('subscribed');
		await program.whenScreen(hasTradeRows);
		// Let start-up's frames finish before counting.
		await pause(1000);
		const before = program.counters();
		const startedAt = performance.now();
		await firehose.send({send: rate * seconds, rate, tradesPerFrame: 1});
		const elapsed = (performance.now() - startedAt) / 1000;
		const bytesPerSecond = (program.counters().bytes - before.bytes) / elapsed;
		// The floor: a new row's text, as kraken-tape shows it, once per trade.
		const rows = (await program.screen()).filter((line) => tradeRow.test(line));
		const rowBytes = median(rows.map((line) => Buffer.byteLength(line.trimEnd())));
		return {bytesPerSecond, rowBytes};
	} finally {
		program?.write('q');
		program?.signal('SIGTERM');
		await program?.exited;
		await firehose.stop();
	}
}

export async function measureBandwidth(runs: number): Promise<Result> {
	const figures = new Map<string, number[]>(tapes.map((tape) => [tape.name, []]));
	const rowBytes: number[] = [];
	for (let run = 0; run < runs; run++) {
		for (const tape of tapes) {
			const result = await runOnce(tape);
			figures.get(tape.name)!.push(Math.round(result.bytesPerSecond));
			if (tape.name === 'kraken-tape' && result.rowBytes !== undefined) {
				rowBytes.push(result.rowBytes);
			}
		}
	}

	const value = median(figures.get('kraken-tape')!);
	const naive = median(figures.get('naive Ink tape')!);
	const floor = median(rowBytes) * rate;
	const ratio = round(value / naive, 3);
	return {
		id: 3,
		what: `terminal bandwidth: ${rate} trades/s on ${size.columns}x${size.rows}`,
		value,
		unit: 'bytes/s',
		baselines: [
			{name: 'naive Ink tape', value: naive, ratio},
			{name: "floor (the new rows' text)", value: floor, ratio: round(value / floor)},
		],
		target: 'at most 1/10 of naive',
		pass: ratio <= 0.1,
		runs: Object.fromEntries(figures),
	};
}
