import * as z from 'zod';
import type {Candle, CandleInterval, Trade} from '../../model/types.js';
import type {RestReply} from './rest-transport.js';

/*
 * Kraken's public REST answers (docs/kraken-protocol.md, 10): `{"error": [...], "result": {...}}`
 * with errors in the array even on HTTP 200, and the result keyed by Kraken's own pair name
 * (`XXBTZUSD` for a request of `XBTUSD`), beside `last`.
 */

/** What a REST call came to: its rows, or why not, in words for the screen. */
export type RestOutcome<T> =
	| Readonly<{kind: 'ok'; value: T}>
	/** Kraken asked us to slow down (`EGeneral:Too many requests`, `EAPI:Rate limit exceeded`). */
	| Readonly<{kind: 'throttled'; reason: string}>
	/** Anything else: no answer, an HTTP error, an error Kraken named, a body we cannot read. */
	| Readonly<{kind: 'failed'; reason: string}>;

/** One page of a pair's trade history, oldest first, and where the next page starts. */
export type TradePage = Readonly<{
	trades: readonly Trade[];
	/** Kraken's `last`: a nanosecond timestamp past 2^53, so kept as its text. */
	last: string;
}>;

const throttleErrors = ['EGeneral:Too many requests', 'EAPI:Rate limit exceeded'];

const envelope = z.object({
	error: z.array(z.string()),
	result: z.record(z.string(), z.unknown()).optional(),
});

const decimalText = z.string().regex(/^\d+(?:\.\d+)?$/, 'not a decimal number');

/** `[price, volume, time, side, type, misc, trade_id]`; older answers lack the id. */
const tradeRow = z.union([
	z.tuple([
		decimalText,
		decimalText,
		z.number().positive(),
		z.enum(['b', 's']),
		z.enum(['m', 'l']),
		z.string(),
		z.number().int().nonnegative(),
	]),
	z.tuple([
		decimalText,
		decimalText,
		z.number().positive(),
		z.enum(['b', 's']),
		z.enum(['m', 'l']),
		z.string(),
	]),
]);

/** `[start (s), open, high, low, close, vwap, volume, count]`. */
const candleRow = z.tuple([
	z.number().int().nonnegative(),
	decimalText,
	decimalText,
	decimalText,
	decimalText,
	decimalText,
	decimalText,
	z.number().int().nonnegative(),
]);

/** `last` as the body wrote it: a number that long would lose digits in JSON.parse. */
const lastPattern = /"last"\s*:\s*"?(\d{1,25})"?/;

type Unwrapped = Readonly<{rows: unknown; last: string | undefined}>;

/**
 * The one result that is not `last`, whatever Kraken keyed it by, or the reason there is none.
 * Errors come first: Kraken says it is throttling with HTTP 200.
 */
function unwrap(reply: RestReply): RestOutcome<Unwrapped> {
	if (!reply.ok) {
		return {kind: 'failed', reason: reply.reason};
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(reply.body);
	} catch {
		parsed = undefined;
	}

	const answer = envelope.safeParse(parsed);
	if (answer.success && answer.data.error.length > 0) {
		const reason = answer.data.error.join('; ');
		const isThrottled = answer.data.error.some((error) => throttleErrors.includes(error));
		return {kind: isThrottled ? 'throttled' : 'failed', reason};
	}

	if (reply.status !== 200) {
		return {kind: reply.status === 429 ? 'throttled' : 'failed', reason: `HTTP ${reply.status}`};
	}

	if (parsed === undefined) {
		return {kind: 'failed', reason: 'HTTP 200, not JSON'};
	}

	if (!answer.success || !answer.data.result) {
		return {kind: 'failed', reason: 'an answer without a result'};
	}

	const keys = Object.keys(answer.data.result).filter((key) => key !== 'last');
	if (keys.length !== 1) {
		return {kind: 'failed', reason: `an answer with ${keys.length} results`};
	}

	return {
		kind: 'ok',
		value: {rows: answer.data.result[keys[0]!], last: lastPattern.exec(reply.body)?.[1]},
	};
}

/**
 * A Trades answer as trades of `pair` (named as the WebSocket in use names it), with REST's
 * trade ids where the feed has them too (v2): v1's trades carry none, and stay alike.
 */
export function tradePageOf(
	reply: RestReply,
	pair: string,
	withIds: boolean,
): RestOutcome<TradePage> {
	const unwrapped = unwrap(reply);
	if (unwrapped.kind !== 'ok') {
		return unwrapped;
	}

	const rows = z.array(tradeRow).safeParse(unwrapped.value.rows);
	if (!rows.success || unwrapped.value.last === undefined) {
		return {kind: 'failed', reason: 'trades in a shape not understood'};
	}

	const trades = rows.data.map(([price, volume, time, side, type, , tradeId]): Trade => ({
		pair,
		side: side === 'b' ? 'buy' : 'sell',
		price: Number(price),
		volume: Number(volume),
		time: Math.floor(time * 1000),
		orderType: type === 'm' ? 'market' : 'limit',
		...(tradeId === undefined || !withIds ? {} : {tradeId}),
		isBackfilled: true,
	}));
	return {kind: 'ok', value: {trades, last: unwrapped.value.last}};
}

/** An OHLC answer as candles of `pair`, oldest first; the last is the one in progress. */
export function candlesOf(
	reply: RestReply,
	pair: string,
	interval: CandleInterval,
): RestOutcome<readonly Candle[]> {
	const unwrapped = unwrap(reply);
	if (unwrapped.kind !== 'ok') {
		return unwrapped;
	}

	const rows = z.array(candleRow).safeParse(unwrapped.value.rows);
	if (!rows.success) {
		return {kind: 'failed', reason: 'candles in a shape not understood'};
	}

	const candles = rows.data.map(
		([start, open, high, low, close, vwap, volume, trades]): Candle => ({
			pair,
			interval,
			start: start * 1000,
			open: Number(open),
			high: Number(high),
			low: Number(low),
			close: Number(close),
			vwap: Number(vwap),
			volume: Number(volume),
			trades,
		}),
	);
	return {kind: 'ok', value: candles};
}
