import {spawn} from 'node:child_process';
import {startFirehose} from '../firehose/control.js';
import {krakenTape, hasTradeRows} from '../kraken-tape.js';
import {cpuMilliseconds, spawnInPty} from '../pty.js';
import {median, pause, round, type Result} from '../results.js';

const windowSeconds = 20;
/**
 * The screen runs for days, so the steady state is what counts: for its first half minute V8 is
 * still compiling the render path on its own threads (3.6% of a core measured from 3 s in,
 * against 1.5% from 40 s in). Start-up has a row of its own.
 */
const settleSeconds = 30;

/**
 * CPU used over the same window by kraken-tape's default screen (tape, chart, 24-hour strip and
 * ladder; 120x40, two pairs, one trade a second)
 * and by an idle Node process, each as percent of one core.
 */
async function runOnce(): Promise<{
	ours: number;
	baseline: number;
	framesPerSecond: number;
	bytesPerSecond: number;
}> {
	const firehose = await startFirehose({books: true});
	const program = spawnInPty([...krakenTape, '--url', firehose.url, 'BTC/USD', 'ETH/USD'], {
		columns: 120,
		rows: 40,
	});
	const idle = spawn(process.execPath, ['-e', 'setInterval(()=>{},1000)'], {stdio: 'ignore'});
	try {
		await firehose.next('subscribed');
		await program.whenScreen(hasTradeRows);
		const sending = firehose.send({
			send: windowSeconds + settleSeconds + 5,
			rate: 1,
			tradesPerFrame: 1,
		});
		await pause(settleSeconds * 1000);
		const before = {ours: cpuMilliseconds(program.pid), baseline: cpuMilliseconds(idle.pid!)};
		const framesBefore = program.counters();
		const startedAt = performance.now();
		await pause(windowSeconds * 1000);
		const elapsed = performance.now() - startedAt;
		const percent = (used: number) => (used / elapsed) * 100;
		const result = {
			ours: percent(cpuMilliseconds(program.pid) - before.ours),
			baseline: percent(cpuMilliseconds(idle.pid!) - before.baseline),
			framesPerSecond: ((program.counters().frames - framesBefore.frames) * 1000) / elapsed,
			bytesPerSecond: ((program.counters().bytes - framesBefore.bytes) * 1000) / elapsed,
		};
		await sending;
		return result;
	} finally {
		idle.kill();
		program.write('q');
		await program.exited;
		await firehose.stop();
	}
}

export async function measureIdle(runs: number): Promise<Result> {
	const ours: number[] = [];
	const baseline: number[] = [];
	const framesPerSecond: number[] = [];
	for (let run = 0; run < runs; run++) {
		const result = await runOnce();
		ours.push(round(result.ours));
		baseline.push(round(result.baseline));
		framesPerSecond.push(round(result.framesPerSecond, 1));
	}

	const value = median(ours);
	const base = median(baseline);
	const above = round(value - base);
	return {
		id: 4,
		what: 'idle cost: CPU on the full screen, subscribed, 1 trade/s',
		value,
		unit: '% of a core',
		baselines: [
			{
				name: 'node -e "setInterval(()=>{},1000)"',
				value: base,
				ratio: round(value / Math.max(base, 0.01)),
			},
		],
		target: 'at most 0.5 percentage points above the idle node',
		pass: above <= 0.5,
		runs: {'kraken-tape': ours, 'idle node': baseline, 'frames/s written': framesPerSecond},
		notes: [
			`${above} percentage points above the idle node; ${median(framesPerSecond)} frames/s written`,
		],
	};
}
