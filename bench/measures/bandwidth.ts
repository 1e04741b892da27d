import {changedCellBytes} from '../changed-cells.js';
import {startFirehose} from '../firehose/control.js';
import {krakenTape, hasTradeRows} from '../kraken-tape.js';
import {spawnInPty, type PtyProgram} from '../pty.js';
import {median, pause, round, type Result} from '../results.js';

const rate = 20;
const seconds = 10;
const size = {columns: 120, rows: 40};
const pairs = ['BTC/USD', 'ETH/USD'];
const ceilingRatio = 2;

type Run = {bytesPerSecond: number; floorPerSecond: number};

/**
 * The default screen (tape, chart, 24-hour strip and ladder) at 20 trades a second: the bytes it
 * wrote, and the floor, the bytes of the cells its frames changed (changed-cells.ts).
 */
async function runOnce(): Promise<Run> {
	const firehose = await startFirehose({books: true});
	let program: PtyProgram | undefined;
	try {
		program = spawnInPty([...krakenTape, '--url', firehose.url, ...pairs], {
			...size,
			record: true,
		});
		await firehose.next('subscribed');
		await program.whenScreen(hasTradeRows);
		// Let start-up's frames finish before counting.
		await pause(1000);
		const from = program.recorded().length;
		const before = program.counters();
		const startedAt = performance.now();
		await firehose.send({send: rate * seconds, rate, tradesPerFrame: 1});
		const elapsed = (performance.now() - startedAt) / 1000;
		const bytesPerSecond = (program.counters().bytes - before.bytes) / elapsed;
		const floor = await changedCellBytes(program.recorded(), from, size);
		return {bytesPerSecond, floorPerSecond: floor / elapsed};
	} finally {
		program?.write('q');
		await program?.exited;
		await firehose.stop();
	}
}

export async function measureBandwidth(runs: number): Promise<Result> {
	const results: Run[] = [];
	for (let run = 0; run < runs; run++) {
		results.push(await runOnce());
	}

	const ratios = results.map((result) => result.bytesPerSecond / result.floorPerSecond);
	const value = median(results.map((result) => Math.round(result.bytesPerSecond)));
	const floor = median(results.map((result) => Math.round(result.floorPerSecond)));
	const ratio = round(median(ratios));
	return {
		id: 3,
		what: `terminal bandwidth: ${rate} trades/s on ${size.columns}x${size.rows}, full screen`,
		value,
		unit: 'bytes/s',
		baselines: [{name: 'floor: the bytes of the cells that changed', value: floor, ratio}],
		target: `at most ${ceilingRatio} x the floor`,
		pass: ratio <= ceilingRatio,
		runs: {
			'bytes/s': results.map((result) => Math.round(result.bytesPerSecond)),
			'floor bytes/s': results.map((result) => Math.round(result.floorPerSecond)),
			'x the floor': ratios.map((each) => round(each)),
		},
	};
}
