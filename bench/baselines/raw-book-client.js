// The book ingest baseline: a raw client that keeps no book, checks no checksum and writes
// nothing. It subscribes the pair's trades and its book at a depth, parses each frame with
// JSON.parse and counts the book updates, and exits at the end marker, the first live trade, as
// kraken-tape's alert does: 0 if it counted the updates it was told to expect, 1 if not.
// Usage: node raw-book-client.js <url> <updates> <depth> <pair>
import WebSocket from 'ws';

const [url, expected, depth, pair] = process.argv.slice(2);
const socket = new WebSocket(url, {perMessageDeflate: false});
let updates = 0;
socket.on('open', () => {
	socket.send(JSON.stringify({method: 'subscribe', params: {channel: 'trade', symbol: [pair]}}));
	socket.send(
		JSON.stringify({
			method: 'subscribe',
			params: {channel: 'book', symbol: [pair], depth: Number(depth), snapshot: true},
		}),
	);
});
socket.on('message', (data) => {
	const message = JSON.parse(data);
	if (message.type !== 'update') {
		return;
	}

	if (message.channel === 'book') {
		updates += message.data.length;
	} else if (message.channel === 'trade') {
		process.exit(updates === Number(expected) ? 0 : 1);
	}
});
