import {describe, expect, test} from 'vitest';
import {
	actions,
	bindingsWith,
	defaultBindings,
	findConflict,
	isDefaultJump,
	keyMapOf,
} from '../../source/model/key-bindings.js';

describe('key-bindings', () => {
	test('the defaults bind every action and no key twice', () => {
		expect(Object.keys(defaultBindings).toSorted()).toEqual([...actions].toSorted());
		expect(findConflict(defaultBindings)).toBeUndefined();
		expect(isDefaultJump(defaultBindings)).toBe(true);
	});

	test('vim keys by default: j and k scroll, h and l change pairs', () => {
		const map = keyMapOf(defaultBindings);
		expect([map.get('j'), map.get('k'), map.get('h'), map.get('l')]).toEqual([
			'scroll-down',
			'scroll-up',
			'previous-pair',
			'next-pair',
		]);
	});

	test('an action given replaces its defaults; [] unbinds it', () => {
		const bindings = bindingsWith({quit: ['ctrl+q'], grid: []});
		const map = keyMapOf(bindings);
		expect(map.get('q')).toBeUndefined();
		expect(map.get('ctrl+q')).toBe('quit');
		expect(map.get('g')).toBeUndefined();
		expect(map.get('v')).toBe('view');
	});

	test('ctrl+c quits whatever the bindings say', () => {
		expect(keyMapOf(bindingsWith({quit: []})).get('ctrl+c')).toBe('quit');
	});

	test('two actions on one key are found, named in table order', () => {
		expect(findConflict(bindingsWith({grid: ['v']}))).toEqual({
			key: 'v',
			actions: ['grid', 'view'],
		});
		expect(findConflict(bindingsWith({reconnect: ['1']}))).toEqual({
			key: '1',
			actions: ['jump-1', 'reconnect'],
		});
	});

	test('ctrl+c given to another action is a conflict with quit, even with quit unbound', () => {
		expect(findConflict(bindingsWith({grid: ['ctrl+c']}))).toEqual({
			key: 'ctrl+c',
			actions: ['quit', 'grid'],
		});
		expect(findConflict(bindingsWith({quit: ['q'], reconnect: ['ctrl+c']}))).toEqual({
			key: 'ctrl+c',
			actions: ['quit', 'reconnect'],
		});
	});

	test('jump keys other than the digits are not shown as 1-9', () => {
		expect(isDefaultJump(bindingsWith({'jump-1': ['!']}))).toBe(false);
	});
});
