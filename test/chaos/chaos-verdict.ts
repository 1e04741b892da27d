import {webSocketFaults} from './fault-proxy.js';
import type {ChaosResult} from './chaos-run.js';

export type MemoryLimit = Readonly<{
	/** The last third's median may exceed the middle third's by this share… */
	growth: number;
	/** …plus this many MB, for the heap settling after start. */
	slackMb: number;
}>;

/**
 * What a run proves, as a list of what failed (empty when all held). v2 trades must arrive
 * exactly: each made from the first written on, once, in id order, as made (where the settings
 * accept reported holes, a trade may be missing only in a hole the client reported). v1 has no ids: its
 * trades must be real, once each and in time order, and the last made must arrive; trades lost
 * in a v1 gap are reported, not judged (filling one is best effort). Then: every line JSON, each
 * book as the exchange's; each pair's ticker and candle lines well formed, some since the last
 * reconnect, the last ticker at the last trade's price and the last candle the exchange's own,
 * neither channel refused and no frame unread; memory level, and every planned fault landed.
 */
export function problemsOf(result: ChaosResult, memoryLimit: MemoryLimit): string[] {
	const {api} = result.settings;
	const problems: string[] = [];
	const lostNote = result.hasRest
		? ''
		: ' (this build has no --rest-url, so a gap the snapshot cannot cover stays a gap)';
	const {acceptsReportedHoles} = result.settings;
	for (const pair of result.trades) {
		const lost = acceptsReportedHoles ? pair.lost - pair.lostReported : pair.lost;
		const counts: Array<[string, number]> = [
			['doubled', pair.doubled],
			['out of order', pair.outOfOrder],
			['unknown or changed', pair.unknown],
			...(api === 'v2'
				? [[acceptsReportedHoles ? 'lost unreported' : 'lost', lost] as [string, number]]
				: []),
		];
		for (const [what, count] of counts) {
			if (count > 0) {
				problems.push(
					`${api} ${pair.pair}: ${count} trade(s) ${what}${what.startsWith('lost') ? lostNote : ''}`,
				);
			}
		}

		if (!pair.hasLast) {
			problems.push(`${api} ${pair.pair}: the last trade made was never written`);
		}
	}

	for (const [pair, difference] of result.books) {
		if (difference !== undefined) {
			problems.push(`${api} ${pair} book: ${difference}`);
		}
	}

	for (const [pair, market] of result.markets) {
		const kinds = [
			{
				kind: 'ticker',
				count: market.tickers,
				isSinceReconnect: market.hasTickerSinceReconnect,
				difference: market.ticker,
			},
			{
				kind: 'candle',
				count: market.candles,
				isSinceReconnect: market.hasCandleSinceReconnect,
				difference: market.candle,
			},
		];
		for (const {kind, count, isSinceReconnect, difference} of kinds) {
			if (count === 0) {
				problems.push(`${api} ${pair}: no ${kind} line written`);
				continue;
			}

			if (!isSinceReconnect) {
				problems.push(`${api} ${pair}: no ${kind} line since the last reconnect`);
			}

			if (difference !== undefined) {
				problems.push(`${api} ${pair} ${kind}: ${difference}`);
			}
		}
	}

	if (result.malformed.length > 0) {
		problems.push(
			`${api}: ${result.malformed.length} ticker or candle line(s) not well formed: ${result.malformed[0]}`,
		);
	}

	for (const line of result.channelErrors) {
		problems.push(`${api}: ${line}`);
	}

	if (result.unrecognised > 0) {
		problems.push(`${api}: the client could not read ${result.unrecognised} frame(s)`);
	}

	if (result.unparsable.length > 0) {
		problems.push(`${api}: ${result.unparsable.length} line(s) not JSON: ${result.unparsable[0]}`);
	}

	const {middleMb, lastMb} = result.memory;
	if (lastMb > middleMb * (1 + memoryLimit.growth) + memoryLimit.slackMb) {
		problems.push(`${api}: memory kept growing: ${middleMb} MB, then ${lastMb} MB`);
	}

	if (result.faultsMissed > 0) {
		problems.push(`${api}: ${result.faultsMissed} planned fault(s) found no connection`);
	}

	if (result.settings.plan.kinds === 'each-once') {
		for (const kind of webSocketFaults) {
			if ((result.faults.get(kind) ?? 0) === 0) {
				problems.push(`${api}: no ${kind} landed`);
			}
		}
	}

	return problems;
}
