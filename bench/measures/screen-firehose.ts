import {readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {maxFramesPerSecond} from '../../source/tape-mode.js';
import {startFirehose} from '../firehose/control.js';
import {krakenTape, hasTradeRows, missingTrades, probePath} from '../kraken-tape.js';
import {spawnInPty} from '../pty.js';
import {median, pause, round, type Result} from '../results.js';

const rate = 20_000;
const seconds = 10;
const pairs = ['BTC/USD', 'ETH/USD'];
const snapshotTrades = 50;
const ceilings = {lagP99Ms: 50, peakRssMb: 150};

type Probe = {lagP99Ms: number; lagMaxMs: number; lagMeanMs: number; peakRssMb: number};
type Run = Probe & {framesPerSecond: number; missing: number};

async function runOnce(): Promise<Run> {
	const probeFile = join(tmpdir(), `kraken-tape-probe-${process.pid}.json`);
	rmSync(probeFile, {force: true});
	const firehose = await startFirehose();
	const program = spawnInPty(
		['--import', probePath, ...krakenTape, '--url', firehose.url, ...pairs],
		{
			columns: 120,
			rows: 40,
			env: {KRAKEN_TAPE_BENCH_PROBE: probeFile},
		},
	);
	try {
		await firehose.next('subscribed');
		await program.whenScreen(hasTradeRows);
		program.signal('SIGUSR2');
		const before = program.counters();
		const startedAt = performance.now();
		await firehose.send({send: rate * seconds, rate, tradesPerFrame: 4});
		const elapsedSeconds = (performance.now() - startedAt) / 1000;
		program.signal('SIGUSR2');
		const framesPerSecond = (program.counters().frames - before.frames) / elapsedSeconds;

		const expected = snapshotTrades + (rate * seconds) / pairs.length;
		const missing = await missingTrades(program, pairs, expected);

		await pause(200);
		const probe = JSON.parse(readFileSync(probeFile, 'utf8')) as Probe;
		return {...probe, framesPerSecond, missing};
	} finally {
		program.write('q');
		await program.exited;
		await firehose.stop();
		rmSync(probeFile, {force: true});
	}
}

export async function measureScreenFirehose(runs: number): Promise<Result> {
	const results: Run[] = [];
	for (let run = 0; run < runs; run++) {
		results.push(await runOnce());
	}

	const of = (key: keyof Run) => results.map((result) => result[key]);
	const lagP99Ms = median(of('lagP99Ms'));
	const framesPerSecond = median(of('framesPerSecond'));
	const peakRssMb = Math.max(...of('peakRssMb'));
	const missing = Math.max(...of('missing'));
	return {
		id: 2,
		what: `firehose into the screen: ${rate.toLocaleString('en-US')} trades/s for ${seconds} s, 120x40`,
		value: lagP99Ms,
		unit: 'ms event-loop lag p99',
		baselines: [],
		target: `lag p99 <= ${ceilings.lagP99Ms} ms, fps <= ${maxFramesPerSecond}, 0 missing, peak RSS <= ${ceilings.peakRssMb} MB`,
		pass:
			lagP99Ms <= ceilings.lagP99Ms &&
			framesPerSecond <= maxFramesPerSecond &&
			missing === 0 &&
			peakRssMb <= ceilings.peakRssMb,
		runs: {
			lagP99Ms: of('lagP99Ms'),
			lagMaxMs: of('lagMaxMs'),
			framesPerSecond: of('framesPerSecond').map((value) => round(value, 1)),
			missingTrades: of('missing'),
			peakRssMb: of('peakRssMb'),
		},
		notes: [
			`frames/s ${round(framesPerSecond, 1)} (cap ${maxFramesPerSecond}), missing trades ${missing}, peak RSS ${peakRssMb} MB (worst run)`,
		],
	};
}
