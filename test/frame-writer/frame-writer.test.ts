import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {
	atOnceWindowMs,
	createFrameWriter,
	type FrameWriter,
} from '../../source/frame-writer/frame-writer.js';
import {FakeOutput} from '../helpers/fake-output.js';

const escape = '\u001B';
const begin = `${escape}[?2026h`;
const end = `${escape}[?2026l`;
const hideCursor = `${escape}[?25l`;
const clear = `${escape}[H${escape}[2J`;

describe('frame-writer', () => {
	let output: FakeOutput;
	let writer: FrameWriter;

	beforeEach(() => {
		vi.useFakeTimers();
		output = new FakeOutput();
		writer = createFrameWriter({output, maxFramesPerSecond: 10});
	});

	afterEach(() => {
		writer.dispose();
		vi.useRealTimers();
	});

	test('the first frame is written at once, whole, synchronised, with the cursor hidden', () => {
		writer.stream.write('hello\nworld');
		expect(output.writes).toHaveLength(1);
		const [data] = output.writes;
		expect(data?.startsWith(`${begin}${hideCursor}${escape}[m${clear}`)).toBe(true);
		expect(data?.endsWith(end)).toBe(true);
		expect(data).toContain(`${escape}[1Hhello${escape}[2Hworld`);
	});

	test('later writes carry only the change, and the cursor is hidden once', () => {
		writer.stream.write('hello\nworld');
		vi.advanceTimersByTime(100);
		writer.stream.write('hello\nwords');
		expect(output.writes[1]).toBe(`${begin}${escape}[2;4Hds${end}`);
	});

	test('an unchanged frame writes nothing', () => {
		writer.stream.write('hello\nworld');
		vi.advanceTimersByTime(100);
		writer.stream.write('hello\nworld');
		// Different text, same look: the trailing blanks are already blank.
		writer.stream.write('hello   \nworld');
		vi.advanceTimersByTime(1000);
		expect(output.writes).toHaveLength(1);
		expect(writer.statistics()).toMatchObject({framesReceived: 3, framesWritten: 1});
	});

	test('frames are capped: those that come too soon are held, and only the newest is written', () => {
		writer.stream.write('frame 1');
		writer.stream.write('frame 2');
		writer.stream.write('frame 3');
		expect(output.writes).toHaveLength(1);
		vi.advanceTimersByTime(99);
		expect(output.writes).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(output.writes).toHaveLength(2);
		expect(output.writes[1]).toBe(`${begin}${escape}[1;7H3${end}`);
		vi.advanceTimersByTime(1000);
		expect(output.writes).toHaveLength(2);
		// Long after the last write, the next frame goes out at once.
		writer.stream.write('frame 4');
		expect(output.writes).toHaveLength(3);
		expect(writer.statistics()).toEqual({
			framesReceived: 4,
			framesWritten: 3,
			bytesWritten: output.writes.join('').length,
			fullRedraws: 1,
		});
	});

	test('the frames after keys are read skip the cap for a moment, then the cap holds again', () => {
		writer.stream.write('frame 1');
		writer.stream.write('frame 2');
		expect(output.writes).toHaveLength(1);
		// The frame that answers a key, 10 ms after the last write: out at once, not in 90 ms.
		vi.advanceTimersByTime(10);
		writer.writeAtOnce();
		writer.stream.write('frame 3');
		expect(output.writes).toHaveLength(2);
		expect(output.writes[1]).toBe(`${begin}${escape}[1;7H3${end}`);
		// Past the window: a frame soon after the last write is held to the cap again.
		vi.advanceTimersByTime(atOnceWindowMs + 1);
		writer.stream.write('frame 4');
		expect(output.writes).toHaveLength(3);
		writer.stream.write('frame 5');
		expect(output.writes).toHaveLength(3);
		vi.advanceTimersByTime(100);
		expect(output.writes).toHaveLength(4);
		expect(output.writes[3]).toBe(`${begin}${escape}[1;7H5${end}`);
	});

	test('flush writes the held frame now', () => {
		writer.stream.write('frame 1');
		writer.stream.write('frame 2');
		writer.flush();
		expect(output.writes).toHaveLength(2);
		vi.advanceTimersByTime(1000);
		expect(output.writes).toHaveLength(2);
	});

	test('a resize updates the size, tells listeners, and makes the next frame a full redraw', () => {
		const heard: Array<[number, number]> = [];
		const listener = () => heard.push([writer.stream.columns, writer.stream.rows]);
		writer.stream.on('resize', listener);
		writer.stream.write('frame 1');
		vi.advanceTimersByTime(1000);
		output.resize(60, 20);
		expect(heard).toEqual([[60, 20]]);
		// Frames just after a resize are held for an interval: the first may be drawn at the old size.
		writer.stream.write('frame 1 at the old size');
		writer.stream.write('frame 1');
		expect(output.writes).toHaveLength(1);
		vi.advanceTimersByTime(100);
		expect(output.writes).toHaveLength(2);
		expect(output.writes[1]).toContain(clear);
		expect(output.writes[1]).not.toContain('old size');
		expect(writer.statistics().fullRedraws).toBe(2);
		writer.stream.off('resize', listener);
	});

	test('a frame is cut to the terminal, so nothing wraps or scrolls', () => {
		output.resize(5, 2);
		writer.stream.write('abcdefgh\nline 2\nline 3');
		writer.flush();
		expect(output.writes[0]).toContain(`${escape}[1Habcde${escape}[2Hline${end}`);
		expect(output.writes[0]).not.toContain('line 3');
	});

	test('an empty write is not a frame', () => {
		writer.stream.write('frame 1');
		vi.advanceTimersByTime(100);
		writer.stream.write('');
		vi.advanceTimersByTime(100);
		expect(output.writes).toHaveLength(1);
	});

	test('a write callback is called, as a stream would', async () => {
		const written = new Promise<void>((resolve) => {
			writer.stream.write('frame 1', () => {
				resolve();
			});
		});
		await written;
	});

	test('dispose stops listening and drops the held frame', () => {
		writer.stream.write('frame 1');
		writer.stream.write('frame 2');
		writer.dispose();
		expect(output.listenerCount('resize')).toBe(0);
		vi.advanceTimersByTime(1000);
		writer.stream.write('frame 3');
		expect(output.writes).toHaveLength(1);
	});
});
