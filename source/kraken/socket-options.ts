import type {ClientOptions as WebSocketOptions} from 'ws';

/** The ws options of every feed socket, on the main thread or the decoding worker. */
export function socketOptions(allowSynchronousEvents: boolean): WebSocketOptions {
	return {
		// Measured with bench/deflate.ts (20,000 varied v2 trade frames, client process only):
		// deflate cut wire bytes to 0.18x but cost 26x the client CPU (3.2 s against 0.12 s).
		// A live feed is a few KB/s, so the bytes saved are trivial; the CPU in a burst is not.
		perMessageDeflate: false,
		handshakeTimeout: 10_000,
		// Larger frames are read and refused by the codec rather than killing the connection.
		maxPayload: 8 * 1024 * 1024,
		// ws hands over every message of a read (up to 64 KB) in one go unless told otherwise,
		// whatever the read budget says; see ClientOptions.oneMessageATurn.
		allowSynchronousEvents,
	};
}
