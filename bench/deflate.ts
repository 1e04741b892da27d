/**
 * Should the client offer permessage-deflate? For the same realistic trade frames from a
 * deflate-capable server in another process, measures the receiving client's own CPU time and
 * the bytes on the wire, with compression negotiated and without. Run: npx tsx bench/deflate.ts
 */
import {fork} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import WebSocket, {WebSocketServer} from 'ws';
import {listedPairs} from '../source/simulator/pair-catalog.js';
import {seededRandom} from '../source/simulator/random.js';
import type {ExchangeTrade} from '../source/simulator/market-types.js';
import {tradeMessageV2} from '../source/simulator/wire-v2.js';

const frameCount = 20_000;
const rounds = 5;

/** Varied frames: every price, volume, id and timestamp differs, as on a live tape. */
function makeFrames(): string[] {
	const random = seededRandom(7);
	const frames: string[] = [];
	let tradeId = 70_000_000;
	let micros = Date.now() * 1000;
	for (let index = 0; index < frameCount; index++) {
		const pair = listedPairs[index % listedPairs.length]!;
		const trades: ExchangeTrade[] = Array.from({length: 1 + Math.floor(random() * 3)}, () => ({
			side: random() < 0.5 ? 'buy' : 'sell',
			price: pair.startPrice * (1 + (random() - 0.5) * 0.01),
			volume: pair.typicalVolume * random() * 2,
			orderType: random() < 0.65 ? 'market' : 'limit',
			timeMicros: (micros += Math.floor(random() * 50_000)),
			tradeId: tradeId++,
		}));
		frames.push(tradeMessageV2('update', pair, trades));
	}

	return frames;
}

if (process.argv[2] === 'serve') {
	const frames = makeFrames();
	const server = new WebSocketServer({host: '127.0.0.1', port: 0, perMessageDeflate: true});
	server.on('listening', () => process.send?.((server.address() as {port: number}).port));
	server.on('connection', (socket) => {
		for (const frame of frames) {
			socket.send(frame);
		}
	});
} else {
	const child = fork(fileURLToPath(import.meta.url), ['serve'], {execArgv: ['--import', 'tsx']});
	const port = await new Promise<number>((resolve) =>
		child.once('message', (value) => resolve(value as number)),
	);
	const measure = async (deflate: boolean) => {
		const client = new WebSocket(`ws://127.0.0.1:${port}`, {perMessageDeflate: deflate});
		let cpuBefore = process.cpuUsage();
		client.once('open', () => {
			cpuBefore = process.cpuUsage();
		});
		let received = 0;
		await new Promise<void>((resolve) => {
			client.on('message', (data: Buffer) => {
				JSON.parse(data.toString('utf8'));
				if (++received === frameCount) {
					resolve();
				}
			});
		});
		const cpu = process.cpuUsage(cpuBefore);
		const wireBytes = (client as unknown as {_socket: {bytesRead: number}})._socket.bytesRead;
		client.terminate();
		return {cpuMs: (cpu.user + cpu.system) / 1000, wireBytes};
	};

	const runs: Record<'off' | 'on', Array<{cpuMs: number; wireBytes: number}>> = {off: [], on: []};
	for (let round = 0; round < rounds; round++) {
		runs.off.push(await measure(false));
		runs.on.push(await measure(true));
	}

	child.kill();
	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	const summary = {
		off: {
			cpuMs: median(runs.off.map((run) => run.cpuMs)),
			wireBytes: median(runs.off.map((run) => run.wireBytes)),
		},
		on: {
			cpuMs: median(runs.on.map((run) => run.cpuMs)),
			wireBytes: median(runs.on.map((run) => run.wireBytes)),
		},
	};
	console.log(
		`${frameCount} varied v2 trade frames; client process only; median of ${rounds} rounds`,
	);
	console.table(summary);
	console.log(
		`deflate on / off: client CPU ${(summary.on.cpuMs / summary.off.cpuMs).toFixed(2)}x, wire bytes ${(summary.on.wireBytes / summary.off.wireBytes).toFixed(2)}x`,
	);
}
