import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';

/** Most rows the note takes: on a narrow terminal its end is cut rather than the tape squeezed. */
const maximumRows = 3;

/** Rows the note takes at `columns`: none when there is nothing to say. */
export function unreachableBannerRows(hint: string | undefined, columns: number): number {
	return hint === undefined
		? 0
		: Math.min(maximumRows, Math.ceil(hint.length / Math.max(1, columns)));
}

type Properties = Readonly<{hint: string | undefined; columns: number}>;

/**
 * What failed when the live endpoint cannot be reached, and that --demo works offline, above the
 * status bar until a connection opens: the status bar alone has no room for a whole sentence.
 */
export function UnreachableBanner({hint, columns}: Properties) {
	const {theme} = useDisplay();
	const rows = unreachableBannerRows(hint, columns);
	if (hint === undefined) {
		return null;
	}

	return (
		<Box height={rows} overflow="hidden">
			<Text color={theme.warning} bold>
				{hint}
			</Text>
		</Box>
	);
}
