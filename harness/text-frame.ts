/**
 * A server's WebSocket text frame as RFC 6455 lays it out: final, unmasked, the payload's length
 * in 7, 16 or 64 bits. For servers that write frames to the socket themselves, several in one
 * write, where ws's send writes each by itself.
 */
export function textFrame(payload: Buffer | string): Buffer {
	const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
	const {length} = bytes;
	const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(headerLength + length);
	frame[0] = 0x81;
	if (length < 126) {
		frame[1] = length;
	} else if (length < 65_536) {
		frame[1] = 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 127;
		frame.writeBigUInt64BE(BigInt(length), 2);
	}

	bytes.copy(frame, headerLength);
	return frame;
}
