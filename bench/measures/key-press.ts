import {startFirehose} from '../firehose/control.js';
import {krakenTape, hasTradeRows} from '../kraken-tape.js';
import {spawnInPty, type PtyProgram} from '../pty.js';
import {median, pause, round, type Result} from '../results.js';

const rate = 20_000;
const bookRate = 2000;
const seconds = 10;
const pairs = ['BTC/USD', 'ETH/USD'] as const;
const ceilingP99Ms = 50;
/** Time between one press's frame and the next press, as a user flicking between pairs. */
const pressEveryMs = 200;

/** The focused pair: the chart above the tape is the focused pair's, and its title names it. */
function focusedPair(lines: readonly string[]): string | undefined {
	for (const line of lines) {
		const match = /^(?:waiting for )?([A-Z]+\/[A-Z]+) 1m\b/.exec(line);
		if (match) {
			return match[1];
		}
	}

	return undefined;
}

/**
 * Presses `l` (next pair) again and again while the burst lasts; for each press, the time from
 * the key written to the first output after which the screen shows the other pair focused.
 */
async function pressWhile(program: PtyProgram, burst: Promise<unknown>): Promise<number[]> {
	let isBursting = true;
	void burst.finally(() => {
		isBursting = false;
	});
	const latencies: number[] = [];
	let focused = 0;
	while (isBursting) {
		await pause(pressEveryMs);
		if (!isBursting) {
			break;
		}

		// The frames since the last press are read now, as a terminal would have read them as they
		// came, so the harness is not catching up on them while the press is answered.
		await program.screen();
		focused = (focused + 1) % pairs.length;
		const pressedAt = performance.now();
		program.write('l');
		const shownAt = await program.whenScreen(
			(lines) => focusedPair(lines) === pairs[focused],
			10_000,
		);
		latencies.push(shownAt - pressedAt);
	}

	return latencies;
}

/** One burst of row 2's firehose (with the book's updates or without), keys pressed through it. */
async function runOnce(withBookUpdates: boolean): Promise<number[]> {
	const firehose = await startFirehose({books: true});
	// The screen as a user starts it: trades, ticker, candles and the book at depth 10.
	const program = spawnInPty([...krakenTape, '--url', firehose.url, ...pairs], {
		columns: 120,
		rows: 40,
	});
	try {
		await firehose.next('subscribed');
		await program.whenScreen((lines) => hasTradeRows(lines) && focusedPair(lines) === pairs[0]);
		const burst = Promise.all([
			firehose.send({send: rate * seconds, rate, tradesPerFrame: 4}),
			withBookUpdates ? firehose.sendBook({book: bookRate * seconds, rate: bookRate}) : undefined,
		]);
		const latencies = await pressWhile(program, burst);
		await burst;
		return latencies;
	} finally {
		program.write('q');
		await program.exited;
		await firehose.stop();
	}
}

/** The 99th percentile: the figure that all but one press in a hundred came within. */
function percentile99(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
}

/** Each burst's first press, where the code that answers is still cold. */
const firstPresses = (bursts: ReadonlyArray<readonly number[]>) =>
	bursts.map((latencies) => round(latencies[0] ?? Number.NaN, 1)).join(', ');

export async function measureKeyPress(runs: number): Promise<Result> {
	const tradesAloneBursts: number[][] = [];
	const withBooksBursts: number[][] = [];
	// Interleaved, so a noisy moment on the machine falls on both alike.
	for (let run = 0; run < runs; run++) {
		tradesAloneBursts.push(await runOnce(false));
		withBooksBursts.push(await runOnce(true));
	}

	const tradesAlone = tradesAloneBursts.flat();
	const withBooks = withBooksBursts.flat();

	const p99 = round(percentile99(tradesAlone), 1);
	const p99WithBooks = round(percentile99(withBooks), 1);
	const worst = Math.max(p99, p99WithBooks);
	return {
		id: 7,
		what: `responsiveness: next pair (l) to its frame, during ${rate.toLocaleString('en-US')} trades/s (and ${bookRate.toLocaleString('en-US')} book updates/s), 120x40`,
		value: worst,
		unit: 'ms p99, worse of the two',
		baselines: [],
		target: `p99 <= ${ceilingP99Ms} ms, trades alone and with the book updates`,
		pass: worst <= ceilingP99Ms,
		runs: {
			'trades alone (ms)': tradesAlone.map((ms) => round(ms, 1)),
			'with book updates (ms)': withBooks.map((ms) => round(ms, 1)),
		},
		notes: [
			`trades alone: p99 ${p99} ms, median ${round(median(tradesAlone), 1)} ms over ${tradesAlone.length} presses; with book updates: p99 ${p99WithBooks} ms, median ${round(median(withBooks), 1)} ms over ${withBooks.length} presses`,
			`first press of each burst (ms): trades alone ${firstPresses(tradesAloneBursts)}; with book updates ${firstPresses(withBooksBursts)}`,
		],
	};
}
