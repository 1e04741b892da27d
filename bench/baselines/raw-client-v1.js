// The ingest baseline on v1: a raw client with no validation, no model and no formatting. It
// subscribes, parses each frame with JSON.parse and writes one line per trade, and exits after
// the number of trades it was told to expect. Usage: node raw-client-v1.js <url> <trades> <pair>...
import WebSocket from 'ws';

const [url, expected, ...pairs] = process.argv.slice(2);
const socket = new WebSocket(url, {perMessageDeflate: false});
let seen = 0;
socket.on('open', () => {
	socket.send(JSON.stringify({event: 'subscribe', pair: pairs, subscription: {name: 'trade'}}));
});
socket.on('message', (data) => {
	const message = JSON.parse(data);
	if (!Array.isArray(message) || message[2] !== 'trade') {
		return;
	}

	for (const trade of message[1]) {
		process.stdout.write(`${JSON.stringify(trade)}\n`);
		if (++seen === Number(expected)) {
			process.exit(0);
		}
	}
});
