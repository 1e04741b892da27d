/**
 * The terminal-bandwidth baseline: the trade tape as a first Ink program would write it. Every
 * trade is a setState, and Ink redraws the whole frame each time (at most 30 times a second, its
 * default). The rows hold what kraken-tape's rows hold: time, side, price, volume, notional and
 * order type. Run with NODE_ENV=production: node --import tsx naive-tape.tsx <url> <pair>...
 */
import {Box, render, Text, useStdout} from 'ink';
import {useEffect, useState} from 'react';
import WebSocket from 'ws';

type Row = Readonly<{
	id: number;
	time: string;
	side: string;
	price: string;
	volume: string;
	notional: string;
	orderType: string;
}>;

type WireTrade = {
	side: string;
	price: number;
	qty: number;
	ord_type: string;
	trade_id: number;
	timestamp: string;
};

function toRow(trade: WireTrade): Row {
	return {
		id: trade.trade_id,
		time:
			new Date(trade.timestamp).toTimeString().slice(0, 8) + '.' + trade.timestamp.slice(20, 23),
		side: trade.side === 'buy' ? 'B' : 'S',
		price: trade.price.toLocaleString('en-US'),
		volume: trade.qty.toFixed(8),
		notional: (trade.price * trade.qty).toFixed(2),
		orderType: trade.ord_type,
	};
}

function NaiveTape({url, pairs}: Readonly<{url: string; pairs: string[]}>) {
	const [rows, setRows] = useState<Row[]>([]);
	const {stdout} = useStdout();
	useEffect(() => {
		const socket = new WebSocket(url);
		socket.on('open', () => {
			socket.send(JSON.stringify({method: 'subscribe', params: {channel: 'trade', symbol: pairs}}));
		});
		socket.on('message', (data) => {
			const message = JSON.parse(String(data)) as {channel?: string; data?: WireTrade[]};
			if (message.channel !== 'trade') {
				return;
			}

			for (const trade of message.data ?? []) {
				setRows((previous) => [toRow(trade), ...previous].slice(0, 500));
			}
		});
		return () => socket.close();
	}, []);

	// One line short of the terminal: a frame as tall as the terminal makes Ink clear the screen.
	const height = (stdout.rows || 24) - 3;
	return (
		<Box flexDirection="column">
			<Text bold>{pairs.join(' ')} trades</Text>
			<Text dimColor>time side price volume notional type</Text>
			{rows.slice(0, height).map((row) => (
				<Text key={row.id} color={row.side === 'B' ? 'green' : 'red'}>
					{row.time} {row.side} {row.price.padStart(14)} {row.volume.padStart(13)}{' '}
					{row.notional.padStart(12)} {row.orderType}
				</Text>
			))}
		</Box>
	);
}

const [url, ...pairs] = process.argv.slice(2);
render(<NaiveTape url={url!} pairs={pairs} />, {exitOnCtrlC: true});
