import {request} from 'node:http';
import type {ExchangeServer} from '../../source/simulator/exchange-server.js';

/** A REST answer as it arrived: status, content type, the body's text and its parse. */
export type RestReply = Readonly<{
	status: number;
	contentType: string | undefined;
	text: string;
	body: {error: string[]; result?: Record<string, unknown>};
}>;

/** GET (or another method) of `path` on the simulator's HTTP port, with node:http. */
export async function restCall(
	server: ExchangeServer,
	path: string,
	method = 'GET',
): Promise<RestReply> {
	return new Promise((resolve, reject) => {
		const call = request(`${server.httpUrl}${path}`, {method}, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let body: RestReply['body'];
				try {
					body = JSON.parse(text) as RestReply['body'];
				} catch {
					body = {error: [`not JSON: ${text}`]};
				}

				resolve({
					status: response.statusCode ?? 0,
					contentType: response.headers['content-type'],
					text,
					body,
				});
			});
		});
		call.on('error', reject);
		call.end();
	});
}

/** A REST trade row with every field as the text Kraken sent, the time included. */
export type RestTradeRow = Readonly<{
	price: string;
	volume: string;
	/** Seconds, as written: `1688669597.8277369`. */
	time: string;
	side: 'b' | 's';
	orderType: 'm' | 'l';
	misc: string;
	tradeId: number;
}>;

/**
 * The rows of a Trades answer read from its text, not its parse: a time such as
 * 1688669597.8277369 is more digits than a double keeps.
 */
export function tradeRowsOf(text: string): RestTradeRow[] {
	const rows: RestTradeRow[] = [];
	const pattern = /\["([\d.]+)","([\d.]+)",(\d+(?:\.\d+)?),"([bs])","([ml])","([^"]*)",(\d+)\]/g;
	for (const match of text.matchAll(pattern)) {
		const [, price = '', volume = '', time = '', side, orderType, misc = '', tradeId = ''] = match;
		rows.push({
			price,
			volume,
			time,
			side: side as 'b' | 's',
			orderType: orderType as 'm' | 'l',
			misc,
			tradeId: Number(tradeId),
		});
	}

	return rows;
}

/** A time written as seconds (`1688669597.8277369`) in nanoseconds, as a decimal string. */
export function nanosecondsOf(secondsText: string): string {
	const [whole = '', fraction = ''] = secondsText.split('.');
	return String(BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9)));
}

/** A time written as seconds in whole microseconds. */
export const microsecondsOf = (secondsText: string) =>
	Number(BigInt(nanosecondsOf(secondsText)) / 1000n);

/** An RFC 3339 time with microseconds (`2026-10-06T18:06:01.981684Z`) in microseconds. */
export function microsecondsOfStamp(stamp: string): number {
	const match = /^(.*T\d\d:\d\d:\d\d)\.(\d{6})Z$/.exec(stamp);
	if (!match) {
		throw new Error(`not a microsecond time stamp: ${stamp}`);
	}

	return Date.parse(`${match[1]}Z`) * 1000 + Number(match[2]);
}
