import type {TradeRenumbering} from './trade-deduplicator.js';
import {formatPrice} from './format.js';
import type {AlertEvent, BackfillNews, ConnectionState} from './types.js';

function seconds(milliseconds: number): string {
	return `${(milliseconds / 1000).toFixed(milliseconds < 10_000 ? 1 : 0)} s`;
}

/** One line of plain words for a connection state, for stderr and the status bar. */
export function describeState(state: ConnectionState): string {
	switch (state.kind) {
		case 'connecting': {
			return state.attempt > 1 ? `connecting (attempt ${state.attempt})` : 'connecting';
		}

		case 'open': {
			return 'connected, subscribing';
		}

		case 'subscribed': {
			return 'subscribed';
		}

		case 'idle': {
			return 'connected, no pairs';
		}

		case 'stale': {
			return `stale: no trades or heartbeats for ${seconds(state.silentForMs)}`;
		}

		case 'reconnecting': {
			return `${state.reason}; reconnecting in ${seconds(state.delayMs)} (attempt ${state.attempt})`;
		}

		case 'closed': {
			return 'closed';
		}
	}
}

/** A pair whose trade ids started afresh: followed, not taken for repeats or missed trades. */
export function describeRenumbering(renumbering: TradeRenumbering): string {
	return `${renumbering.pair}: the exchange numbers its trades afresh (id ${renumbering.lastTradeId} was the last seen, ${renumbering.firstTradeId} is next); following the new numbering`;
}

/** The alert that ended a screen under --exit-on-alert, left on the shell's screen. */
export function describeAlert(alert: AlertEvent, decimals: number, isSimulated: boolean): string {
	const time = new Date(alert.time).toISOString();
	return `alert ${alert.rule.text} at ${formatPrice(alert.price, decimals)} by a trade at ${time}${isSimulated ? ' (SIMULATED)' : ''}`;
}

/** What a backfill from REST is doing, for stderr and the tape's marks. */
export function describeBackfill(news: BackfillNews): string {
	switch (news.kind) {
		case 'filling': {
			return `${news.pair}: filling from REST history; newer trades wait (30 s at most)`;
		}

		case 'filled': {
			return news.count > 0
				? `${news.pair}: ${news.count} trade(s) from REST history, in their place`
				: `${news.pair}: nothing from REST history; going on`;
		}

		case 'failed': {
			return `${news.pair}: REST history did not answer (${news.reason}); trying again`;
		}
	}
}
