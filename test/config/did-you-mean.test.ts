import {describe, expect, test} from 'vitest';
import {closestName, didYouMean} from '../../source/config/did-you-mean.js';

const keys = ['pairs', 'api', 'url', 'rest-url', 'channels', 'theme', 'colours', 'keys', 'alert'];

describe('did-you-mean', () => {
	test.each([
		['pair', 'pairs'],
		['Pairs', 'pairs'],
		['rest_url', 'rest-url'],
		['resturl', 'rest-url'],
		['colors', 'colours'],
		['chanels', 'channels'],
		['thmee', 'theme'],
		['alerts', 'alert'],
	])('%j: did you mean %j', (written, meant) => {
		expect(closestName(written, keys)).toBe(meant);
	});

	test.each(['banana', 'x', 'speed'])('%j is close to nothing', (written) => {
		expect(didYouMean(written, keys)).toBe('');
	});

	test('says it in brackets', () => {
		expect(didYouMean('pair', keys)).toBe(' (did you mean "pairs"?)');
	});
});
