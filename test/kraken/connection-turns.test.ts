import {afterEach, describe, expect, test} from 'vitest';
import {systemClock} from '../../source/kraken/clock.js';
import {Connection} from '../../source/kraken/connection.js';
import {createCleanup} from '../helpers/cleanup.js';
import {handedOverBeforeTheTurn, startOneReadServer} from '../helpers/one-read-server.js';

const cleanup = createCleanup();
afterEach(async () => cleanup.run());

const frames = 50;

async function messagesBeforeTheTurn(oneMessageATurn: boolean): Promise<number> {
	const server = await startOneReadServer(frames);
	cleanup.add(server.close);
	return handedOverBeforeTheTurn(frames, (onMessage) => {
		const connection = new Connection(
			`ws://127.0.0.1:${server.port}`,
			{clock: systemClock, oneMessageATurn},
			{open() {}, frame: onMessage, decoded() {}, close() {}},
		);
		cleanup.add(() => connection.dispose());
	});
}

describe('a connection handing over a read of many messages', () => {
	test('one message a turn: work queued by a message waits for one message more at most', async () => {
		expect(await messagesBeforeTheTurn(true)).toBeLessThanOrEqual(2);
	});

	test('by default (--json), the whole read is handed over before the turn comes round', async () => {
		expect(await messagesBeforeTheTurn(false)).toBe(frames);
	});
});
