import {readFileSync} from 'node:fs';
import {InputError} from '../input-error.js';
import {codecFor} from '../kraken/codec.js';
import {parsePair} from '../kraken/pair-names.js';
import type {RecordedFrame} from '../kraken/recorder.js';
import {decimalPlaces} from '../model/format.js';
import {TradeDeduplicator} from '../model/trade-deduplicator.js';
import type {Trade} from '../model/types.js';
import {v1BookPriceDecimalsOf, v1NameOf, type ListedPair} from './pair-catalog.js';
import type {ExchangeTrade} from './market-types.js';
import type {TradeSource, TradesListener} from './trade-source.js';

type ReplayStep = Readonly<{offsetMs: number; pair: ListedPair; trades: readonly Trade[]}>;

/**
 * Reads a `--record` file and plays its trades back with their recorded spacing, divided by
 * `speed`. Frames are decoded with the client's own codecs, so a recording made on either API
 * can be served on both; trades go out stamped with the time they are replayed, as a live feed's
 * would be, and keep their v2 trade ids (v1 recordings get fresh sequential ids).
 */
export function createReplaySource(file: string, speed: number): TradeSource {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new InputError(
			`cannot read recording ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
		);
	}

	// Snapshots after a reconnect repeat trades recorded before it; trade ids tell them apart.
	const deduplicator = new TradeDeduplicator();
	let unreadable = 0;
	let repeated = 0;
	const frames = text
		.split('\n')
		.flatMap((line) => {
			const read = readLine(line);
			unreadable += read === undefined ? 1 : 0;
			return read ?? [];
		})
		.map((frame) => {
			const {fresh, duplicates} = deduplicator.accept(frame.trades);
			repeated += duplicates;
			return {...frame, trades: fresh};
		})
		.filter((frame) => frame.trades.length > 0);
	if (frames.length === 0) {
		throw new InputError(`recording ${file} holds no trade frames`);
	}

	const pairs = listPairs(frames);
	const firstTime = frames[0]?.receivedAt ?? 0;
	const steps: ReplayStep[] = frames.map((frame) => ({
		offsetMs: (frame.receivedAt - firstTime) / speed,
		pair: pairs.get(frame.symbol) as ListedPair,
		trades: frame.trades,
	}));

	const listeners = new Set<TradesListener>();
	const finishedListeners = new Set<(tradesSent: number) => void>();
	let tradesSent = 0;
	const nextIds = new Map<ListedPair, number>();
	// A pair's trades never go back in time, even if the clock does: REST pages by time.
	const lastMicros = new Map<ListedPair, number>();
	const recent = new Map<ListedPair, ExchangeTrade[]>();
	let timer: NodeJS.Timeout | undefined;
	let index = 0;
	let startedAt = 0;

	function play(): void {
		const elapsed = Date.now() - startedAt;
		while (index < steps.length && (steps[index]?.offsetMs ?? 0) <= elapsed) {
			const {pair, trades} = steps[index++] as ReplayStep;
			const nowMicros = Math.max(Date.now() * 1000, lastMicros.get(pair) ?? 0);
			lastMicros.set(pair, nowMicros);
			const replayed = trades.map((trade): ExchangeTrade => {
				const tradeId = trade.tradeId ?? nextIds.get(pair) ?? 1;
				nextIds.set(pair, tradeId + 1);
				return {...trade, timeMicros: nowMicros, tradeId};
			});
			const history = recent.get(pair) ?? [];
			history.push(...replayed);
			recent.set(pair, history.slice(-50));
			tradesSent += replayed.length;
			for (const listener of listeners) {
				listener(pair, replayed);
			}
		}

		const next = steps[index];
		timer = next
			? setTimeout(play, Math.max(0, next.offsetMs - (Date.now() - startedAt)))
			: undefined;
		if (!next) {
			for (const listener of finishedListeners) {
				listener(tradesSent);
			}
		}
	}

	const skipped = [
		unreadable > 0 ? `${unreadable} lines skipped (not a recorded frame)` : '',
		repeated > 0 ? `${repeated} repeated trades left out` : '',
	].filter((part) => part !== '');

	return {
		pairs: [...pairs.values()],
		description: `replay of ${file} (${steps.length} trade frames, speed ${speed}x${skipped.map((part) => `; ${part}`).join('')})`,
		onTrades(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		recent(pair, count) {
			return (recent.get(pair) ?? []).slice(-count);
		},
		start() {
			if (timer === undefined && index === 0) {
				startedAt = Date.now();
				play();
			}
		},
		stop() {
			clearTimeout(timer);
			timer = undefined;
		},
		onFinished(listener) {
			finishedListeners.add(listener);
		},
	};
}

type RecordedTrades = Readonly<{receivedAt: number; symbol: string; trades: readonly Trade[]}>;

/**
 * The trade frames of one recording line, one entry per pair (in v2 naming): none for a frame
 * without trades (a status, an ack), undefined for a line that is not a recorded frame at all.
 */
function readLine(line: string): RecordedTrades[] | undefined {
	if (line.trim() === '') {
		return [];
	}

	let entry: RecordedFrame;
	try {
		entry = JSON.parse(line) as RecordedFrame;
	} catch {
		return undefined;
	}

	if (typeof entry?.frame !== 'string' || typeof entry.url !== 'string') {
		return undefined;
	}

	if (entry.binary) {
		return [];
	}

	const api = /\/v2\/?$/.test(entry.url) ? 'v2' : 'v1';
	const message = codecFor(api).decode(entry.frame);
	const receivedAt = Date.parse(entry.time);
	if (message.kind !== 'trades' || Number.isNaN(receivedAt)) {
		return [];
	}

	const bySymbol = new Map<string, Trade[]>();
	for (const trade of message.trades) {
		const symbol = parsePair(trade.pair, 'v2');
		if (symbol.ok) {
			bySymbol.set(symbol.pair, [...(bySymbol.get(symbol.pair) ?? []), trade]);
		}
	}

	return [...bySymbol].map(([symbol, trades]) => ({receivedAt, symbol, trades}));
}

/** Lists every pair in the recording; Kraken's decimals are not in frames, so the most seen stand in. */
function listPairs(frames: readonly RecordedTrades[]): Map<string, ListedPair> {
	const pairs = new Map<string, ListedPair>();
	for (const {symbol, trades} of frames) {
		const first = trades[0] as Trade;
		const known = pairs.get(symbol);
		const priceDecimals = Math.max(
			known?.priceDecimals ?? 0,
			...trades.map((trade) => decimalPlaces(trade.price)),
		);
		pairs.set(symbol, {
			symbol,
			v1Name: v1NameOf(symbol),
			startPrice: known?.startPrice ?? first.price,
			priceDecimals,
			v1BookPriceDecimals: v1BookPriceDecimalsOf(priceDecimals),
			volumeDecimals: 8,
			typicalVolume: known?.typicalVolume ?? first.volume,
			ordersPerSecond: 0,
		});
	}

	return pairs;
}
