import type {Writable} from 'node:stream';
import {exitCodes, untilSignal} from './exit-codes.js';
import type {Feed} from './feed.js';
import {AlertWatcher} from './model/alerts.js';
import {describeRenumbering, describeState} from './model/describe.js';
import {sanitize} from './model/sanitize.js';
import type {AlertEvent, Trade} from './model/types.js';
import type {WatchOptions} from './options.js';

export type JsonStreams = Readonly<{stdout: Writable; stderr: Writable}>;

/**
 * The trade line, written out by hand: JSON.stringify of an object built per trade was the
 * largest cost of --json after parsing (npm run bench). Strings that came from the network go
 * through JSON.stringify, so they are escaped exactly as before.
 */
function tradeLine(trade: Trade, isSimulated: boolean): string {
	const tradeId = trade.tradeId === undefined ? '' : `,"tradeId":${trade.tradeId}`;
	return `{"type":"trade","pair":${JSON.stringify(trade.pair)},"side":"${trade.side}","price":${trade.price},"volume":${trade.volume},"time":"${new Date(trade.time).toISOString()}","orderType":"${trade.orderType}"${tradeId}${isSimulated ? ',"simulated":true' : ''}}`;
}

function alertLine(alert: AlertEvent, isSimulated: boolean): string {
	return JSON.stringify({
		type: 'alert',
		pair: alert.rule.pair,
		rule: alert.rule.text,
		price: alert.price,
		time: new Date(alert.time).toISOString(),
		...(isSimulated ? {simulated: true} : {}),
	});
}

/**
 * Headless mode: one JSON object per line on stdout (trades and alerts), and what happens to the
 * connection in plain words on stderr. Resolves with the exit code.
 */
export async function runJsonMode(
	options: WatchOptions,
	feed: Feed,
	streams: JsonStreams,
): Promise<number> {
	const {client} = feed;
	const {stdout, stderr} = streams;
	const alerts = new AlertWatcher(options.alerts);
	let isSimulated = feed.isDemo;
	// A closed stderr must not take the trade stream down with it.
	stderr.on('error', () => undefined);
	const say = (message: string) => {
		stderr.write(`kraken-tape: ${sanitize(message, 500)}\n`);
	};

	// Lines wait for the end of the event loop's turn and go out in one write: a socket read
	// often brings many frames, and a write per frame was the next largest cost. A turn can read
	// megabytes in a burst, so lines also go out once 64 kB have built up: held to the end of the
	// turn, they outlived garbage collections and filled the heap (npm run bench, ingest row).
	const flushAtLength = 65_536;
	let pending = '';
	let isFlushQueued = false;
	const flush = () => {
		const text = pending;
		pending = '';
		if (text !== '') {
			stdout.write(text);
		}
	};
	const flushAtEndOfTurn = () => {
		isFlushQueued = false;
		flush();
	};

	const finished = new Promise<number>((resolve) => {
		stdout.on('error', (error: NodeJS.ErrnoException) => {
			// The reader went away (`| head -3`): that is how a pipe ends, not a failure.
			resolve(error.code === 'EPIPE' ? exitCodes.ok : exitCodes.failure);
		});
		void untilSignal().then(resolve);
		client.on('subscription', (change) => {
			say(
				`${change.pair}: ${change.state}${change.message === undefined ? '' : `: ${change.message}`}`,
			);
			// --json cannot add pairs: once every one is refused, waiting would stream nothing for ever.
			const states = [...client.subscriptions];
			if (states.length > 0 && states.every(([, state]) => state === 'error')) {
				say(
					`every pair was refused (${states.map(([pair]) => pair).join(', ')}): nothing to stream`,
				);
				resolve(exitCodes.everyPairRefused);
			}
		});
		client.on('trades', (trades, origin) => {
			if (!isFlushQueued) {
				isFlushQueued = true;
				setImmediate(flushAtEndOfTurn);
			}

			for (const trade of trades) {
				pending += `${tradeLine(trade, isSimulated)}\n`;
			}

			// History (a snapshot) fills the stream but is not judged: its prices are gone.
			const fired = origin === 'live' ? alerts.check(trades) : [];
			for (const alert of fired) {
				pending += `${alertLine(alert, isSimulated)}\n`;
			}

			if (fired.length > 0 && options.exitOnAlert) {
				// Exit once the alert line is out, so a script waiting on it reads it.
				const text = pending;
				pending = '';
				stdout.write(text, () => resolve(exitCodes.ok));
				client.stop();
			} else if (pending.length >= flushAtLength) {
				flush();
			}
		});
	});

	if (feed.isDemo) {
		say('SIMULATED data from the built-in exchange, not Kraken');
	}

	say(`${options.api} feed at ${feed.url} for ${options.pairs.join(', ')}`);
	client.on('state', (state) => say(describeState(state)));
	client.on('status', (status) => {
		isSimulated ||= status.isSimulated;
		if (status.isSimulated && !feed.isDemo) {
			say('the server says it is the kraken-tape simulated exchange: the data is SIMULATED');
		}

		say(
			`system status: ${status.status}${status.status === 'online' ? '' : ' (no trading: the tape stays quiet)'}`,
		);
	});
	client.on('notice', say);
	feed.events.on('notice', say);
	client.on('gap', (gap) =>
		say(`${gap.pair}: ${gap.missing} trade(s) missed after trade id ${gap.afterTradeId}`),
	);
	client.on('renumbered', (renumbering) => say(describeRenumbering(renumbering)));
	client.on('unrecognised', (reason, count) => {
		// The first few in full, then a running count, so a flood cannot drown stderr.
		if (count <= 5 || count % 100 === 0) {
			say(`ignored an unrecognised frame (${reason}); ${count} so far`);
		}
	});
	client.start();
	const code = await finished;
	// A signal can end the run between a turn's trades and their write.
	flush();
	await feed.close();
	return code;
}
