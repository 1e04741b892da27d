import type {ListedPair} from '../../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import type {ReportedHole} from './client-log.js';
import type {WrittenTrade} from './client-output.js';

/** One pair's trades as written against those the exchange made. */
export type TradeFigures = Readonly<{
	pair: string;
	/** Trades the exchange made from the first one written to the last it made. */
	made: number;
	written: number;
	backfilled: number;
	/** Written more than once. */
	doubled: number;
	/** Made in that span and never written. */
	lost: number;
	/** Of those lost, the ones in a hole the client reported (v2: `… missed after trade id …`). */
	lostReported: number;
	/** Written after a later one (v2: a lower id than the line before; v1: an earlier time). */
	outOfOrder: number;
	/** Written and never made, or made with another price, volume, side or time. */
	unknown: number;
	/** Written, from before the exchange's record begins (an older backfill): not judged. */
	beforeRecord: number;
	/** The last trade made was written. */
	hasLast: boolean;
	/** The first few of each kind of failure, for the report: which lines, which trades. */
	examples: readonly string[];
}>;

/** Examples kept of each kind of failure. */
const examplesPerKind = 3;

type Note = (kind: string, text: () => string) => void;

/** Keeps the first few notes of each kind. */
function exampleKeeper(): {examples: string[]; note: Note} {
	const examples: string[] = [];
	const counts = new Map<string, number>();
	return {
		examples,
		note(kind, text) {
			const count = counts.get(kind) ?? 0;
			counts.set(kind, count + 1);
			if (count < examplesPerKind) {
				examples.push(`${kind}: ${text()}`);
			}
		},
	};
}

/** Prices and volumes as the wire writes them (the pair's decimals), so floats compare. */
function keyOf(
	pair: ListedPair,
	trade: Readonly<{side: string; price: number; volume: number}>,
): string {
	return `${trade.side}|${trade.price.toFixed(pair.priceDecimals)}|${trade.volume.toFixed(pair.volumeDecimals)}`;
}

/** The wire's microseconds become whole milliseconds in the client (v1 through a float). */
const isSameTime = (made: ExchangeTrade, written: WrittenTrade) =>
	Math.abs(Math.floor(made.timeMicros / 1000) - written.time) <= 1;

/** A written line for a report: its place among the pair's lines and what it says. */
const describeWritten = (trade: WrittenTrade, index: number) =>
	`line ${index + 1} ${trade.side} ${trade.price} x ${trade.volume} at ${new Date(trade.time).toISOString()}${trade.tradeId === undefined ? '' : ` id ${trade.tradeId}`}${trade.isBackfilled ? ' (backfilled)' : ''}`;

const describeMade = (trade: ExchangeTrade) =>
	`${trade.side} ${trade.price} x ${trade.volume} at ${new Date(trade.timeMicros / 1000).toISOString()} id ${trade.tradeId}`;

/** Counts the made trades from `from` on that `isLost`, noting each run of them. */
function countLost(
	made: readonly ExchangeTrade[],
	isLost: (index: number) => boolean,
	from: number,
	note: Note,
): number {
	let lost = 0;
	let runStart: number | undefined;
	for (let index = from; index <= made.length; index++) {
		if (index < made.length && isLost(index)) {
			lost++;
			runStart ??= index;
		} else if (runStart !== undefined) {
			const start = runStart;
			note(
				'lost',
				() =>
					`${index - start} from ${describeMade(made[start]!)} to ${describeMade(made[index - 1]!)}`,
			);
			runStart = undefined;
		}
	}

	return lost;
}

/**
 * v2: trade ids make the comparison exact. Every trade from the first written (that the record
 * holds) to the last made must be written once, in rising id order, as made. A lost trade whose
 * id falls in one of the pair's `holes` is one the client said it missed.
 */
