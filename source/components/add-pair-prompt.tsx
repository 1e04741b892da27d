import {Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import type {PromptState} from '../model/view-state.js';

/** The inline prompt for `a`: what is typed so far, and why the last attempt was refused. */
export function AddPairPrompt({prompt}: Readonly<{prompt: PromptState}>) {
	const {theme} = useDisplay();
	return (
		<Text wrap="truncate">
			<Text bold>add pair: </Text>
			{prompt.text}
			<Text inverse> </Text>
			{prompt.error === undefined ? (
				<Text {...theme.muted}>{'  Enter adds, Esc cancels'}</Text>
			) : (
				<Text color={theme.stale}>{`  ${prompt.error}`}</Text>
			)}
		</Text>
	);
}
