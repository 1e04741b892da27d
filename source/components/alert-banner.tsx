import {Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {formatClock, formatPrice} from '../model/format.js';
import {firstKeyOf} from './key-labels.js';
import type {AlertEvent} from '../model/types.js';

/** One line while any alert waits to be dismissed, none otherwise. */
export function alertBannerRows(alerts: readonly AlertEvent[]): number {
	return alerts.length > 0 ? 1 : 0;
}

/** The newest alert until dismissed, with a count of any others. */
type Properties = Readonly<{alerts: readonly AlertEvent[]; decimalsFor: (pair: string) => number}>;

export function AlertBanner({alerts, decimalsFor}: Properties) {
	const {glyphs, theme, bindings} = useDisplay();
	const newest = alerts.at(-1);
	if (!newest) {
		return null;
	}

	const more = alerts.length > 1 ? ` (+${alerts.length - 1} more)` : '';
	const dismissKey = firstKeyOf('dismiss', bindings, glyphs);
	const dismiss = dismissKey === undefined ? '' : ` ${dismissKey} dismisses `;
	return (
		<Text bold {...theme.highlight} wrap="truncate">
			{` ${glyphs.bell} ALERT ${newest.rule.text} at ${formatPrice(newest.price, decimalsFor(newest.rule.pair))} (${formatClock(newest.time)})${more} ${dismiss}`}
		</Text>
	);
}
