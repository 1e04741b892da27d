import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {readPackageFacts} from '../../source/cli/package-facts.js';

describe('readPackageFacts', () => {
	test("reads kraken-tape's own version and description, found up from the module", () => {
		const packageJson = JSON.parse(
			readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
		) as {version: string; description: string};
		expect(readPackageFacts()).toEqual({
			version: packageJson.version,
			description: packageJson.description,
		});
	});
});
