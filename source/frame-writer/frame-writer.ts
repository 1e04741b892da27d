import {EventEmitter} from 'node:events';
import {beginSynchronizedUpdate, endSynchronizedUpdate, hideCursor} from './control-sequences.js';
import {diffPreparedFrames, prepareFrame, type PreparedFrame} from './frame-diff.js';

/** The real terminal: what the writer needs of process.stdout. */
export type FrameOutput = {
	write(data: string): unknown;
	readonly columns?: number;
	readonly rows?: number;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
};

export type FrameWriterOptions = Readonly<{
	output: FrameOutput;
	/** Writes to `output` at most this often; frames in between are held, and only the newest. */
	maxFramesPerSecond: number;
}>;

export type FrameWriterStatistics = Readonly<{
	/** Frames Ink handed over. */
	framesReceived: number;
	/** Writes to the output (frames that changed nothing are not written). */
	framesWritten: number;
	/** Bytes of those writes, UTF-8. */
	bytesWritten: number;
	/** Writes that cleared and redrew the whole screen (the first, and after a resize). */
	fullRedraws: number;
}>;

export type FrameWriter = Readonly<{
	/**
	 * For Ink's `render(..., {stdout: stream, debug: true})`. Only what Ink 6.8 and our hooks use
	 * is there, hence the cast to NodeJS.WriteStream.
	 */
	stream: NodeJS.WriteStream;
	/** Writes the held frame, if any, now: call it after Ink's last frame (on exit). */
	flush(): void;
	/**
	 * The frames of the next {@link atOnceWindowMs} are written when they come, not held to the
	 * frame cap: keys were read, and the frame that answers them is among those, or a tape's
	 * first trades are on their way to the screen.
	 */
	writeAtOnce(): void;
	/** Stops listening to the output and drops the timer; the held frame is not written. */
	dispose(): void;
	statistics(): FrameWriterStatistics;
}>;

type WriteCallback = (error?: Error | null) => void;

/**
 * The stdout Ink writes to. In debug mode Ink calls write(frame) with each whole frame, and
 * otherwise only write('') when the terminal narrows, given isTTY false: with isTTY true it would
 * also write a show-cursor sequence on unmount (cli-cursor), which would arrive as a frame.
 */
class FrameStream extends EventEmitter {
	columns: number;
	rows: number;
	readonly isTTY = false;
	writable = true;
	readonly destroyed = false;
	readonly writableEnded = false;
	readonly #onFrame: (frame: string) => void;

	constructor(columns: number, rows: number, onFrame: (frame: string) => void) {
		super();
		this.columns = columns;
		this.rows = rows;
		this.#onFrame = onFrame;
	}

	write(
		chunk: string | Uint8Array,
		encodingOrCallback?: BufferEncoding | WriteCallback,
		callback?: WriteCallback,
	): boolean {
		this.#onFrame(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		if (done) {
			queueMicrotask(() => {
				done(null);
			});
		}

		return true;
	}
}

/**
 * How long frames skip the cap after writeAtOnce (keys read): long enough for React to render the
 * answer behind a socket read or two, short enough that a held key does not lift the cap for good.
 */
export const atOnceWindowMs = 100;

/** A stdout for Ink that writes only what changed between frames to `output`, at a capped rate. */
export function createFrameWriter({output, maxFramesPerSecond}: FrameWriterOptions): FrameWriter {
	const intervalMs = 1000 / maxFramesPerSecond;
	let columns = output.columns || 80;
	let rows = output.rows || 24;
	let shown: PreparedFrame | undefined;
	let shownText: string | undefined;
	let held: string | undefined;
	let lastWriteAt = Number.NEGATIVE_INFINITY;
	let atOnceUntil = Number.NEGATIVE_INFINITY;
	let timer: NodeJS.Timeout | undefined;
	let hasHiddenCursor = false;
	let isDisposed = false;
	let framesReceived = 0;
	let framesWritten = 0;
	let bytesWritten = 0;
	let fullRedraws = 0;

	const writeFrame = (frame: string) => {
		// The same text is the same screen: skip even the split.
		if (frame === shownText) {
			return;
		}

		// A frame taller or wider than the terminal (one drawn for the size before a resize) is
		// cut, so that nothing wraps or scrolls the screen.
		const next = prepareFrame(frame.split('\n').slice(0, rows), columns);
		const isFullRedraw = shown === undefined;
		const diff = diffPreparedFrames(shown, next);
		// Only the lines' text is kept for the next frame: parsed cells kept from frame to frame
		// would live just long enough to reach the old generation, and under a burst every line is
		// new, so the heap would grow (npm run bench, firehose and memory rows). A line is parsed again only
		// if the next frame changes it.
		for (const line of next.lines) {
			line.cells = undefined;
		}

		shown = next;
		shownText = frame;
		if (diff === '') {
			return;
		}

		const data = `${beginSynchronizedUpdate}${hasHiddenCursor ? '' : hideCursor}${diff}${endSynchronizedUpdate}`;
		hasHiddenCursor = true;
		output.write(data);
		lastWriteAt = performance.now();
		framesWritten++;
		bytesWritten += Buffer.byteLength(data);
		fullRedraws += isFullRedraw ? 1 : 0;
	};

	const writeHeld = () => {
		clearTimeout(timer);
		timer = undefined;
		const frame = held;
		held = undefined;
		if (frame !== undefined) {
			writeFrame(frame);
		}
	};

	const schedule = () => {
		if (timer !== undefined) {
			return;
		}

		const waitMs = lastWriteAt + intervalMs - performance.now();
		if (waitMs <= 0) {
			writeHeld();
		} else {
			timer = setTimeout(writeHeld, Math.min(waitMs, intervalMs));
			timer.unref();
		}
	};

	const receive = (frame: string) => {
		// Ink writes '' when the terminal narrows (its log-update's clear with nothing drawn): that
		// is not a frame, and drawing it would flash an empty screen until the real one.
		if (frame === '' || isDisposed) {
			return;
		}

		framesReceived++;
		held = frame;
		if (performance.now() <= atOnceUntil) {
			writeHeld();
		} else {
			schedule();
		}
	};

	const stream = new FrameStream(columns, rows, receive);
	const onResize = () => {
		columns = output.columns || columns;
		rows = output.rows || rows;
		stream.columns = columns;
		stream.rows = rows;
		// The terminal may have reflowed or cleared the screen: what it shows is no longer known.
		shown = undefined;
		shownText = undefined;
		// Ink re-renders at once, inside this emit, with the app's old size; the app's size hook
		// renders again soon after. Holding frames for one interval spares a full redraw of the
		// stale one.
		lastWriteAt = performance.now();
		stream.emit('resize');
	};

	output.on('resize', onResize);
	return {
		stream: stream as unknown as NodeJS.WriteStream,
		flush: writeHeld,
		writeAtOnce() {
			atOnceUntil = performance.now() + atOnceWindowMs;
		},
		dispose() {
			isDisposed = true;
			output.off('resize', onResize);
			clearTimeout(timer);
			timer = undefined;
			held = undefined;
			stream.writable = false;
			stream.removeAllListeners();
		},
		statistics: () => ({framesReceived, framesWritten, bytesWritten, fullRedraws}),
	};
}
