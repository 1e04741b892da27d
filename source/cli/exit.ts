import process from 'node:process';
import type {Writable} from 'node:stream';

/** How long the way out waits for a slow reader before leaving without it. */
export const writeTimeoutMs = 2000;

/**
 * Resolves once everything written to each stream so far has been handed to the system, once
 * the stream fails or closes, or after `timeoutMs`, whichever is first. A pipe to a slow reader
 * holds what it could not take yet in the process: leaving before it is written loses it.
 */
export async function untilWritten(
	streams: readonly Writable[],
	timeoutMs = writeTimeoutMs,
): Promise<void> {
	const waits = streams.map(async (stream) => {
		// On the way out, a reader that went away (EPIPE) is no longer anything to report.
		stream.on('error', () => undefined);
		if (stream.writableLength === 0 || stream.destroyed || stream.writableEnded) {
			return;
		}

		// Queued behind everything written before it, so its callback says all of that is out.
		await new Promise<void>((resolve) => {
			stream.write('', () => {
				resolve();
			});
			stream.once('close', resolve);
		});
	});
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<void>((resolve) => {
		timer = setTimeout(resolve, timeoutMs);
	});
	await Promise.race([Promise.all(waits), timeout]);
	clearTimeout(timer);
}

/**
 * The one way out, for every outcome: ends the process with `code` once stdout and stderr are
 * written out (at most 2 s). It does not wait for anything else still open, such as a socket
 * mid-close.
 */
export async function exitWhenWritten(code: number): Promise<void> {
	process.exitCode = code;
	await untilWritten([process.stdout, process.stderr]);
	process.exit(code);
}
