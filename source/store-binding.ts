import type {Feed} from './feed.js';
import {bindFeed} from './feed-binding.js';
import type {AlertWatcher} from './model/alerts.js';
import type {TapeStore} from './model/tape-store.js';
import type {AlertEvent} from './model/types.js';
import type {UnreachableWatcher} from './model/unreachable.js';

/** Watches for an endpoint that cannot be reached, and hears the hint once it is given. */
export type UnreachableBinding = Readonly<{
	watcher: UnreachableWatcher;
	onHint: (hint: string) => void;
}>;

/** What the screen hears of the feed besides its store. */
export type ScreenHooks = Readonly<{
	unreachable?: UnreachableBinding;
	/** A line for stderr, where it outlasts the screen: a recording that stopped. */
	say?: (line: string) => void;
}>;

/**
 * Keeps the screen's store up to date with the feed, alerts included: live trades are judged,
 * history (a snapshot) only fills the tape. Marks the tapes where the feed was interrupted.
 */
export function bindStore(
	feed: Feed,
	store: TapeStore,
	alerts: AlertWatcher,
	onAlerts: (events: readonly AlertEvent[]) => void,
	hooks: ScreenHooks = {},
): void {
	const {unreachable, say} = hooks;
	// A reconnect is marked on every tape where the gap in its trades is, with how long it took.
	let droppedAt: number | undefined;
	store.setSource(feed.client.sourceName);
	bindFeed(feed, {
		trades(trades, origin) {
			store.addTrades(trades);
			const fired = origin === 'live' ? alerts.check(trades) : [];
			if (fired.length > 0) {
				store.addAlerts(fired);
				onAlerts(fired);
			}
		},
		frame: (receivedAt) => store.frameReceived(receivedAt),
		state(state) {
			const now = Date.now();
			if (state.kind === 'subscribed' && droppedAt !== undefined) {
				const text = `reconnected after ${Math.round((now - droppedAt) / 1000)} s`;
				for (const pair of store.pairs) {
					store.addMarker(pair, text, now);
				}

				droppedAt = undefined;
			} else if (state.kind === 'reconnecting' || state.kind === 'stale') {
				droppedAt ??= now;
			}

			store.connectionChanged(state, now);
			// Said until a connection opens: the hint is about reaching the endpoint at all.
			const hint = unreachable?.watcher.hintFor(state);
			if (hint !== undefined) {
				store.setUnreachable(hint);
				unreachable?.onHint(hint);
			} else if (state.kind === 'open' && store.feed.unreachable !== undefined) {
				store.setUnreachable(undefined);
			}
		},
		status: (status, source, isSimulated) => store.statusReceived(status, source, isSimulated),
		subscription: (change) =>
			store.setChannelState(change.pair, change.channel, change.state, change.message),
		ticker: (ticker) => store.setTicker(ticker),
		candles: (candles) => store.addCandles(candles),
		book: (top) => store.setBook(top, Date.now()),
		bookHealth: (health) => store.setBookHealth(health),
		notice: (message) => store.setNotice(message),
		recordingStopped(message) {
			store.setRecordingError(message);
			say?.(message);
		},
		gap(gap) {
			store.addMarker(gap.pair, `${gap.missing} trades missed`, Date.now());
			store.setMissing(feed.client.counts.missing);
		},
		backfill(news) {
			// Marked where the gap opened: the filled trades come in above it. The start's history
			// needs no mark, as the tape begins with it.
			if (news.kind === 'filling' && store.hasTrades(news.pair)) {
				store.addMarker(news.pair, 'gap in the feed: filled from REST history', Date.now());
			}

			store.setBackfill(news);
		},
		renumbered(renumbering) {
			const text = `trade ids restarted at ${renumbering.firstTradeId}: the exchange numbers its trades afresh`;
			store.addMarker(renumbering.pair, text, Date.now());
		},
		unrecognised: (_reason, count) => store.setUnrecognised(count),
	});
}
