import type {AlertEvent, AlertOperator, AlertRule, Trade} from './types.js';

const rulePattern = /^\s*([^<>=\s]+)\s*(>=|<=|>|<)\s*(\d+(?:\.\d+)?)\s*$/;

export type AlertRuleParseResult =
	| Readonly<{ok: true; pair: string; operator: AlertOperator; level: number}>
	| Readonly<{ok: false; message: string}>;

/** Splits `XBT/USD>=100000` into its parts; the caller normalises the pair. */
export function parseAlertRule(text: string): AlertRuleParseResult {
	const match = rulePattern.exec(text);
	if (!match) {
		return {
			ok: false,
			message: `alert rule "${text}" is not PAIR OPERATOR PRICE, for example 'XBT/USD>=100000' (operators >=, <=, >, <)`,
		};
	}

	const [, pair = '', operator = '>=', level = '0'] = match;
	return {ok: true, pair, operator: operator as AlertOperator, level: Number(level)};
}

function holds(rule: AlertRule, price: number): boolean {
	switch (rule.operator) {
		case '>=': {
			return price >= rule.level;
		}

		case '<=': {
			return price <= rule.level;
		}

		case '>': {
			return price > rule.level;
		}

		case '<': {
			return price < rule.level;
		}
	}
}

/**
 * Fires each rule once when a trade's price meets it, then stays quiet until a trade's price no
 * longer meets it (the rule re-arms) and fires again on the next crossing. A rule that already
 * holds on the first trade seen fires at once: someone waiting for a price wants to know it is
 * there.
 */
export class AlertWatcher {
	readonly #rules: readonly AlertRule[];
	readonly #isArmed: boolean[];

	constructor(rules: readonly AlertRule[]) {
		this.#rules = rules;
		this.#isArmed = rules.map(() => true);
	}

	check(trades: readonly Trade[]): AlertEvent[] {
		const events: AlertEvent[] = [];
		if (this.#rules.length === 0) {
			return events;
		}

		for (const trade of trades) {
			for (const [index, rule] of this.#rules.entries()) {
				if (rule.pair !== trade.pair) {
					continue;
				}

				const isMet = holds(rule, trade.price);
				if (isMet && this.#isArmed[index]) {
					events.push({rule, price: trade.price, time: trade.time});
				}

				this.#isArmed[index] = !isMet;
			}
		}

		return events;
	}
}
