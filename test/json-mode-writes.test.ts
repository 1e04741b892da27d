import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {exitCodes, signalExitCodes} from '../source/exit-codes.js';
import {runJsonMode} from '../source/json-mode.js';
import {defaultBindings} from '../source/model/key-bindings.js';
import {themes} from '../source/model/theme.js';
import {KrakenClient} from '../source/kraken/client.js';
import type {WatchOptions} from '../source/options.js';
import {startScriptedServer, type ScriptedServer} from './helpers/scripted-server.js';

// The signal is sent with process.emit, so that only kraken-tape's handlers hear it: the test
// runner's own are set aside for the test and put back after.
const setAside = new Map<NodeJS.Signals, NodeJS.SignalsListener[]>();
let server: ScriptedServer | undefined;
afterEach(async () => {
	for (const [signal, listeners] of setAside) {
		process.removeAllListeners(signal);
		for (const listener of listeners) {
			process.on(signal, listener);
		}
	}

	setAside.clear();
	await server?.close();
	server = undefined;
});

const options: WatchOptions = {
	command: 'watch',
	api: 'v2',
	url: undefined,
	restUrl: undefined,
	backfill: 0,
	userAgent: 'kraken-tape/test',
	isDemo: false,
	pairs: ['BTC/USD'],
	isJson: true,
	channels: ['trade'],
	interval: 1,
	depth: 10,
	alerts: [],
	exitOnAlert: false,
	history: 100,
	recordFile: undefined,
	bigNotional: undefined,
	isAscii: false,
	isColourless: false,
	themeName: 'default',
	theme: themes.default,
	bindings: defaultBindings,
	alertLog: '/nonexistent/kraken-tape/alerts.log',
	alertTimeoutMs: 30_000,
};

describe('--json writes', () => {
	test('a signal between a turn of trades and its write still gets the lines out', async () => {
		for (const signal of Object.keys(signalExitCodes) as NodeJS.Signals[]) {
			setAside.set(signal, process.listeners(signal));
			process.removeAllListeners(signal);
		}

		const scripted = await startScriptedServer({
			api: 'v2',
			behaviour: {
				afterSubscribe(connection) {
					connection.send(
						scripted.frames.trades('BTC/USD', [
							{price: '68500.1', volume: '0.5', side: 'buy', tradeId: 1},
							{price: '68500.2', volume: '0.25', side: 'sell', tradeId: 2},
						]),
					);
				},
			},
		});
		server = scripted;
		const client = new KrakenClient({url: scripted.url, api: 'v2', pairs: ['BTC/USD']});
		// Heard after the mode's own listener has queued the lines for the end of the turn, and
		// before that turn ends: the signal lands in between.
		client.on('trades', () => {
			process.emit('SIGTERM');
		});
		const stdout = new PassThrough();
		const written: string[] = [];
		stdout.on('data', (chunk: Buffer) => written.push(chunk.toString()));
		const run = runJsonMode(
			options,
			{
				client,
				url: scripted.url,
				isDemo: false,
				events: new EventEmitter(),
				close: async () => client.stop(),
			},
			{stdout, stderr: new PassThrough()},
		);

		expect(await run).toBe(exitCodes.terminate);
		// Read in the same turn the run ended in, as the process exits then.
		const lines = written.join('').trim().split('\n');
		expect(lines.map((line) => (JSON.parse(line) as {price: number}).price)).toEqual([
			68_500.1, 68_500.2,
		]);
	});

	test('a burst is written in pieces of about 64 kB, not held to the end of the turn', async () => {
		const frames = 40;
		const tradesPerFrame = 100;
		const scripted = await startScriptedServer({
			api: 'v2',
			behaviour: {
				afterSubscribe(connection) {
					// All sent at once, so the client reads many frames in one turn.
					for (let frame = 0; frame < frames; frame++) {
						connection.send(
							scripted.frames.trades(
								'BTC/USD',
								Array.from({length: tradesPerFrame}, (_, index) => ({
									price: '68500.1',
									volume: '0.5',
									side: 'buy' as const,
									tradeId: frame * tradesPerFrame + index + 1,
								})),
							),
						);
					}
				},
			},
		});
		server = scripted;
		const client = new KrakenClient({url: scripted.url, api: 'v2', pairs: ['BTC/USD']});
		const stdout = new PassThrough();
		const writes: number[] = [];
		let lines = 0;
		let lineLength = 0;
		stdout.on('data', (chunk: Buffer) => {
			writes.push(chunk.length);
			const text = chunk.toString();
			lines += text.split('\n').length - 1;
			lineLength = text.indexOf('\n') + 1;
		});
		void runJsonMode(
			options,
			{
				client,
				url: scripted.url,
				isDemo: false,
				events: new EventEmitter(),
				close: async () => client.stop(),
			},
			{stdout, stderr: new PassThrough()},
		);
		await vi.waitFor(() => expect(lines).toBe(frames * tradesPerFrame), {timeout: 10_000});
		client.stop();
		// Over 64 kB in all; no write holds much more than 64 kB and one frame's lines.
		expect(writes.reduce((sum, length) => sum + length, 0)).toBeGreaterThan(2 * 65_536);
		expect(Math.max(...writes)).toBeLessThan(65_536 + tradesPerFrame * lineLength);
	});
});
