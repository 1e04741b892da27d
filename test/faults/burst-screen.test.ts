import {afterEach, describe, expect, test} from 'vitest';
import type WebSocket from 'ws';
import {startScriptedServer, type ScriptedConnection} from '../helpers/scripted-server.js';
import {ledgersFor, sendBurst, tradesPerFrame} from '../helpers/firehose.js';
import {createCleanup} from '../helpers/cleanup.js';
import {
	startTerminal,
	stopTerminals,
	waitForExit,
	type TerminalSession,
} from '../helpers/terminal.js';
import {keys} from '../helpers/keys.js';

/*
 * Fault 8, the screen's half: the built command in a real pseudo-terminal takes 100,000 v2 trades
 * across four pairs within about a second from a local server, and must keep answering keys
 * while they pour in, count every one of them, and quit at once when asked.
 */

const cleanup = createCleanup();
afterEach(async () => {
	await stopTerminals();
	await cleanup.run();
});

const symbols = ['BTC/USD', 'ETH/USD', 'SOL/USD', 'XRP/USD'] as const;
const burstTrades = 100_000;
const perPair = burstTrades / symbols.length;
/** Wide enough for the stats strip to take one line; tall enough for a full tape. */
const size = {columns: 200, rows: 50};

/** The focused tab's number and pair, from the brackets around it. */
function focusedTab(tabLine: string): string | undefined {
	return /\[(\d+ \S+)/.exec(tabLine)?.[1];
}

function tradesPerMinute(lines: readonly string[]): number | undefined {
	const match = /trades\/min (\d+)/.exec(lines.join('\n'));
	return match ? Number(match[1]) : undefined;
}

/** The command, subscribed to the four pairs on a local server, with its first screen drawn. */
async function startSubscribed(): Promise<{session: TerminalSession; socket: WebSocket}> {
	let resolveSubscribed: (connection: ScriptedConnection) => void = () => undefined;
	const subscribed = new Promise<ScriptedConnection>((resolve) => {
		resolveSubscribed = resolve;
	});
	const server = await startScriptedServer({
		api: 'v2',
		// Heartbeats keep the client's idle watchdog quiet however long the checks take.
		behaviour: {heartbeatMs: 1000, afterSubscribe: (connection) => resolveSubscribed(connection)},
	});
	cleanup.add(async () => server.close());
	const session = startTerminal(['--url', server.url, ...symbols], size);
	// Straight to the socket: the connection's own send() keeps a copy of every frame.
	const {socket} = await subscribed;
	await session.waitFor((screen) => focusedTab(screen[0] ?? '') === '1 BTC/USD');
	await session.waitForText('subscribed');
	return {session, socket};
}

describe('burst of 100,000 trades on the screen', () => {
	test('right moves the focus mid-burst, and the stats count every trade', async () => {
		const {session, socket} = await startSubscribed();
		const burst = sendBurst(socket, ledgersFor(symbols), burstTrades, (sent) => {
			// A quarter of the way in, while the command still has most of the burst to take.
			if (sent === burstTrades / tradesPerFrame / 4) {
				session.write(keys.right);
			}
		});
		const moved = await session.waitFor((screen) => {
			const count = screen.join('\n').includes('no trades yet') ? 0 : tradesPerMinute(screen);
			return focusedTab(screen[0] ?? '') === '2 ETH/USD' && count !== undefined && {count};
		}, 5000);
		// Measured 300-370 ms from the key to the test seeing it (the test's own loop was busy
		// sending at the time); the command had then counted 4,000-7,500 of ETH/USD's 25,000 trades. A
		// command that read its keys only after the burst would show all 25,000 with the move.
		expect(moved.count).toBeLessThan(perPair);
		await burst;

		// Every trade is stamped within the last minute, so trades/min is the pair's whole count.
		for (const [index, pair] of symbols.entries()) {
			session.write(String(index + 1));
			await session.waitFor((screen) => {
				expect(focusedTab(screen[0] ?? '')).toBe(`${index + 1} ${pair}`);
				expect(tradesPerMinute(screen)).toBe(perPair);
			});
		}

		const lines = session.lines();
		expect(lines.join('\n')).not.toMatch(/missed|bad frames|reconnecting/);
		session.write('q');
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
	}, 45_000);

	test('q quits mid-burst', async () => {
		const {session, socket} = await startSubscribed();
		const burst = sendBurst(socket, ledgersFor(symbols), burstTrades, (sent) => {
			if (sent === burstTrades / tradesPerFrame / 4) {
				session.write('q');
			}
		});
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		await burst;
	}, 30_000);
});
