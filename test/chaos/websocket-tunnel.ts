import {connect, type Socket} from 'node:net';
import {FrameBoundaries} from './frame-boundaries.js';

/** What can befall a WebSocket connection once its handshake is through. */
export type TunnelFault = 'clean-close' | 'abrupt-drop' | 'cut-mid-frame' | 'stall';

/** A server's close frame for 1000 (normal closure): unmasked, as a server's must be. */
export const closeFrame = Buffer.from([0x88, 0x02, 0x03, 0xe8]);

/** A client that does not close its end after a clean close is cut off after this long. */
const closingGraceMs = 5000;

export type TunnelOptions = Readonly<{
	client: Socket;
	/** The upgrade request as received, head and any bytes after it, to send on unchanged. */
	request: Buffer;
	upstreamPort: number;
	random: () => number;
	onClose(tunnel: WebSocketTunnel): void;
}>;

/**
 * One WebSocket connection through the fault proxy: bytes pass both ways untouched (the client
 * talks to the exchange itself) until a fault is applied. Frames are followed server to client
 * only, so that a clean close lands between frames and a cut lands inside one.
 */
export class WebSocketTunnel {
	readonly #client: Socket;
	readonly #upstream: Socket;
	readonly #random: () => number;
	readonly #boundaries = new FrameBoundaries();
	readonly #onClose: (tunnel: WebSocketTunnel) => void;
	/** A fault waiting for the next bytes from the exchange to land at the right place. */
	#pending: 'clean-close' | 'cut-mid-frame' | undefined;
	#stallTimer: NodeJS.Timeout | undefined;
	/** The start of the exchange's answer to the handshake: `HTTP/1.1 101` lets faults in. */
	#statusLine: string | undefined;
	#isOpen = false;
	#isEnding = false;
	#isClosingCleanly = false;
	#isClosed = false;

	constructor(options: TunnelOptions) {
		this.#client = options.client;
		this.#random = options.random;
		this.#onClose = options.onClose;
		this.#upstream = connect(options.upstreamPort, '127.0.0.1');
		this.#upstream.setNoDelay(true);
		this.#client.setNoDelay(true);
		this.#upstream.write(options.request);
		this.#upstream.on('data', (chunk: Buffer) => this.#fromExchange(chunk));
		this.#client.on('data', (chunk: Buffer) => {
			if (!this.#isEnding) {
				this.#forward(chunk, this.#client, this.#upstream);
			}
		});
		for (const [socket, other] of [
			[this.#client, this.#upstream],
			[this.#upstream, this.#client],
		] as const) {
			socket.on('end', () => {
				if (!this.#isEnding) {
					other.end();
				}
			});
			socket.on('error', () => this.#destroy());
			socket.on('close', () => {
				// After a clean close the client still has to read the close frame and answer it.
				if (socket === this.#client || !this.#isClosingCleanly) {
					this.#destroy();
				}
			});
		}
	}

	/** The handshake is through and the connection has not ended or started ending. */
	get isLive(): boolean {
		return this.#isOpen && !this.#isEnding && !this.#isClosed;
	}

	get isStalled(): boolean {
		return this.#stallTimer !== undefined;
	}

	/** Applies `fault`; a stall lasts `stallMs`, then the bytes held back flow again. */
	apply(fault: TunnelFault, stallMs = 0): void {
		switch (fault) {
			case 'abrupt-drop': {
				this.#destroy();
				break;
			}

			case 'clean-close': {
				if (this.#boundaries.isAtBoundary) {
					this.#closeCleanly();
				} else {
					this.#pending = 'clean-close';
				}

				break;
			}

			case 'cut-mid-frame': {
				this.#pending = 'cut-mid-frame';
				break;
			}

			case 'stall': {
				this.#stall(stallMs);
				break;
			}
		}
	}

	/** Ends a stall early: what was held back flows again. */
	endStall(): void {
		clearTimeout(this.#stallTimer);
		this.#stallTimer = undefined;
		if (!this.#isClosed) {
			this.#client.resume();
			this.#upstream.resume();
		}
	}

	#stall(milliseconds: number): void {
		clearTimeout(this.#stallTimer);
		this.#client.pause();
		this.#upstream.pause();
		this.#stallTimer = setTimeout(() => this.endStall(), milliseconds);
	}

	#fromExchange(chunk: Buffer): void {
		if (this.#isEnding) {
			return;
		}

		this.#statusLine ??= chunk.toString('latin1', 0, 12);
		const wasAtBoundary = this.#boundaries.isAtBoundary;
		const ends = this.#boundaries.read(chunk);
		if (!this.#isOpen && ends.length > 0) {
			this.#forward(chunk.subarray(0, ends[0]), this.#upstream, this.#client);
			// From the 101 on, faults can reach the connection.
			this.#isOpen = this.#statusLine === 'HTTP/1.1 101';

			this.#forward(chunk.subarray(ends[0]), this.#upstream, this.#client);
			return;
		}

		if (this.#pending === 'clean-close' && ends.length > 0) {
			this.#forward(chunk.subarray(0, ends[0]), this.#upstream, this.#client);
			this.#closeCleanly();
			return;
		}

		if (this.#pending === 'cut-mid-frame') {
			// Any offset but a frame's end leaves the client holding part of a frame.
			const inside: number[] = [];
			for (let offset = wasAtBoundary ? 1 : 0; offset < chunk.length; offset++) {
				if (!ends.includes(offset)) {
					inside.push(offset);
				}
			}

			if (inside.length > 0) {
				const cut = inside[Math.floor(this.#random() * inside.length)]!;
				this.#client.write(chunk.subarray(0, cut), () => this.#destroy());
				this.#isEnding = true;
				return;
			}
		}

		this.#forward(chunk, this.#upstream, this.#client);
	}

	/** Writes on, holding the source back while the other side is slow (never during a stall). */
	#forward(chunk: Buffer, from: Socket, to: Socket): void {
		if (chunk.length === 0 || to.destroyed) {
			return;
		}

		if (!to.write(chunk)) {
			from.pause();
			to.once('drain', () => {
				if (!this.isStalled && !from.destroyed) {
					from.resume();
				}
			});
		}
	}

	#closeCleanly(): void {
		this.#pending = undefined;
		this.#isEnding = true;
		this.#isClosingCleanly = true;
		this.#upstream.destroy();
		this.#client.end(closeFrame);
		// The client answers with its own close frame and closes; one that does not is cut off.
		setTimeout(() => this.#destroy(), closingGraceMs).unref();
	}

	#destroy(): void {
		clearTimeout(this.#stallTimer);
		this.#stallTimer = undefined;
		this.#isEnding = true;
		this.#client.destroy();
		this.#upstream.destroy();
		if (!this.#isClosed) {
			this.#isClosed = true;
			this.#onClose(this);
		}
	}
}
