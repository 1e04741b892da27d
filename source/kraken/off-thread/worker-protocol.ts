import type {ApiVersion} from '../../model/types.js';
import type {DecodedBatch} from './decoded-batch.js';

/** What the main thread tells the decoding worker about the socket `id`. */
export type WorkerCommand =
	| Readonly<{kind: 'open'; id: number; url: string; api: ApiVersion}>
	| Readonly<{kind: 'send'; id: number; text: string}>
	/** Ends the socket at once, as ws's terminate(). */
	| Readonly<{kind: 'terminate'; id: number}>
	/** Closes it with a close frame, as ws's close(code). */
	| Readonly<{kind: 'close'; id: number; code: number}>
	/** A batch has been handled: one more may be in flight. */
	| Readonly<{kind: 'handled'}>;

/** What the decoding worker tells the main thread about the socket `id`. */
export type WorkerEvent =
	| Readonly<{kind: 'open'; id: number}>
	| Readonly<{kind: 'batch'; id: number; batch: DecodedBatch}>
	/** The socket failed: why, in plain words, and whether the handshake met HTTP 429. */
	| Readonly<{kind: 'error'; id: number; reason: string; wasRateLimited: boolean}>
	| Readonly<{kind: 'close'; id: number; code: number}>;

/**
 * Batches posted and not yet handled, at most: past that the worker stops reading its socket, so
 * a burst the main thread cannot keep up with waits in the kernel's buffers and the server's, not
 * in this process's memory.
 */
export const batchesInFlight = 4;

/** A batch goes as soon as the worker's turn ends, or once this many messages are in it. */
export const messagesPerBatch = 2048;
