import {openSync, closeSync, writeSync} from 'node:fs';

/** One line of a recording: a frame as received, when, and from where. */
export type RecordedFrame = Readonly<{
	/** Receive time, ISO-8601 UTC. */
	time: string;
	url: string;
	/** The frame's text; base64 for binary frames. */
	frame: string;
	binary?: true;
}>;

export type Recorder = Readonly<{
	record(text: string, receivedAt: number, isBinary: boolean): void;
	close(): void;
}>;

/**
 * Appends every received frame to `file` as NDJSON. Opened synchronously so a path that cannot be
 * written fails at start-up with a clear message, not minutes later. Writes are synchronous too:
 * a recording that stops at a crash should hold everything received before it.
 */
export function openRecorder(file: string, url: string): Recorder {
	const descriptor = openSync(file, 'a');
	return {
		record(text, receivedAt, isBinary) {
			const line: RecordedFrame = {
				time: new Date(receivedAt).toISOString(),
				url,
				frame: text,
				...(isBinary ? {binary: true as const} : {}),
			};
			writeSync(descriptor, `${JSON.stringify(line)}\n`);
		},
		close() {
			closeSync(descriptor);
		},
	};
}
