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

/** The statistics as their readers see them. */
export type PairStatsView = Pick<PairStats, 'snapshot' | 'tradesPerMinute'>;

const secondsPerMinute = 60;

type Running = {-readonly [Key in keyof PairStatsSnapshot]: PairStatsSnapshot[Key]};

/**
 * Running statistics over every trade seen for one pair since start (or the last clear).
 * Constant memory: trades per minute come from 60 one-second buckets of trade time. Adding a
 * trade updates plain numbers; a snapshot is built only when read, and never changes after, so
 * the paused screen can keep one while trades go on (a snapshot per trade would cost a bursty
 * feed tens of megabytes of garbage: npm run bench).
 */
export class PairStats {
	#running: Running = emptySnapshot();
	#snapshot: PairStatsSnapshot | undefined;
	readonly #bucketCounts = new Array<number>(secondsPerMinute).fill(0);
	readonly #bucketSeconds = new Array<number>(secondsPerMinute).fill(-1);

	get snapshot(): PairStatsSnapshot {
		this.#snapshot ??= {...this.#running};
		return this.#snapshot;
	}

	add(trade: Trade): void {
		const running = this.#running;
		running.tradeCount++;
		running.previous = running.last;
		running.last = trade.price;
		running.first ??= trade.price;
		running.high = running.high === undefined ? trade.price : Math.max(running.high, trade.price);
		running.low = running.low === undefined ? trade.price : Math.min(running.low, trade.price);
		running.volume += trade.volume;
		if (trade.side === 'buy') {
			running.buyVolume += trade.volume;
		} else {
			running.sellVolume += trade.volume;
		}

		running.notional += trade.price * trade.volume;
		running.vwap = running.notional / running.volume;
		running.lastTime = Math.max(running.lastTime ?? trade.time, trade.time);
		this.#snapshot = undefined;
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
		this.#running = emptySnapshot();
		this.#snapshot = undefined;
		this.#bucketCounts.fill(0);
		this.#bucketSeconds.fill(-1);
	}
}

function emptySnapshot(): Running {
	return {tradeCount: 0, volume: 0, buyVolume: 0, sellVolume: 0, notional: 0};
}