export function compareByTradeId(
	pair: ListedPair,
	made: readonly ExchangeTrade[],
	written: readonly WrittenTrade[],
	holes: readonly ReportedHole[] = [],
): TradeFigures {
	const placeById = new Map(made.map((trade, index) => [trade.tradeId, index]));
	const firstRecorded = made[0]?.tradeId ?? 0;
	/** The line each id was first written on. */
	const lineById = new Map<number, number>();
	const {examples, note} = exampleKeeper();
	let doubled = 0;
	let outOfOrder = 0;
	let unknown = 0;
	let beforeRecord = 0;
	let first: number | undefined;
	written.forEach((trade, line) => {
		const id = trade.tradeId ?? -1;
		const firstLine = lineById.get(id);
		if (firstLine === undefined) {
			lineById.set(id, line);
		} else {
			doubled++;
			note('doubled', () => `${describeWritten(trade, line)}, first on line ${firstLine + 1}`);
		}

		const previous = written[line - 1];
		if (previous !== undefined && id < (previous.tradeId ?? -1)) {
			outOfOrder++;
			note('out of order', () => `${describeWritten(trade, line)} after id ${previous.tradeId}`);
		}

		const place = placeById.get(id);
		const original = place === undefined ? undefined : made[place];
		if (original === undefined) {
			if (id >= 0 && id < firstRecorded) {
				beforeRecord++;
			} else {
				unknown++;
				note('never made', () => describeWritten(trade, line));
			}

			return;
		}

		first ??= place;
		if (keyOf(pair, original) !== keyOf(pair, trade) || !isSameTime(original, trade)) {
			unknown++;
			note('changed', () => `${describeWritten(trade, line)}, made as ${describeMade(original)}`);
		}
	});

	const spanStart = first ?? made.length;
	const isLost = (index: number) => !lineById.has(made[index]!.tradeId);
	const lost = countLost(made, isLost, spanStart, note);
	const isReported = (id: number) =>
		holes.some((hole) => id > hole.afterTradeId && id <= hole.afterTradeId + hole.missing);
	let lostReported = 0;
	for (let index = spanStart; index < made.length; index++) {
		lostReported += isLost(index) && isReported(made[index]!.tradeId) ? 1 : 0;
	}

	const last = made.at(-1);
	return {
		pair: pair.symbol,
		made: made.length - spanStart,
		written: written.length,
		backfilled: written.filter((trade) => trade.isBackfilled).length,
		doubled,
		lost,
		lostReported,
		outOfOrder,
		unknown,
		beforeRecord,
		hasLast: last !== undefined && lineById.has(last.tradeId),
		examples,
	};
}

/**
 * v1: trades carry no id, so each written trade is matched to a made one of the same side,
 * price and volume within a millisecond, the earliest not yet taken. A written trade whose only
 * matches are taken is doubled; one with none is unknown; made trades from the first matched to
 * the last made that nothing took are lost.
 */
export function compareByContent(
	pair: ListedPair,
	made: readonly ExchangeTrade[],
	written: readonly WrittenTrade[],
): TradeFigures {
	const byKey = new Map<string, number[]>();
	made.forEach((trade, index) => {
		const key = keyOf(pair, trade);
		const indexes = byKey.get(key) ?? [];
		indexes.push(index);
		byKey.set(key, indexes);
	});
	/** The line that took each made trade, by the trade's place in the record. */
	const takenBy = new Map<number, number>();
	const {examples, note} = exampleKeeper();
	let doubled = 0;
	let unknown = 0;
	let outOfOrder = 0;
	let beforeRecord = 0;
	let first: number | undefined;
	const recordStart = Math.floor((made[0]?.timeMicros ?? 0) / 1000);
	written.forEach((trade, line) => {
		const previous = written[line - 1];
		if (previous !== undefined && trade.time < previous.time) {
			outOfOrder++;
			note(
				'out of order',
				() => `${describeWritten(trade, line)} after ${describeWritten(previous, line - 1)}`,
			);
		}

		const candidates = (byKey.get(keyOf(pair, trade)) ?? []).filter((index) =>
			isSameTime(made[index]!, trade),
		);
		const free = candidates.find((index) => !takenBy.has(index));
		if (free === undefined) {
			if (candidates.length > 0) {
				doubled++;
				const firstLine = takenBy.get(candidates[0]!) ?? 0;
				note(
					'doubled',
					() =>
						`${describeWritten(trade, line)}, first as ${describeWritten(written[firstLine]!, firstLine)}`,
				);
			} else if (trade.time < recordStart) {
				beforeRecord++;
			} else {
				unknown++;
				note('never made', () => describeWritten(trade, line));
			}

			return;
		}

		takenBy.set(free, line);
		first = Math.min(first ?? free, free);
	});

	const spanStart = first ?? made.length;
	const lost = countLost(made, (index) => !takenBy.has(index), spanStart, note);
	return {
		pair: pair.symbol,
		made: made.length - spanStart,
		written: written.length,
		backfilled: written.filter((trade) => trade.isBackfilled).length,
		doubled,
		lost,
		// v1 cannot measure a hole, so reports none.
		lostReported: 0,
		outOfOrder,
		unknown,
		beforeRecord,
		hasLast: made.length > 0 && takenBy.has(made.length - 1),
		examples,
	};
}
