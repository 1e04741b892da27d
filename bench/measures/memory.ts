import {startFirehose} from '../firehose/control.js';
import {krakenTape, hasTradeRows, tradesPerMinuteOn} from '../kraken-tape.js';
import {residentMegabytes, spawnInPty} from '../pty.js';
import {median, pause, round, type Result} from '../results.js';

const step = 100_000;
const steps = 10;
const snapshotTrades = 50;
const ceilingMb = 100;

/**
 * Resident memory of kraken-tape on screen after each 100,000 trades, up to 1,000,000, sent as
 * fast as it reads them. Each reading waits until the screen counts every trade sent.
 */
async function runOnce(): Promise<number[]> {
	const firehose = await startFirehose({books: true});
	const program = spawnInPty([...krakenTape, '--url', firehose.url, 'BTC/USD'], {
		columns: 120,
		rows: 40,
	});
	const readings: number[] = [];
	try {
		await firehose.next('subscribed');
		await program.whenScreen(hasTradeRows);
		for (let sent = step; sent <= step * steps; sent += step) {
			await firehose.send({send: step, rate: 0, tradesPerFrame: 4});
			await program.whenScreen(
				(lines) => tradesPerMinuteOn(lines) === snapshotTrades + sent,
				60_000,
			);
			// A moment for the frame after the count, as a user would see it.
			await pause(300);
			readings.push(round(residentMegabytes(program.pid), 1));
		}

		return readings;
	} finally {
		program.write('q');
		await program.exited;
		await firehose.stop();
	}
}

export async function measureMemory(runs: number): Promise<Result> {
	const all: number[][] = [];
	for (let run = 0; run < runs; run++) {
		all.push(await runOnce());
	}

	const at = (index: number) => median(all.map((readings) => readings[index]!));
	const first = at(0);
	const last = at(steps - 1);
	const ratio = round(last / first);
	return {
		id: 6,
		what: 'memory over time: RSS after 1,000,000 trades against after 100,000',
		value: last,
		unit: 'MB',
		baselines: [{name: 'after 100,000 trades', value: first, ratio}],
		target: `at most 1.1 x, and at most ${ceilingMb} MB`,
		pass: ratio <= 1.1 && last <= ceilingMb,
		runs: Object.fromEntries(all.map((readings, index) => [`run ${index + 1}`, readings])),
		notes: [
			`RSS by 100,000 trades (median): ${Array.from({length: steps}, (_, index) => at(index)).join(', ')} MB`,
		],
	};
}
