import {describe, expect, test} from 'vitest';
import {RingBuffer} from '../../source/model/ring-buffer.js';

function filled(capacity: number, count: number): RingBuffer<number> {
	const buffer = new RingBuffer<number>(capacity);
	for (let item = 1; item <= count; item++) {
		buffer.push(item);
	}

	return buffer;
}

describe('ring-buffer', () => {
	test.each<[number]>([[0], [-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
		'refuses capacity %d',
		(capacity) => {
			expect(() => new RingBuffer(capacity)).toThrow(RangeError);
		},
	);

	test('starts empty', () => {
		const buffer = new RingBuffer<string>(3);
		expect(buffer.size).toBe(0);
		expect(buffer.capacity).toBe(3);
		expect(buffer.fromNewest(0)).toBeUndefined();
		expect(buffer.newest(5)).toEqual([]);
	});

	test('returns items newest first before it is full', () => {
		const buffer = filled(5, 3);
		expect(buffer.size).toBe(3);
		expect(buffer.newest(10)).toEqual([3, 2, 1]);
		expect(buffer.fromNewest(0)).toBe(3);
		expect(buffer.fromNewest(2)).toBe(1);
		expect(buffer.fromNewest(3)).toBeUndefined();
	});

	test('overwrites the oldest item once full', () => {
		const buffer = filled(3, 7);
		expect(buffer.size).toBe(3);
		expect(buffer.newest(3)).toEqual([7, 6, 5]);
		expect(buffer.fromNewest(2)).toBe(5);
		expect(buffer.fromNewest(3)).toBeUndefined();
	});

	test('a capacity of one keeps only the newest', () => {
		const buffer = filled(1, 4);
		expect(buffer.size).toBe(1);
		expect(buffer.newest(2)).toEqual([4]);
	});

	test('pages with count and skip', () => {
		const buffer = filled(10, 25);
		expect(buffer.newest(3)).toEqual([25, 24, 23]);
		expect(buffer.newest(3, 3)).toEqual([22, 21, 20]);
		expect(buffer.newest(5, 8)).toEqual([17, 16]);
		expect(buffer.newest(5, 10)).toEqual([]);
		expect(buffer.newest(0)).toEqual([]);
	});

	test('refuses negative ages', () => {
		const buffer = filled(3, 3);
		expect(buffer.fromNewest(-1)).toBeUndefined();
	});

	test('keeps items that are falsy', () => {
		const buffer = new RingBuffer<number>(3);
		buffer.push(0);
		buffer.push(0);
		expect(buffer.newest(3)).toEqual([0, 0]);
	});

	test('clear empties it and it fills again from scratch', () => {
		const buffer = filled(3, 5);
		buffer.clear();
		expect(buffer.size).toBe(0);
		expect(buffer.newest(3)).toEqual([]);
		expect(buffer.fromNewest(0)).toBeUndefined();
		buffer.push(9);
		expect(buffer.newest(3)).toEqual([9]);
	});
});
