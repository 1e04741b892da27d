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

/** How far back past its level, as a share of the level, a price must go to re-arm a rule. */
export const rearmBand = 0.001;

/** Whether a price has gone back past the rule's level by the dead band, so it fires again. */
function isRearmedBy(rule: AlertRule, price: number): boolean {
	const band = rule.level * rearmBand;
	return rule.operator === '>=' || rule.operator === '>'
		? price < rule.level - band
		: price > rule.level + band;
}

/**
 * Fires each rule once when a trade's price meets it, then stays quiet until a trade's price
 * has gone back past the level by 0.1% of it (the rule re-arms) and fires again on the next
 * crossing: a price hovering at the level is one crossing, not a bell every second. A rule that
 * already holds on the first live trade fires at once: someone waiting for a price wants to know
 * it is there. Callers pass live trades only (see TradeOrigin).
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

				if (this.#isArmed[index]) {
					if (holds(rule, trade.price)) {
						events.push({rule, price: trade.price, time: trade.time});
						this.#isArmed[index] = false;
					}
				} else if (isRearmedBy(rule, trade.price)) {
					this.#isArmed[index] = true;
				}
			}
		}

		return events;
	}
}
