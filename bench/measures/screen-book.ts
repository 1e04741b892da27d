import {readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {maxFramesPerSecond} from '../../source/tape-mode.js';
import {startFirehose} from '../firehose/control.js';
import {krakenTape, hasTradeRows, missingTrades, probePath, tradeRow} from '../kraken-tape.js';
import {spawnInPty, type PtyProgram} from '../pty.js';
import {median, pause, round, type Result} from '../results.js';

const rate = 20_000;
const bookRate = 2000;
const seconds = 10;
const pairs = ['BTC/USD', 'ETH/USD'];
const snapshotTrades = 50;
const ceilings = {lagP99Ms: 20, peakRssMb: 120};
/** How often the screen is read during the burst, to catch a book that fails and recovers. */
const lookEveryMs = 1000;

type Screen = Readonly<{withBook: boolean; channels: readonly string[]}>;
/**
 * The screen as a user starts it (trade, ticker, candles and the book at depth 10 by default),
 * and the same screen without the book, measured in the same run for the ratio.
 */
const screens: readonly Screen[] = [
	{withBook: true, channels: []},
	{withBook: false, channels: ['--channels', 'trade,ticker,ohlc']},
];

/** The ladder's spread line, beside a tape row: the ladder is on screen at this width. */
const ladderBesideTape = (lines: readonly string[]) =>
	lines.some((line) => tradeRow.test(line) && /\bspread \S+ \S [\d.]+ bp\b/.test(line));
/** What the status bar or the ladder says of a book that failed its check. */
const bookFailure = /failed check|BOOK STALE|book STALE/;

type Probe = {lagP99Ms: number; lagMaxMs: number; lagMeanMs: number; peakRssMb: number};
type Run = Probe & {framesPerSecond: number; missing: number; problems: string[]};

/**
 * Reads the screen every so often until stopped; what it saw wrong of the book. The screen
 * without the book is read as often, for the same work beside it, and nothing is asked of it.
 */
function watchBook(program: PtyProgram, withBook: boolean) {
	const problems = new Set<string>();
	const look = async () => {
		const lines = await program.screen();
		if (!withBook) {
			return;
		}

		const failure = lines.find((line) => bookFailure.test(line));
		if (failure) {
			problems.add(`the screen said "${failure.trim()}"`);
		}

		if (!ladderBesideTape(lines)) {
			problems.add('the ladder was not beside the tape');
		}
	};

	const timer = setInterval(() => void look(), lookEveryMs);
	return {
		async stop(): Promise<string[]> {
			clearInterval(timer);
			await look();
			return [...problems];
		},
	};
}

async function runOnce(screen: Screen): Promise<Run> {
	const {withBook} = screen;
	const probeFile = join(tmpdir(), `kraken-tape-probe-${process.pid}.json`);
	rmSync(probeFile, {force: true});
	const firehose = await startFirehose({books: true});
	const program = spawnInPty(
		['--import', probePath, ...krakenTape, '--url', firehose.url, ...screen.channels, ...pairs],
		{columns: 120, rows: 40, env: {KRAKEN_TAPE_BENCH_PROBE: probeFile}},
	);
	try {
		await firehose.next('subscribed');
		if (withBook) {
			await firehose.next('book-subscribed');
		}

		await program.whenScreen(
			(lines) => hasTradeRows(lines) && (!withBook || ladderBesideTape(lines)),
		);
		program.signal('SIGUSR2');
		const before = program.counters();
		const startedAt = performance.now();
		const watch = watchBook(program, withBook);
		await Promise.all([
			firehose.send({send: rate * seconds, rate, tradesPerFrame: 4}),
			withBook ? firehose.sendBook({book: bookRate * seconds, rate: bookRate}) : undefined,
		]);
		const elapsedSeconds = (performance.now() - startedAt) / 1000;
		program.signal('SIGUSR2');
		const framesPerSecond = (program.counters().frames - before.frames) / elapsedSeconds;
		const problems = await watch.stop();

		const expected = snapshotTrades + (rate * seconds) / pairs.length;
		const missing = await missingTrades(program, pairs, expected);
		// Each pair's ladder has been in view once the missing trades were counted.
		const failure = (await program.screen()).find((line) => bookFailure.test(line));
		if (withBook && failure) {
			problems.push(`the screen said "${failure.trim()}" at the end`);
		}

		await pause(200);
		const probe = JSON.parse(readFileSync(probeFile, 'utf8')) as Probe;
		return {...probe, framesPerSecond, missing, problems};
	} finally {
		program.write('q');
		await program.exited;
		await firehose.stop();
		rmSync(probeFile, {force: true});
	}
}

export async function measureScreenBook(runs: number): Promise<Result> {
	const results = new Map<Screen, Run[]>(screens.map((screen) => [screen, []]));
	// Interleaved, so a noisy moment on the machine falls on both screens alike.
	for (let run = 0; run < runs; run++) {
		for (const screen of screens) {
			results.get(screen)!.push(await runOnce(screen));
		}
	}

	const [ours, without] = screens.map((screen) => results.get(screen)!);
	const of = <K extends keyof Run>(list: Run[], key: K) => list.map((result) => result[key]);
	const lagP99Ms = median(of(ours!, 'lagP99Ms'));
	const baselineLag = median(of(without!, 'lagP99Ms'));
	const framesPerSecond = median(of(ours!, 'framesPerSecond'));
	const peakRssMb = Math.max(...of(ours!, 'peakRssMb'));
	const missing = Math.max(...of(ours!, 'missing'));
	const problems = of(ours!, 'problems').flatMap((list, run) =>
		list.map((problem) => `run ${run + 1}: ${problem}`),
	);
	return {
		id: 2,
		what: `screen with tape, chart and ladder: ${rate.toLocaleString('en-US')} trades/s and ${bookRate.toLocaleString('en-US')} book updates/s for ${seconds} s, 120x40`,
		value: lagP99Ms,
		unit: 'ms event-loop lag p99',
		baselines: [
			{
				name: 'the same screen without the book',
				value: baselineLag,
				ratio: round(lagP99Ms / Math.max(baselineLag, 0.01)),
			},
		],
		target: `lag p99 <= ${ceilings.lagP99Ms} ms, 0 missing, 0 failed checks, ladder shown, peak RSS <= ${ceilings.peakRssMb} MB, fps <= ${maxFramesPerSecond}`,
		pass:
			lagP99Ms <= ceilings.lagP99Ms &&
			problems.length === 0 &&
			missing === 0 &&
			peakRssMb <= ceilings.peakRssMb &&
			framesPerSecond <= maxFramesPerSecond,
		runs: {
			lagP99Ms: of(ours!, 'lagP99Ms'),
			lagMaxMs: of(ours!, 'lagMaxMs'),
			framesPerSecond: of(ours!, 'framesPerSecond').map((value) => round(value, 1)),
			missingTrades: of(ours!, 'missing'),
			peakRssMb: of(ours!, 'peakRssMb'),
			'without the book: lagP99Ms': of(without!, 'lagP99Ms'),
			'without the book: lagMaxMs': of(without!, 'lagMaxMs'),
			'without the book: missingTrades': of(without!, 'missing'),
		},
		notes: [
			`frames/s ${round(framesPerSecond, 1)} (cap ${maxFramesPerSecond}), missing trades ${missing}, peak RSS ${peakRssMb} MB (worst run)`,
			problems.length === 0
				? `the status bar never showed a failed check or BOOK STALE, and the ladder stayed beside the tape (read every ${lookEveryMs / 1000} s)`
				: `book problems: ${problems.slice(0, 5).join('; ')}`,
		],
	};
}
