import type WebSocket from 'ws';
import {listedPairs, type ListedPair} from '../../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import {syntheticTrade} from '../../harness/synthetic-trade.js';
import {tradeMessageV2} from '../../source/simulator/wire-v2.js';

/** Sends bursts of real v2 trade frames, for the burst fault tests. */

export const tradesPerFrame = 20;
/** Frames handed to the socket before the sender yields its loop with setImmediate. */
const framesPerChunk = 50;

/** What has been sent for one pair: trade ids run on from burst to burst. */
export type Ledger = {pair: ListedPair; nextTradeId: number; sent: number; last?: ExchangeTrade};

export function ledgersFor(names: readonly string[]): Ledger[] {
	return names.map((name) => {
		const pair = listedPairs.find((listed) => listed.symbol === name);
		if (!pair) {
			throw new Error(`${name} is not listed`);
		}

		return {pair, nextTradeId: 1, sent: 0};
	});
}

function nextTrade(ledger: Ledger): ExchangeTrade {
	const trade = syntheticTrade(ledger.pair, ledger.nextTradeId++);
	ledger.sent++;
	ledger.last = trade;
	return trade;
}

/**
 * Sends `total` trades, `tradesPerFrame` to a frame, the pairs taking turns, as fast as the
 * socket takes them, yielding the loop every few frames so a test can act mid-burst. Frames are
 * built as they go, so nothing holds a copy of the burst. Resolves with the milliseconds taken.
 */
export async function sendBurst(
	socket: WebSocket,
	ledgers: Ledger[],
	total: number,
	onFrame: (sent: number) => void = () => undefined,
): Promise<number> {
	const startedAt = performance.now();
	const frames = total / tradesPerFrame;
	for (let frame = 0; frame < frames && socket.readyState === socket.OPEN; frame++) {
		const ledger = ledgers[frame % ledgers.length] as Ledger;
		const trades = Array.from({length: tradesPerFrame}, () => nextTrade(ledger));
		socket.send(tradeMessageV2('update', ledger.pair, trades));
		onFrame(frame + 1);
		if ((frame + 1) % framesPerChunk === 0) {
			await new Promise((resolve) => setImmediate(resolve));
		}
	}

	return performance.now() - startedAt;
}
