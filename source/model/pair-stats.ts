import type {Trade} from './types.js';

export type PairStatsSnapshot = Readonly<{
	tradeCount: number;
	last?: number;
	/** The price before `last`, for the up/down mark. */
	previous?: number;
	first?: number;
	high?: number;
	low?: number;
	/** Base-currency volume of all trades seen. */
	volume: number;
	buyVolume: number;
	sellVolume: number;
	/** Quote-currency value of all trades seen. */
	notional: number;
	vwap?: number;
	lastTime?: number;
}>;

const secondsPerMinute = 60;

/**
 * Running statistics over every trade seen for one pair since start (or the last clear).
 * Constant memory: trades per minute come from 60 one-second buckets of trade time.
 */
export class PairStats {
	#snapshot: PairStatsSnapshot = emptySnapshot();
	readonly #bucketCounts = new Array<number>(secondsPerMinute).fill(0);
	readonly #bucketSeconds = new Array<number>(secondsPerMinute).fill(-1);

	get snapshot(): PairStatsSnapshot {
		return this.#snapshot;
	}

	add(trade: Trade): void {
		const s = this.#snapshot;
		const notional = s.notional + trade.price * trade.volume;
		const volume = s.volume + trade.volume;
		this.#snapshot = {
			tradeCount: s.tradeCount + 1,
			last: trade.price,
			previous: s.last,
			first: s.first ?? trade.price,
			high: s.high === undefined ? trade.price : Math.max(s.high, trade.price),
			low: s.low === undefined ? trade.price : Math.min(s.low, trade.price),
			volume,
			buyVolume: s.buyVolume + (trade.side === 'buy' ? trade.volume : 0),
			sellVolume: s.sellVolume + (trade.side === 'sell' ? trade.volume : 0),
			notional,
			vwap: notional / volume,
			lastTime: Math.max(s.lastTime ?? trade.time, trade.time),
		};
		const second = Math.floor(trade.time / 1000);
		const index = second % secondsPerMinute;
		if (this.#bucketSeconds[index] !== second) {
			this.#bucketSeconds[index] = second;
			this.#bucketCounts[index] = 0;
		}

		this.#bucketCounts[index] = (this.#bucketCounts[index] ?? 0) + 1;
	}

	/** Trades whose time falls in the minute ending at `now` (milliseconds). */
	tradesPerMinute(now: number): number {
		const current = Math.floor(now / 1000);
		let total = 0;
		for (let index = 0; index < secondsPerMinute; index++) {
			const second = this.#bucketSeconds[index] ?? -1;
			if (second > current - secondsPerMinute && second <= current) {
				total += this.#bucketCounts[index] ?? 0;
			}
		}

		return total;
	}

	clear(): void {
		this.#snapshot = emptySnapshot();
		this.#bucketCounts.fill(0);
		this.#bucketSeconds.fill(-1);
	}
}

function emptySnapshot(): PairStatsSnapshot {
	return {tradeCount: 0, volume: 0, buyVolume: 0, sellVolume: 0, notional: 0};
}
