import {describe, expect, test} from 'vitest';
import {AlertBanner} from '../../source/components/alert-banner.js';
import type {AlertEvent} from '../../source/model/types.js';
import {asciiDisplay, localTime, renderFrame} from '../helpers/screen.js';

function alert(pair: string, text: string, price: number, seconds: number): AlertEvent {
	return {
		rule: {pair, operator: '>=', level: price, text},
		price,
		time: localTime(14, 3, seconds, 250),
	};
}

const decimalsFor = (pair: string) => (pair === 'BTC/USD' ? 1 : 2);

describe('alert-banner', () => {
	test('shows nothing without alerts', () => {
		expect(renderFrame(<AlertBanner alerts={[]} decimalsFor={decimalsFor} />)).toBe('');
	});

	test('shows an alert with its price in the pair decimals and its time', () => {
		expect(
			renderFrame(
				<AlertBanner
					alerts={[alert('BTC/USD', 'BTC/USD>=100000', 100_000.25, 7)]}
					decimalsFor={decimalsFor}
				/>,
			),
		).toBe(' 🔔 ALERT BTC/USD>=100000 at 100,000.3 (14:03:07.250)  d dismisses');
	});

	test('shows the newest of several with how many more', () => {
		const alerts = [
			alert('BTC/USD', 'BTC/USD>=100000', 100_000, 1),
			alert('ETH/USD', 'ETH/USD<=3000', 2999.5, 2),
			alert('ETH/USD', 'ETH/USD>=4000', 4000, 3),
		];
		expect(renderFrame(<AlertBanner alerts={alerts} decimalsFor={decimalsFor} />)).toBe(
			' 🔔 ALERT ETH/USD>=4000 at 4,000.00 (14:03:03.250) (+2 more)  d dismisses',
		);
		expect(
			renderFrame(<AlertBanner alerts={alerts} decimalsFor={decimalsFor} />, 100, asciiDisplay),
		).toBe(' (!) ALERT ETH/USD>=4000 at 4,000.00 (14:03:03.250) (+2 more)  d dismisses');
	});

	test('is cut to one line in a narrow terminal', () => {
		expect(
			renderFrame(
				<AlertBanner
					alerts={[alert('BTC/USD', 'BTC/USD>=100000', 100_000, 7)]}
					decimalsFor={decimalsFor}
				/>,
				40,
			),
		).toBe(' 🔔 ALERT BTC/USD>=100000 at 100,000.0 …');
	});
});
