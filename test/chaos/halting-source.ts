import type {TradeSource} from '../../source/simulator/trade-source.js';

export type HaltingSource = Readonly<{source: TradeSource; halt(): void}>;

/**
 * The market with a way to stop it for good. The exchange calls `start` on every subscription
 * (session.ts), so a client that reconnects after a plain `stop` would set the market trading
 * again; once halted, `start` does nothing and the market and its books stand still.
 */
export function haltable(market: TradeSource): HaltingSource {
	let isHalted = false;
	return {
		source: {
			...market,
			start() {
				if (!isHalted) {
					market.start();
				}
			},
		},
		halt() {
			isHalted = true;
			market.stop();
		},
	};
}
