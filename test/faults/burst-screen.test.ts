import {afterEach, describe, expect, test} from 'vitest';
import type WebSocket from 'ws';
import {listedPairs, type ListedPair} from '../../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../../source/simulator/trade-source.js';
import {tradeMessageV2} from '../../source/simulator/wire-v2.js';
import {startScriptedServer, type ScriptedConnection} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/wait.js';
import {
	keys,
	startTerminal,
	stopTerminals,
	waitForExit,
	type TerminalSession,
} from '../helpers/terminal.js';

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
const tradesPerFrame = 20;
const framesPerChunk = 50;
const perPair = burstTrades / symbols.length;
/** Wide enough for the stats strip to take one line; tall enough for a full tape. */
const size = {columns: 200, rows: 50};

type Ledger = {pair: ListedPair; nextTradeId: number};

/** A trade near the pair's usual price, stamped now, so all of them count in trades/min. */
function nextTrade(ledger: Ledger): ExchangeTrade {
	const id = ledger.nextTradeId++;
	return {
		side: id % 2 === 0 ? 'buy' : 'sell',
		price: ledger.pair.startPrice * (1 + ((id % 201) - 100) / 10_000),
		volume: ledger.pair.typicalVolume * (0.5 + (id % 10) / 10),
		orderType: id % 3 === 0 ? 'market' : 'limit',
		timeMicros: Date.now() * 1000,
		tradeId: id,
	};
}

/**
 * Sends the burst, the pairs taking turns frame by frame, yielding the loop every few frames so
 * the test can press keys mid-burst; `onFrame` runs after each frame with how many went out.
 */
async function sendBurst(socket: WebSocket, onFrame: (sent: number) => void): Promise<number> {
	const ledgers: Ledger[] = symbols.map((name) => ({
		pair: listedPairs.find((listed) => listed.symbol === name) as ListedPair,
		nextTradeId: 1,
	}));
	const startedAt = performance.now();
	const frames = burstTrades / tradesPerFrame;
	for (let frame = 0; frame < frames && socket.readyState === socket.OPEN; frame++) {
		const ledger = ledgers[frame % ledgers.length] as Ledger;
		const trades = Array.from({length: tradesPerFrame}, () => nextTrade(ledger));
		socket.send(tradeMessageV2('update', ledger.pair, trades));
		onFrame(frame + 1);
		if ((frame + 1) % framesPerChunk === 0) {
			await new Promise((resolve) => setImmediate(resolve));
		}
	}

	return performance.now() - startedAt;
}

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
		let pressedAt: number | undefined;
		const burst = sendBurst(socket, (sent) => {
			// A quarter of the way in, while the command still has most of the burst to take.
			if (sent === burstTrades / tradesPerFrame / 4) {
				pressedAt = performance.now();
				session.write(keys.right);
			}
		});
		const moved = await session.waitFor((screen) => {
			const count = screen.join('\n').includes('no trades yet') ? 0 : tradesPerMinute(screen);
			return (
				focusedTab(screen[0] ?? '') === '2 ETH/USD' &&
				count !== undefined && {at: performance.now(), count}
			);
		}, 5000);
		// Measured 300-370 ms from the key to the test seeing it (the test's own loop was busy
		// sending at the time); the command had then counted 4,000-7,500 of ETH/USD's 25,000 trades. A
		// command that read its keys only after the burst would show all 25,000 with the move.
		expect(moved.at - (pressedAt ?? Number.NaN)).toBeLessThan(1500);
		expect(moved.count).toBeLessThan(perPair);
		expect(await burst).toBeLessThan(5000);

		// Every trade is stamped within the last minute, so trades/min is the pair's whole count.
		for (const [index, pair] of symbols.entries()) {
			session.write(String(index + 1));
			await session.waitFor((screen) => {
				expect(focusedTab(screen[0] ?? '')).toBe(`${index + 1} ${pair}`);
				expect(tradesPerMinute(screen)).toBe(perPair);
			}, 10_000);
		}

		const lines = session.lines();
		expect(lines.join('\n')).not.toMatch(/missed|bad frames|reconnecting/);
		session.write('q');
		expect(await waitForExit(session, 3000)).toEqual({exitCode: 0, signal: undefined});
	}, 45_000);

	test('q quits mid-burst', async () => {
		const {session, socket} = await startSubscribed();
		let pressedAt: number | undefined;
		const burst = sendBurst(socket, (sent) => {
			if (sent === burstTrades / tradesPerFrame / 4) {
				pressedAt = performance.now();
				session.write('q');
			}
		});
		expect(await waitForExit(session, 3000)).toEqual({exitCode: 0, signal: undefined});
		expect(performance.now() - (pressedAt ?? Number.NaN)).toBeLessThan(3000);
		await burst;
	}, 30_000);
});
