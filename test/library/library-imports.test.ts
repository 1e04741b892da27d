import {readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {describe, expect, test} from 'vitest';

// Importing the library must not load the screen: no Ink, React or Yoga in the modules the
// built entry imports, directly or through its chunks (dynamic imports, loaded only when called,
// are followed too: none of them may lead there either).

const dist = resolve(import.meta.dirname, '../../dist');

/** Every module the built file reaches, by its static and dynamic imports of ./ files. */
function reachable(file: string, seen = new Set<string>()): Set<string> {
	seen.add(file);
	const text = readFileSync(join(dist, file), 'utf8');
	for (const [, name] of text.matchAll(/(?:from|import)\s*\(?\s*"\.\/([\w.-]+\.js)"/g)) {
		if (name && !seen.has(name)) {
			reachable(name, seen);
		}
	}

	return seen;
}

/** Strings that survive minification, one from each of Yoga (its wasm), React and Ink. */
const screenMarkers = ['AGFzbQ', 'react.transitional.element', 'Raw mode is not supported'];

describe('the library entry', () => {
	test('reaches no module of the screen', () => {
		const files = [...reachable('index.js')];
		expect(files.length).toBeGreaterThan(1);
		for (const file of files) {
			const text = readFileSync(join(dist, file), 'utf8');
			for (const marker of screenMarkers) {
				expect({file, hasMarker: text.includes(marker)}).toEqual({file, hasMarker: false});
			}
		}
	});

	test('the command does reach them, so the markers are real', () => {
		const texts = [...reachable('bin.js')].map((file) => readFileSync(join(dist, file), 'utf8'));
		for (const marker of screenMarkers) {
			expect(texts.some((text) => text.includes(marker))).toBe(true);
		}
	});
});
