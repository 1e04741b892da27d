import type {Writable} from 'node:stream';
import {AlertCommandRunner} from './alert-commands/alert-command-runner.js';
import {shownPath} from './config/config-paths.js';
import {exitCodes, untilSignal} from './exit-codes.js';
import type {Feed} from './feed.js';
import {bindFeed} from './feed-binding.js';
import {alertLine, bookLine, candleLine, tickerLine, tradeLine} from './json-lines.js';
import {AlertWatcher} from './model/alerts.js';
import {UnreachableWatcher} from './model/unreachable.js';
import {describeBackfill, describeRenumbering, describeState} from './model/describe.js';
import type {WatchOptions} from './options.js';

export type JsonStreams = Readonly<{stdout: Writable; stderr: Writable}>;

/**
 * Lines wait for the end of the event loop's turn and go out in one write: a socket read often
 * brings many frames, and a write per frame would cost more than decoding them. A turn can read
 * megabytes in a burst, so lines also go out once 64 kB have built up: held to the end of the
 * turn, they would outlive garbage collections and fill the heap (npm run bench, ingest row).
 */
function lineWriter(stdout: Writable) {
	const flushAtLength = 65_536;
	let pending = '';
	/** Lines of which only the newest of a turn is written (a book's state), by key. */
	const latest = new Map<string, string>();
	let isFlushQueued = false;
	const takePending = () => {
		let text = pending;
		for (const line of latest.values()) {
			text += `${line}\n`;
		}

		pending = '';
		latest.clear();
		return text;
	};

	const flush = () => {
		const text = takePending();
		if (text !== '') {
			stdout.write(text);
		}
	};

	const queueFlush = () => {
		if (!isFlushQueued) {
			isFlushQueued = true;
			setImmediate(flushAtEndOfTurn);
		}
	};

	const flushAtEndOfTurn = () => {
		isFlushQueued = false;
		flush();
	};

	return {
		add(line: string) {
			queueFlush();
			pending += `${line}\n`;
		},
		/** A line that replaces one of the same key not yet written. */
		setLatest(key: string, line: string) {
			queueFlush();
			latest.set(key, line);
		},
		/** Writes what is pending if enough has built up for a burst's write. */
		flushIfFull() {
			if (pending.length >= flushAtLength) {
				flush();
			}
		},
		flush,
		/** Writes what is pending and calls back once it is out. */
		flushThen(callback: () => void) {
			stdout.write(takePending(), callback);
		},
	};
}

/**
 * Headless mode: one JSON object per line on stdout (trades, tickers, candles, books and alerts),
 * and what happens to the connection in plain words on stderr. Resolves with the exit code.
 */
