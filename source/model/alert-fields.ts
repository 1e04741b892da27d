import type {AlertEvent} from './types.js';

/**
 * An alert's values as text, the same everywhere they go: the --json alert line and an alert
 * command's environment. The pair as the chosen API names it, the rule as written back, the
 * price as JSON writes the number, the time of the crossing trade in ISO 8601 UTC.
 */
export function alertFields(
	alert: AlertEvent,
): Readonly<{pair: string; rule: string; price: string; time: string}> {
	return {
		pair: alert.rule.pair,
		rule: alert.rule.text,
		price: JSON.stringify(alert.price),
		time: new Date(alert.time).toISOString(),
	};
}
