import {vi} from 'vitest';

/** Polls `check` until it stops throwing; vi.waitFor with a timeout suited to real sockets. */
export async function eventually<T>(check: () => T, timeoutMs = 10_000): Promise<T> {
	return vi.waitFor(check, {timeout: timeoutMs, interval: 10});
}

/** A short pause, only for proving that something does NOT happen. */
export async function pause(milliseconds: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, milliseconds));
}
