import {AlertWatcher, parseAlertRule} from '../model/alerts.js';
import type {AlertRule} from '../model/types.js';
import {KrakenTapeError} from './library-error.js';
import {apiFor, clientOptionsFor, pairsFor} from './library-options.js';
import {feedStream} from './feed-stream.js';
import type {AlertEvent, WatchOptions} from './public-types.js';

/** `XBT/USD >= 100000` as the command reads `--alert`, its pair as the API names it. */
function ruleFor(text: string, options: WatchOptions): AlertRule {
	const parsed = parseAlertRule(String(text));
	if (!parsed.ok) {
		throw new KrakenTapeError(parsed.message);
	}

	const [pair = ''] = pairsFor([parsed.pair], apiFor(options));
	return {
		pair,
		operator: parsed.operator,
		level: parsed.level,
		text: `${pair}${parsed.operator}${parsed.level}`,
	};
}

/**
 * The first alert for a rule such as `'XBT/USD >= 100000'`, judged on live trades only (never a
 * snapshot's or REST's history, whose prices are gone): a rule that already holds fires on the
 * first live trade. Resolves with the alert and closes the connection; rejects with the signal's
 * reason when aborted. A bad rule or option throws a KrakenTapeError at once.
 */
export function waitForPrice(rule: string, options: WatchOptions = {}): Promise<AlertEvent> {
	const alertRule = ruleFor(rule, options);
	const clientOptions = clientOptionsFor([alertRule.pair], ['trade'], options);
	const watcher = new AlertWatcher([alertRule]);
	const alerts = feedStream<AlertEvent>(clientOptions, options, (client, push, isSimulated) => {
		client.on('trades', (trades, origin) => {
			const [fired] = origin === 'live' ? watcher.check(trades) : [];
			if (fired) {
				push({
					pair: alertRule.pair,
					rule: alertRule.text,
					price: fired.price,
					time: new Date(fired.time),
					...(isSimulated() ? {simulated: true as const} : {}),
				});
			}
		});
	});
	return (async () => {
		const first = await alerts.next();
		await alerts.return?.();
		if (first.done) {
			throw options.signal?.reason ?? new KrakenTapeError('waitForPrice was stopped');
		}

		return first.value;
	})();
}
