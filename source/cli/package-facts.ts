import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export type PackageFacts = Readonly<{version: string; description?: string}>;

/**
 * kraken-tape's version and description, from the first package.json up from this module (the
 * bundle's dist/ or the source's cli/), read as plain JSON. Meow would find the same file and
 * normalize all of it, licence and repository included, whenever its `pkg` is read: tens of
 * milliseconds of every start (npm run bench, start-up row).
 */
export function readPackageFacts(): PackageFacts {
	let folder = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const facts = factsIn(folder);
		if (facts) {
			return facts;
		}

		const parent = path.dirname(folder);
		if (parent === folder) {
			return {version: ''};
		}

		folder = parent;
	}
}

function factsIn(folder: string): PackageFacts | undefined {
	let json: {version?: unknown; description?: unknown};
	try {
		json = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as typeof json;
	} catch {
		return undefined;
	}

	return typeof json.version === 'string'
		? {
				version: json.version,
				...(typeof json.description === 'string' ? {description: json.description} : {}),
			}
		: undefined;
}
