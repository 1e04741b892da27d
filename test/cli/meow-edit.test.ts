import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import meow from 'meow';
import {describe, expect, test} from 'vitest';
import {editedMeowDependencies} from '../../scripts/meow-edit.js';

// The one edit to meow (scripts/meow-edit.js): normalize-package-data is loaded when `cli.pkg` is
// first read rather than when meow is imported. The bundle and these tests run the edited meow.

const dependencies = path.join(
	path.dirname(createRequire(import.meta.url).resolve('meow')),
	'dependencies.js',
);

describe('the meow edit', () => {
	test('fits the installed meow, and refuses a meow it no longer fits', () => {
		const source = readFileSync(dependencies, 'utf8');
		const edited = editedMeowDependencies(source);
		expect(edited).not.toContain('var normalizeExports = requireNormalize();');
		expect(edited).toContain('getDefaultExportFromCjs(requireNormalize())');
		expect(() => editedMeowDependencies(source.replace('requireNormalize();', '0;'))).toThrow(
			/scripts\/meow-edit\.js/,
		);
	});

	test('meow still normalizes the package it is given, once cli.pkg is read', () => {
		const cli = meow({
			importMeta: import.meta,
			pkg: {name: 'kraken-tape-edit-test', version: '1.2.3'},
			argv: ['--depth', '25'],
			flags: {depth: {type: 'number'}},
		});
		expect(cli.flags['depth']).toBe(25);
		expect(cli.pkg['_id']).toBe('kraken-tape-edit-test@1.2.3');
		expect(cli.pkg['readme']).toBe('ERROR: No README data found!');
	});
});
