import {performance} from 'node:perf_hooks';
import {Writable} from 'node:stream';
import {describe, expect, test} from 'vitest';
import {untilWritten} from '../../source/cli/exit.js';

/** A reader that takes one chunk every `delayMs`, as a slow pipe does; records what it took. */
function slowReader(delayMs: number, fails = false): Writable & {taken: string[]} {
	const taken: string[] = [];
	const stream = new Writable({
		highWaterMark: 16,
		write(chunk: Buffer, _encoding, callback) {
			setTimeout(() => {
				taken.push(chunk.toString());
				callback(fails ? Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}) : undefined);
			}, delayMs);
		},
	});
	return Object.assign(stream, {taken});
}

describe('untilWritten', () => {
	test('waits until a slow reader has taken everything written before', async () => {
		const reader = slowReader(10);
		const lines = Array.from({length: 20}, (_, index) => `line ${index}\n`);
		for (const line of lines) {
			reader.write(line);
		}

		await untilWritten([reader]);
		expect(reader.taken.join('')).toBe(lines.join(''));
	});

	test('waits for every stream', async () => {
		const fast = slowReader(1);
		const slow = slowReader(30);
		fast.write('a');
		slow.write('b');
		slow.write('c');
		await untilWritten([fast, slow]);
		expect([fast.taken.join(''), slow.taken.join('')]).toEqual(['a', 'bc']);
	});

	test('gives up on a reader that never takes anything after the timeout', async () => {
		const stuck = new Writable({write: () => undefined});
		stuck.write('never taken');
		const startedAt = performance.now();
		await untilWritten([stuck], 100);
		expect(performance.now() - startedAt).toBeGreaterThanOrEqual(95);
	});

	test('a reader that went away ends the wait without an error', async () => {
		const gone = slowReader(5, true);
		gone.write('lost');
		gone.write('lost too');
		await expect(untilWritten([gone], 5000)).resolves.toBeUndefined();
	});

	test('nothing pending: done before anything else runs', async () => {
		const idle = slowReader(5);
		let hasOtherWorkRun = false;
		setImmediate(() => {
			hasOtherWorkRun = true;
		});
		await untilWritten([idle, process.stdout]);
		expect(hasOtherWorkRun).toBe(false);
	});
});