export async function runJsonMode(
	options: WatchOptions,
	feed: Feed,
	streams: JsonStreams,
): Promise<number> {
	const {client} = feed;
	const {stdout, stderr} = streams;
	const alerts = new AlertWatcher(options.alerts);
	const lines = lineWriter(stdout);
	let isSimulated = feed.isDemo;
	// A closed stderr must not take the trade stream down with it.
	stderr.on('error', () => undefined);
	const say = (message: string) => {
		stderr.write(`kraken-tape: ${message}\n`);
	};

	let finish: (code: number) => void = () => undefined;
	const finished = new Promise<number>((resolve) => {
		finish = resolve;
	});
	stdout.on('error', (error: NodeJS.ErrnoException) => {
		// The reader went away (`| head -3`): that is how a pipe ends, not a failure.
		finish(error.code === 'EPIPE' ? exitCodes.ok : exitCodes.failure);
	});
	void untilSignal().then(finish);

	if (feed.isDemo) {
		say('SIMULATED data from the built-in exchange, not Kraken');
	}

	const environment = process.env;
	const commands = new AlertCommandRunner({
		logPath: options.alertLog,
		shownLog: shownPath(options.alertLog, environment),
		timeoutMs: options.alertTimeoutMs,
		environment,
		onProblem: say,
	});
	const unreachable = feed.isDemo
		? undefined
		: new UnreachableWatcher(new URL(feed.url).host, environment);

	say(`${options.api} feed at ${feed.url} for ${options.pairs.join(', ')}`);
	// Once the alert that ends the run is out, nothing follows it: a script reads it last.
	let hasAlertEnded = false;
	bindFeed(feed, {
		trades(trades, origin) {
			if (hasAlertEnded) {
				return;
			}

			for (const trade of trades) {
				lines.add(tradeLine(trade, isSimulated));
			}

			// History (a snapshot) fills the stream but is not judged: its prices are gone.
			const fired = origin === 'live' ? alerts.check(trades) : [];
			for (const alert of fired) {
				lines.add(alertLine(alert, isSimulated));
			}

			const ended = fired.map((alert) => commands.run(alert, isSimulated));
			if (fired.length > 0 && options.exitOnAlert) {
				// Exit once the alert line is out, so a script waiting on it reads it, and once its
				// command has ended, so it is not cut short.
				lines.flushThen(() => void ended[0]?.then(() => finish(exitCodes.ok)));
				hasAlertEnded = true;
				client.stop();
			} else {
				lines.flushIfFull();
			}
		},
		ticker(ticker) {
			lines.add(tickerLine(ticker, isSimulated));
			lines.flushIfFull();
		},
		candles(candles) {
			for (const candle of candles) {
				lines.add(candleLine(candle, isSimulated));
			}

			lines.flushIfFull();
		},
		// Books applied in one turn are written once, as they stand after the last.
		book: (top) => lines.setLatest(top.pair, bookLine(top, isSimulated)),
		bookHealth(health) {
			const counts = `${health.failures} failed, ${health.resyncs} resynced so far`;
			say(
				health.state === 'stale'
					? `${health.pair} book: ${health.reason ?? 'stale'}; rebuilding it (${counts})`
					: `${health.pair} book: rebuilt (${counts})`,
			);
		},
		state(state) {
			say(describeState(state));
			const hint = unreachable?.hintFor(state);
			if (hint !== undefined) {
				say(hint);
			}
		},
		status(status, _source, isServerSimulated) {
			isSimulated ||= isServerSimulated;
			if (isServerSimulated && !feed.isDemo) {
				say('the server says it is the kraken-tape simulated exchange: the data is SIMULATED');
			}

			const quiet = status === 'online' ? '' : ' (no trading: the tape stays quiet)';
			say(`system status: ${status}${quiet}`);
		},
		subscription(change) {
			// The trade channel, which every run has, is the pair's own; others name themselves.
			const name = change.channel === 'trade' ? change.pair : `${change.pair} ${change.channel}`;
			say(`${name}: ${change.state}${change.message === undefined ? '' : `: ${change.message}`}`);
			// --json cannot add pairs: once every one is refused, waiting would stream nothing for ever.
			const {subscriptions} = client;
			if (subscriptions.length > 0 && subscriptions.every((entry) => entry.state === 'error')) {
				const pairs = [...new Set(subscriptions.map((entry) => entry.pair))].join(', ');
				say(`every pair was refused (${pairs}): nothing to stream`);
				finish(exitCodes.everyPairRefused);
			}
		},
		notice: say,
		recordingStopped: say,
		gap: (gap) =>
			say(`${gap.pair}: ${gap.missing} trade(s) missed after trade id ${gap.afterTradeId}`),
		backfill: (news) => say(describeBackfill(news)),
		renumbered: (renumbering) => say(describeRenumbering(renumbering)),
		unrecognised(reason, count) {
			// The first few in full, then a running count, so a flood cannot drown stderr.
			if (count <= 5 || count % 100 === 0) {
				say(`ignored an unrecognised frame (${reason}); ${count} so far`);
			}
		},
	});
	client.start();
	const code = await finished;
	// Trades held for a backfill still on the way go out as they are, then whatever a signal
	// left between a turn's trades and their write.
	client.stop();
	lines.flush();
	await feed.close();
	return code;
}
