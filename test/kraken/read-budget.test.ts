import type {AddressInfo} from 'node:net';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {afterEach, describe, expect, test} from 'vitest';
import {WebSocketServer} from 'ws';
import {systemClock} from '../../source/kraken/clock.js';
import {Connection} from '../../source/kraken/connection.js';
import {ReadBudget, readBudgetMs} from '../../source/kraken/read-budget.js';
import {createCleanup} from '../helpers/cleanup.js';

const cleanup = createCleanup();
afterEach(async () => cleanup.run());

/** A budget on a clock the test moves, with its pauses and resumes written down. */
function budgetOnClock(budgetMs: number) {
	let now = 0;
	const events: string[] = [];
	const budget = new ReadBudget({
		budgetMs,
		pause: () => events.push(`pause at ${now}`),
		resume: () => events.push(`resume at ${now}`),
		now: () => now,
	});
	return {
		budget,
		events,
		advance(ms: number) {
			now += ms;
		},
	};
}

function spin(ms: number): void {
	const until = performance.now() + ms;
	while (performance.now() < until) {
		// Busy, as a handler that decodes and draws is.
	}
}

describe('ReadBudget', () => {
	test('pauses once a turn has spent its budget, and resumes on the next turn', async () => {
		const {budget, events, advance} = budgetOnClock(8);
		budget.spent();
		advance(5);
		budget.spent();
		expect(events).toEqual([]);
		advance(3);
		budget.spent();
		advance(4);
		budget.spent();
		expect(events).toEqual(['pause at 8']);
		await nextTurn();
		expect(events).toEqual(['pause at 8', 'resume at 12']);
	});

	test('a turn that stays within its budget neither pauses nor resumes', async () => {
		const {budget, events, advance} = budgetOnClock(8);
		for (let message = 0; message < 7; message++) {
			budget.spent();
			advance(1);
		}

		await nextTurn();
		budget.spent();
		advance(7.9);
		budget.spent();
		await nextTurn();
		expect(events).toEqual([]);
	});

	test('each turn has a budget of its own', async () => {
		const {budget, events, advance} = budgetOnClock(8);
		budget.spent();
		advance(9);
		budget.spent();
		await nextTurn();
		budget.spent();
		advance(9);
		budget.spent();
		await nextTurn();
		expect(events).toEqual(['pause at 9', 'resume at 9', 'pause at 18', 'resume at 18']);
	});
});

describe('a connection under a backlog', () => {
	test('stops reading for the turn once the budget is spent, and still delivers every frame in order', async () => {
		const server = new WebSocketServer({port: 0, host: '127.0.0.1'});
		cleanup.add(async () => new Promise((resolve) => server.close(resolve)));
		await new Promise((resolve) => server.once('listening', resolve));
		const frames = 60_000;
		// About 12 MB of 200-byte frames: a 64 KB read holds about 320 of them.
		const padding = 'x'.repeat(200);
		server.on('connection', (socket) => {
			for (let index = 0; index < frames; index++) {
				socket.send(`${index} ${padding}`);
			}
		});

		// A clock on which every reading is a millisecond later: the budget is spent after
		// readBudgetMs frames, whatever this machine's speed.
		let ticks = 0;
		const clock = {...systemClock, now: () => ticks++};
		const received: number[] = [];
		// How many frames had been handled each time a turn of the event loop came round.
		const handledAtEachTurn: number[] = [];
		let hasTurnScheduled = false;
		let resolveDone: () => void = () => undefined;
		const done = new Promise<void>((resolve) => {
			resolveDone = resolve;
		});
		const {port} = server.address() as AddressInfo;
		const connection = new Connection(
			`ws://127.0.0.1:${port}`,
			{clock},
			{
				open() {
					// Megabytes pile up in the socket before the first frame is read, as in a burst.
					spin(300);
				},
				decoded() {},
				frame(data) {
					received.push(Number.parseInt(data.toString('latin1', 0, 8), 10));
					if (!hasTurnScheduled) {
						hasTurnScheduled = true;
						setImmediate(() => {
							hasTurnScheduled = false;
							handledAtEachTurn.push(received.length);
						});
					}

					if (received.length === frames) {
						resolveDone();
					}
				},
				close() {},
			},
		);
		cleanup.add(() => connection.dispose());
		await done;
		expect(received).toEqual(Array.from({length: frames}, (_, index) => index));
		// Without the budget, Node reads a socket up to 32 times a turn, 64 KB at a time: thousands
		// of these frames in one turn. With it, a turn ends with the read in which the budget ran
		// out, and the next read already buffered: at most two reads' worth after readBudgetMs frames.
		const perTurn = handledAtEachTurn.map(
			(handled, turn) => handled - (handledAtEachTurn[turn - 1] ?? 0),
		);
		expect(Math.max(...perTurn)).toBeLessThan(readBudgetMs + 2 * 330);
	});
});
