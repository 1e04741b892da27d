import type {Trade} from './types.js';

/** Trades missing between two v2 trade ids that should have been consecutive. */
export type TradeGap = Readonly<{pair: string; afterTradeId: number; missing: number}>;

export type DeduplicationResult = Readonly<{
	fresh: readonly Trade[];
	duplicates: number;
	gaps: TradeGap[];
}>;

type PairMemory = {
	lastTradeId?: number;
	lastTime: number;
	/** How many trades with each signature were seen at `lastTime`. */
	countsAtLastTime: Map<string, number>;
	/** Set after a resubscription: replayed trades are dropped until a new one arrives. */
	replayCounts?: Map<string, number>;
};

function signatureOf(trade: Trade): string {
	return `${trade.price}|${trade.volume}|${trade.side}|${trade.orderType}`;
}

/**
 * Drops trades already delivered once, so a reconnect's snapshot is not counted twice.
 *
 * v2 trades carry `trade_id`, a sequence number per book: anything at or below the last id seen is
 * a repeat, and a jump of more than one is a gap. v1 trades carry no id, so after a resubscription
 * (when Kraken may resend recent trades) trades older than the last one seen, or identical to one
 * seen at the same microsecond, are dropped until the first newer trade arrives. Outside that
 * window v1 trades pass untouched, so a legitimately repeated fill is never lost.
 */
export class TradeDeduplicator {
	readonly #pairs = new Map<string, PairMemory>();

	/** Call when a pair is subscribed again on a new connection. */
	beginReplay(pair: string): void {
		const memory = this.#pairs.get(pair);
		if (memory) {
			memory.replayCounts = new Map(memory.countsAtLastTime);
		}
	}

	forget(pair: string): void {
		this.#pairs.delete(pair);
	}

	accept(trades: readonly Trade[]): DeduplicationResult {
		// Most frames repeat nothing: a list of the fresh ones is made only once a trade is dropped.
		let fresh: Trade[] | undefined;
		const gaps: TradeGap[] = [];
		let duplicates = 0;
		for (let index = 0; index < trades.length; index++) {
			const trade = trades[index]!;
			let memory = this.#pairs.get(trade.pair);
			if (!memory) {
				memory = {lastTime: Number.NEGATIVE_INFINITY, countsAtLastTime: new Map()};
				this.#pairs.set(trade.pair, memory);
			}

			if (
				trade.tradeId === undefined
					? isReplayedV1(memory, trade)
					: isRepeatedV2(memory, trade, gaps)
			) {
				duplicates++;
				fresh ??= trades.slice(0, index);
				continue;
			}

			// Only v1 needs signatures for replays; v2's ids are enough, and cost nothing to keep.
			if (trade.tradeId === undefined) {
				remember(memory, trade);
			}

			fresh?.push(trade);
		}

		return {fresh: fresh ?? trades, duplicates, gaps};
	}
}

function isRepeatedV2(memory: PairMemory, trade: Trade, gaps: TradeGap[]): boolean {
	const id = trade.tradeId ?? 0;
	const last = memory.lastTradeId;
	if (last !== undefined && id <= last) {
		return true;
	}

	if (last !== undefined && id > last + 1) {
		gaps.push({pair: trade.pair, afterTradeId: last, missing: id - last - 1});
	}

	memory.lastTradeId = id;
	return false;
}

function isReplayedV1(memory: PairMemory, trade: Trade): boolean {
	const replay = memory.replayCounts;
	if (!replay) {
		return false;
	}

	if (trade.time < memory.lastTime) {
		return true;
	}

	const signature = signatureOf(trade);
	const remaining = trade.time === memory.lastTime ? (replay.get(signature) ?? 0) : 0;
	if (remaining > 0) {
		replay.set(signature, remaining - 1);
		return true;
	}

	memory.replayCounts = undefined;
	return false;
}

function remember(memory: PairMemory, trade: Trade): void {
	// Only forward: an out-of-order trade must not lower the line replayed trades are held to.
	if (trade.time < memory.lastTime) {
		return;
	}

	if (trade.time > memory.lastTime) {
		memory.lastTime = trade.time;
		memory.countsAtLastTime.clear();
	}

	const signature = signatureOf(trade);
	memory.countsAtLastTime.set(signature, (memory.countsAtLastTime.get(signature) ?? 0) + 1);
}
