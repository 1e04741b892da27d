import type {TradeGap} from '../../model/trade-deduplicator.js';
import type {Trade, TradeOrigin} from '../../model/types.js';

/** Trades ready to go out, in order, all of one origin. */
export type Delivery = Readonly<{trades: readonly Trade[]; origin: TradeOrigin}>;

/** v2 trades that could not be filled: `missing` of them after `afterTradeId`. */
export type Hole = TradeGap;

/**
 * How long live trades are held for a backfill at most, and how many: past either, what is held
 * goes out and the hole is reported (a REST outage delays live trades by this once, at most).
 */
export type HoldLimits = Readonly<{holdMs: number; holdCount: number}>;

export const defaultHoldLimits: HoldLimits = {holdMs: 30_000, holdCount: 100_000};

/** What a backfill asks of REST next for a pair: a page of its trades from `since`. */
export type PageRequest = Readonly<{pair: string; since?: string; count: number}>;

/** What the REST side does after a page was taken in. */
export type PageVerdict =
	/** Nothing more wanted: the hole is filled (or given up). */
	| Readonly<{kind: 'done'}>
	/** Ask again: the next page, or the same one later (REST may not have the trades yet). */
	| Readonly<{kind: 'more'; request: PageRequest}>;

/** Collects deliveries, joining runs of the same origin. */
export class Deliveries {
	readonly list: Array<{trades: Trade[]; origin: TradeOrigin}> = [];

	add(trade: Trade, origin: TradeOrigin): void {
		const last = this.list.at(-1);
		if (last?.origin === origin) {
			last.trades.push(trade);
		} else {
			this.list.push({trades: [trade], origin});
		}
	}
}

/** Milliseconds since the epoch as Kraken's nanosecond `since`, exact (past 2^53). */
export function nanosecondsOf(milliseconds: number): string {
	return (BigInt(Math.max(0, Math.floor(milliseconds))) * 1_000_000n).toString();
}
