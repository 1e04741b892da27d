import {describe, expect, test} from 'vitest';
import {textFrame} from '../../harness/text-frame.js';
import {FrameBoundaries} from './frame-boundaries.js';

const head = Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n');

/** An unmasked text frame of `length` payload bytes, with the header its length needs. */
const frame = (length: number) => textFrame(Buffer.alloc(length, 0x61));

/** The offsets at which the head and each frame end, reading `stream` in chunks of `size`. */
function endsInChunks(stream: Buffer, size: number): number[] {
	const boundaries = new FrameBoundaries();
	const ends: number[] = [];
	for (let start = 0; start < stream.length; start += size) {
		ends.push(...boundaries.read(stream.subarray(start, start + size)).map((end) => start + end));
	}

	expect(boundaries.isAtBoundary).toBe(true);
	return ends;
}

describe('frame-boundaries', () => {
	const frames = [frame(0), frame(5), frame(125), frame(126), frame(70_000), frame(3)];
	const stream = Buffer.concat([head, ...frames]);
	const expected: number[] = [];
	let offset = 0;
	for (const part of [head, ...frames]) {
		offset += part.length;
		expected.push(offset);
	}

	test.each([1, 2, 3, 7, 1000, stream.length])(
		'finds the end of the head and of every frame, read %i bytes at a time',
		(size) => {
			expect(endsInChunks(stream, size)).toEqual(expected);
		},
	);

	test('is between frames only after a whole frame', () => {
		const boundaries = new FrameBoundaries();
		expect(boundaries.isAtBoundary).toBe(false);
		boundaries.read(head);
		expect(boundaries.isAtBoundary).toBe(true);
		boundaries.read(frame(10).subarray(0, 4));
		expect(boundaries.isAtBoundary).toBe(false);
	});
});
