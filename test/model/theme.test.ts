import {describe, expect, test} from 'vitest';
import {
	colourlessTheme,
	colourRoles,
	defaultTheme,
	parseRoleValue,
	resolveTheme,
	themeNames,
	themes,
} from '../../source/model/theme.js';

describe('theme', () => {
	test.each(themeNames)('%s sets every role to a value the role takes', (name) => {
		for (const role of colourRoles) {
			expect(parseRoleValue(role, themes[name][role]), `${name} ${role}`).toBeDefined();
		}
	});

	test('the default theme is the terminal colours it always was', () => {
		expect(defaultTheme).toEqual({
			up: 'green',
			down: 'red',
			buy: 'green',
			sell: 'red',
			highlight: {backgroundColor: 'yellow', color: 'black'},
			bigTrade: {inverse: true},
			muted: {dimColor: true},
			alert: 'magenta',
			stale: 'red',
			warning: 'magenta',
			ok: 'green',
			focus: 'blue',
		});
	});

	test('colour-blind uses blue for up and buy, orange for down and sell', () => {
		const theme = resolveTheme(themes['colour-blind'], 3);
		expect([theme.up, theme.buy, theme.down, theme.sell]).toEqual([
			'#56b4e9',
			'#56b4e9',
			'#e69f00',
			'#e69f00',
		]);
		expect(theme.up).not.toBe(theme.down);
	});

	test('hex colours follow the depth; names do not', () => {
		const spec = {...themes.default, up: '#e69f00', highlight: '#0072b2', muted: '#808080'};
		expect(resolveTheme(spec, 3)).toMatchObject({
			up: '#e69f00',
			down: 'red',
			highlight: {backgroundColor: '#0072b2', color: 'whiteBright'},
			muted: {color: '#808080'},
		});
		expect(resolveTheme(spec, 2)).toMatchObject({
			up: 'ansi256(178)',
			muted: {color: 'ansi256(244)'},
		});
		expect(resolveTheme(spec, 1)).toMatchObject({up: 'yellow', muted: {color: 'blackBright'}});
	});

	test('depth 0 is no colour at all, whatever the theme says', () => {
		for (const name of themeNames) {
			expect(resolveTheme(themes[name], 0)).toEqual(colourlessTheme);
		}
	});

	test('keywords belong to their roles', () => {
		expect(parseRoleValue('big-trade', 'inverse')).toEqual({kind: 'inverse'});
		expect(parseRoleValue('muted', 'dim')).toEqual({kind: 'dim'});
		expect(parseRoleValue('up', 'default')).toEqual({kind: 'default'});
		expect(parseRoleValue('up', 'inverse')).toBeUndefined();
		expect(parseRoleValue('highlight', 'dim')).toBeUndefined();
		expect(resolveTheme({...themes.default, 'big-trade': '#cc79a7'}, 3).bigTrade).toEqual({
			backgroundColor: '#cc79a7',
			color: 'black',
		});
		expect(resolveTheme({...themes.default, up: 'default'}, 3).up).toBeUndefined();
		expect(resolveTheme(themes['high-contrast'], 1).muted).toEqual({});
	});
});
