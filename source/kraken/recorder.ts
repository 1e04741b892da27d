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
 * a recording that stops at a crash should hold everything received before it. A write that
 * fails later (a full disk) stops the recording and is reported once through `onFailure`, like
 * any other fault: the feed goes on.
 */
export function openRecorder(
	file: string,
	url: string,
	onFailure: (message: string) => void,
): Recorder {
	let descriptor: number | undefined = openSync(file, 'a');
	const stop = () => {
		if (descriptor !== undefined) {
			const closing = descriptor;
			descriptor = undefined;
			try {
				closeSync(closing);
			} catch {
				// Closing a descriptor whose writes failed may fail the same way; it is closed either way.
			}
		}
	};

	return {
		record(text, receivedAt, isBinary) {
			if (descriptor === undefined) {
				return;
			}

			const line: RecordedFrame = {
				time: new Date(receivedAt).toISOString(),
				url,
				frame: text,
				...(isBinary ? {binary: true as const} : {}),
			};
			try {
				writeSync(descriptor, `${JSON.stringify(line)}\n`);
			} catch (error) {
				stop();
				const code = (error as NodeJS.ErrnoException).code ?? 'error';
				onFailure(`--record: cannot write ${file} (${code}); recording stopped`);
			}
		},
		close: stop,
	};
}
