import {describe, expect, test} from 'vitest';
import {AddPairPrompt} from '../../source/components/add-pair-prompt.js';
import {renderFrame} from '../helpers/screen.js';

describe('add-pair-prompt', () => {
	test('shows what is typed, a cursor and how to finish', () => {
		expect(renderFrame(<AddPairPrompt prompt={{text: 'btc/eu'}} />)).toBe(
			'add pair: btc/eu   Enter adds, Esc cancels',
		);
	});

	test('shows an empty prompt', () => {
		expect(renderFrame(<AddPairPrompt prompt={{text: ''}} />)).toBe(
			'add pair:    Enter adds, Esc cancels',
		);
	});

	test('shows why the last attempt was refused in place of the help', () => {
		expect(
			renderFrame(
				<AddPairPrompt prompt={{text: 'BTC/USD', error: 'BTC/USD is already on the tape'}} />,
			),
		).toBe('add pair: BTC/USD   BTC/USD is already on the tape');
	});

	test('stays on one line', () => {
		const frame = renderFrame(
			<AddPairPrompt
				prompt={{
					text: 'x',
					error: `"x" is not a currency pair: write it as BASE/QUOTE, for example XBT/USD`,
				}}
			/>,
			40,
		);
		expect(frame).toBe('add pair: x   "x" is not a currency pai…');
	});
});
