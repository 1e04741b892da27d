import {Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {formatClock} from '../model/format.js';
import type {TapeMarker} from '../model/types.js';

/** A mark between trades, across the tape's width: `── 10:00:14 reconnected after 12 s ───`. */
export function MarkerRow({marker, width}: Readonly<{marker: TapeMarker; width: number}>) {
	const {glyphs, theme} = useDisplay();
	const text = `${glyphs.rule.repeat(2)} ${formatClock(marker.time).slice(0, 8)} ${marker.text} `;
	return (
		<Text {...theme.muted} wrap="truncate">
			{text.padEnd(width, glyphs.rule)}
		</Text>
	);
}
