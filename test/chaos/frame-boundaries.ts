/**
 * Follows the server-to-client bytes of a WebSocket connection (the HTTP 101 head, then frames,
 * RFC 6455 5.2) and says where in each chunk a frame ends, so that the fault proxy can end a
 * connection cleanly between frames or cut it inside one on purpose.
 */
export class FrameBoundaries {
	/** Still in the HTTP response head; `headTail` holds its last bytes, for a split `\r\n\r\n`. */
	#isInHead = true;
	#headTail = '';
	/** The header bytes of the frame being read, until its length is known. */
	#header: number[] = [];
	/** Payload bytes of the current frame still to come, once its header is whole. */
	#payloadLeft = 0;
	#isInPayload = false;

	/** Between two frames (or just after the head): a close frame written now is well-formed. */
	get isAtBoundary(): boolean {
		return !this.#isInHead && !this.#isInPayload && this.#header.length === 0;
	}

	/**
	 * Reads `chunk` and returns every offset in it (1..length) at which the head or a frame ends,
	 * in order. Offset 0 is never listed: whether the chunk starts at one is `isAtBoundary` before.
	 */
	read(chunk: Buffer): number[] {
		const ends: number[] = [];
		let index = 0;
		while (index < chunk.length) {
			if (this.#isInHead) {
				index = this.#readHead(chunk, index);
				if (!this.#isInHead) {
					ends.push(index);
				}

				continue;
			}

			if (this.#isInPayload) {
				const taken = Math.min(this.#payloadLeft, chunk.length - index);
				this.#payloadLeft -= taken;
				index += taken;
				if (this.#payloadLeft === 0) {
					this.#isInPayload = false;
					ends.push(index);
				}

				continue;
			}

			this.#header.push(chunk[index]!);
			index++;
			const payloadLength = this.#payloadLengthOfHeader();
			if (payloadLength !== undefined) {
				this.#header = [];
				if (payloadLength === 0) {
					ends.push(index);
				} else {
					this.#payloadLeft = payloadLength;
					this.#isInPayload = true;
				}
			}
		}

		return ends;
	}

	#readHead(chunk: Buffer, start: number): number {
		const text = this.#headTail + chunk.toString('latin1', start);
		const end = text.indexOf('\r\n\r\n');
		if (end === -1) {
			this.#headTail = text.slice(-3);
			return chunk.length;
		}

		this.#isInHead = false;
		return start + end + 4 - this.#headTail.length;
	}

	/** The payload's length once the header is whole (7, 16 or 64-bit length, and a mask key). */
	#payloadLengthOfHeader(): number | undefined {
		const header = this.#header;
		if (header.length < 2) {
			return undefined;
		}

		const isMasked = (header[1]! & 0x80) !== 0;
		const short = header[1]! & 0x7f;
		const lengthBytes = short === 126 ? 2 : short === 127 ? 8 : 0;
		if (header.length < 2 + lengthBytes + (isMasked ? 4 : 0)) {
			return undefined;
		}

		let length = lengthBytes === 0 ? short : 0;
		for (let byte = 0; byte < lengthBytes; byte++) {
			length = length * 256 + header[2 + byte]!;
		}

		return length;
	}
}
