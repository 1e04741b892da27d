import type {WebSocket} from 'ws';

/** Frames handed to ws before waiting for the socket to take them. */
const framesPerBatch = 256;

/** Every frame as fast as the client reads them: the socket's backpressure paces the stream. */
export async function sendAsFastAsRead(
	socket: WebSocket,
	frames: readonly string[],
): Promise<void> {
	for (let index = 0; index < frames.length; index++) {
		const isBatchEnd = (index + 1) % framesPerBatch === 0 || index === frames.length - 1;
		if (!isBatchEnd) {
			socket.send(frames[index]!);
			continue;
		}

		// The callback runs once the kernel has the bytes, so at most one batch waits in memory.
		await new Promise<void>((resolve) => {
			socket.send(frames[index]!, () => resolve());
		});
	}
}

/**
 * `count` items (trades, book updates) at `rate` a second, made into frames by `framesOf` as they
 * fall due; `sent` is told each time frames go out. Ends early if the socket closes.
 */
export async function sendAtRate(
	socket: WebSocket,
	pace: Readonly<{count: number; rate: number}>,
	framesOf: (count: number) => readonly string[],
	sent: () => void,
): Promise<void> {
	const startedAt = performance.now();
	let done = 0;
	await new Promise<void>((resolve) => {
		const timer = setInterval(() => {
			if (socket.readyState !== socket.OPEN) {
				clearInterval(timer);
				resolve();
				return;
			}

			// Due from the start, not from the last tick, so timer jitter never lowers the rate.
			const due = Math.min(
				pace.count,
				Math.floor(((performance.now() - startedAt) * pace.rate) / 1000),
			);
			if (due > done) {
				for (const frame of framesOf(due - done)) {
					socket.send(frame);
				}

				sent();
				done = due;
			}

			if (done >= pace.count) {
				clearInterval(timer);
				resolve();
			}
		}, 5);
	});
}
