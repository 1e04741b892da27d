import type {ListedPair} from '../../source/simulator/pair-catalog.js';
import type {
	ExchangeTrade,
	MinuteCandle,
	Quote,
	Summary,
} from '../../source/simulator/market-types.js';

const minuteMs = 60_000;

/** A candle being built: the simulator's minute candle, written to as trades come. */
type Running = {-readonly [Key in keyof MinuteCandle]: MinuteCandle[Key]};

function summaryOf(running: Running): Summary {
	const {notional, ...rest} = running;
	return {...rest, vwap: running.volume > 0 ? notional / running.volume : running.close};
}

function add(running: Running, trade: ExchangeTrade): void {
	running.high = Math.max(running.high, trade.price);
	running.low = Math.min(running.low, trade.price);
	running.close = trade.price;
	running.volume += trade.volume;
	running.notional += trade.price * trade.volume;
	running.trades++;
	running.lastMicros = trade.timeMicros;
}

/**
 * A pair's ticker and its minute's candle on the firehose, kept up to date trade by trade at no
 * cost per frame beyond the trades' own: the benchmark's exchange sends them with every trade
 * frame, as Kraken does, and cannot afford the simulator's summing of a day's minutes each time.
 * The day starts from a made-up day before the first trade; synthetic as the trades are.
 */
export class RunningFigures {
	readonly #pair: ListedPair;
	readonly #day: Running;
	#minute: Running | undefined;

	constructor(pair: ListedPair, now = Date.now()) {
		this.#pair = pair;
		const open = pair.startPrice * 0.99;
		this.#day = {
			start: now - 24 * 60 * minuteMs,
			open,
			high: pair.startPrice * 1.02,
			low: pair.startPrice * 0.97,
			close: open,
			volume: pair.typicalVolume * 10_000,
			notional: pair.typicalVolume * 10_000 * open,
			trades: 10_000,
			lastMicros: now * 1000,
		};
	}

	add(trades: readonly ExchangeTrade[]): void {
		for (const trade of trades) {
			add(this.#day, trade);
			const start = Math.floor(trade.timeMicros / 1000 / minuteMs) * minuteMs;
			if (this.#minute?.start !== start) {
				this.#minute = {
					start,
					open: trade.price,
					high: trade.price,
					low: trade.price,
					close: trade.price,
					volume: 0,
					notional: 0,
					trades: 0,
					lastMicros: trade.timeMicros,
				};
			}

			add(this.#minute, trade);
		}
	}

	day(): Summary {
		return summaryOf(this.#day);
	}

	/** The minute in progress, once a trade has made it. */
	candle(): Summary | undefined {
		return this.#minute && summaryOf(this.#minute);
	}

	/** Twelve made-up minutes before this one, rising and falling a little about the open. */
	pastCandles(): Summary[] {
		const now = Math.floor(Date.now() / minuteMs) * minuteMs;
		const before = 12;
		return Array.from({length: before}, (_, index) => {
			const open = this.#day.open * (1 + Math.sin(index) / 500);
			const close = this.#day.open * (1 + Math.sin(index + 1) / 500);
			return {
				start: now - (before - index) * minuteMs,
				open,
				high: Math.max(open, close) * 1.0005,
				low: Math.min(open, close) * 0.9995,
				close,
				volume: this.#pair.typicalVolume * 10,
				vwap: (open + close) / 2,
				trades: 10,
				lastMicros: (now - (before - index - 1) * minuteMs - 1) * 1000,
			};
		});
	}

	/** The book's top beside the last trade, a tick apart. */
	quote(): Quote {
		const tick = 10 ** -this.#pair.priceDecimals;
		const last = this.#day.close;
		return {
			bid: last - tick,
			bidQty: this.#pair.typicalVolume,
			ask: last,
			askQty: this.#pair.typicalVolume,
		};
	}
}
