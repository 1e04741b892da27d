import {describe, expect, test} from 'vitest';
import {SgrState} from '../../source/ansi/sgr-state.js';

describe('sgr-state', () => {
	test.each([
		['1;31', '1;31'],
		['31;1', '1;31'],
		['1;2;22', ''],
		['1;31;0;4', '4'],
		['38;5;208;1', '1;38;5;208'],
		['48;2;1;2;3;39', '48;2;1;2;3'],
		['4:3', '4:3'],
		['4;4:0', ''],
		['7;27', ''],
		['', ''],
		['38;5', ''],
	])('%s reduces to %s', (parameters, canonical) => {
		expect(SgrState.from(parameters).toString()).toBe(canonical);
	});
});
