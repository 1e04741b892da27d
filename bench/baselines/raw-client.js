// The ingest baseline: a raw client with no validation, no model and no formatting. It
// subscribes, parses each frame with JSON.parse and writes one line per trade, and exits after
// the number of trades it was told to expect. Usage: node raw-client.js <url> <trades> <pair>...
import WebSocket from 'ws';

const [url, expected, ...pairs] = process.argv.slice(2);
const socket = new WebSocket(url, {perMessageDeflate: false});
let seen = 0;
socket.on('open', () => {
	socket.send(JSON.stringify({method: 'subscribe', params: {channel: 'trade', symbol: pairs}}));
});
socket.on('message', (data) => {
	const message = JSON.parse(data);
	if (message.channel !== 'trade' || message.type !== 'update') {
		return;
	}

	for (const trade of message.data) {
		process.stdout.write(`${JSON.stringify(trade)}\n`);
		if (++seen === Number(expected)) {
			process.exit(0);
		}
	}
});
