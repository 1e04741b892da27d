import type {Trade} from './types.js';

/** Trades missing between two v2 trade ids that should have been consecutive. */
export type TradeGap = Readonly<{pair: string; afterTradeId: number; missing: number}>;

/**
 * The exchange started numbering a pair's trades afresh (a restarted exchange or replay): the
 * pair's memory was dropped and the new numbering followed from `firstTradeId`.
 */
export type TradeRenumbering = Readonly<{pair: string; lastTradeId: number; firstTradeId: number}>;

export type DeduplicationResult = Readonly<{
	fresh: readonly Trade[];
	duplicates: number;
	gaps: TradeGap[];
	renumbered: TradeRenumbering[];
}>;

type PairMemory = {
	lastTradeId?: number;
	/** Time of the trade with `lastTradeId` (v2), or of the newest trade seen (v1). */
	lastTime: number;
	/**
	 * The trades seen at `lastTime` (v1 only), counted by signature only when a replay needs them:
	 * a signature made per trade would be most of what a v1 burst allocates (npm run bench, row 1).
	 */
	tradesAtLastTime: Trade[];
	/** Set after a resubscription: replayed trades are dropped until a new one arrives (v1). */
	replayCounts?: Map<string, number>;
	/** Set after a resubscription: the next trades of the pair say whether the numbering held (v2). */
	isResubscribed: boolean;
};

/**
 * Ids this far below the last one seen are a new numbering, not repeats: a resubscription's
 * snapshot overlaps by at most its 50 trades.
 */
export const repeatWindow = 1000;

/**
 * A jump in ids faster than this, over the time between the two trades, is a new numbering, not
 * missed trades. Kraken's busiest books trade a few hundred times a second at their peaks; the
 * allowance covers clocks and a burst on top of that.
 */
const plausibleTradesPerSecond = 2000;
const plausibleJumpAllowance = 5000;

function signatureOf(trade: Trade): string {
	return `${trade.price}|${trade.volume}|${trade.side}|${trade.orderType}`;
}

/**
 * Drops trades already delivered once, so a reconnect's snapshot is not counted twice.
 *
 * v2 trades carry `trade_id`, a sequence number per book: an id at or just below the last seen
 * is a repeat, and a jump of more than one is a gap. An exchange can also start numbering afresh
 * (a restarted simulator or replay, in practice): ids far below the last seen, a resubscription
 * whose first trades are all older than the last seen, or a jump too large for the time it spans
 * start the pair over instead, reported once and never counted as missed trades.
 *
 * v1 trades carry no id, so after a resubscription (when Kraken may resend recent trades) trades
 * older than the last one seen, or identical to one seen at the same millisecond (a trade's time, to the millisecond), are dropped until
 * the first newer trade arrives. Outside that window v1 trades pass untouched, so a legitimately
 * repeated fill is never lost.
 */
export class TradeDeduplicator {
	readonly #pairs = new Map<string, PairMemory>();

	/** Call when a pair is subscribed again on a new connection. */
	beginReplay(pair: string): void {
		const memory = this.#pairs.get(pair);
		if (memory) {
			memory.replayCounts = new Map();
			for (const trade of memory.tradesAtLastTime) {
				const signature = signatureOf(trade);
				memory.replayCounts.set(signature, (memory.replayCounts.get(signature) ?? 0) + 1);
			}

			memory.isResubscribed = true;
		}
	}

	forget(pair: string): void {
		this.#pairs.delete(pair);
	}

	accept(trades: readonly Trade[]): DeduplicationResult {
		// Most frames repeat nothing: a list of the fresh ones is made only once a trade is dropped.
		let fresh: Trade[] | undefined;
		const gaps: TradeGap[] = [];
		const renumbered: TradeRenumbering[] = [];
		let duplicates = 0;
		for (let index = 0; index < trades.length; index++) {
			const trade = trades[index]!;
			let memory = this.#pairs.get(trade.pair);
			if (!memory) {
				memory = emptyMemory();
				this.#pairs.set(trade.pair, memory);
			}

			if (trade.tradeId !== undefined && memory.isResubscribed) {
				memory.isResubscribed = false;
				if (isWhollyOlder(memory, trades, trade.pair)) {
					renumbered.push(startOver(memory, trade));
				}
			}

			if (
				trade.tradeId === undefined
					? isReplayedV1(memory, trade)
					: isRepeatedV2(memory, trade, gaps, renumbered)
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

		return {fresh: fresh ?? trades, duplicates, gaps, renumbered};
	}
}

function emptyMemory(): PairMemory {
	return {lastTime: Number.NEGATIVE_INFINITY, tradesAtLastTime: [], isResubscribed: false};
}

/**
 * Whether the first trades of a pair after a resubscription are all older than the last one seen:
 * a snapshot from the same numbering always reaches the last trade seen, and a live trade is newer.
 */
function isWhollyOlder(memory: PairMemory, trades: readonly Trade[], pair: string): boolean {
	const last = memory.lastTradeId;
	if (last === undefined) {
		return false;
	}

	for (const trade of trades) {
		if (trade.pair === pair && (trade.tradeId ?? 0) >= last) {
			return false;
		}
	}

	return true;
}

/** Forgets the pair's numbering; the trade that showed it changed is the first of the new one. */
function startOver(memory: PairMemory, trade: Trade): TradeRenumbering {
	const renumbering = {
		pair: trade.pair,
		lastTradeId: memory.lastTradeId ?? 0,
		firstTradeId: trade.tradeId ?? 0,
	};
	memory.lastTradeId = undefined;
	memory.lastTime = Number.NEGATIVE_INFINITY;
	return renumbering;
}

function isRepeatedV2(
	memory: PairMemory,
	trade: Trade,
	gaps: TradeGap[],
	renumbered: TradeRenumbering[],
): boolean {
	const id = trade.tradeId ?? 0;
	const last = memory.lastTradeId;
	if (last !== undefined && id <= last) {
		if (last - id <= repeatWindow) {
			return true;
		}

		renumbered.push(startOver(memory, trade));
	} else if (last !== undefined && id > last + 1) {
		const missing = id - last - 1;
		const seconds = Math.max(0, trade.time - memory.lastTime) / 1000;
		if (missing > plausibleJumpAllowance + seconds * plausibleTradesPerSecond) {
			renumbered.push(startOver(memory, trade));
		} else {
			gaps.push({pair: trade.pair, afterTradeId: last, missing});
		}
	}

	memory.lastTradeId = id;
	memory.lastTime = trade.time;
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
		memory.tradesAtLastTime.length = 0;
	}

	memory.tradesAtLastTime.push(trade);
}
