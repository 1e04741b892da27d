// One edit to meow, defined once: scripts/build.js applies it to the bundle (meowEditForEsbuild)
// and vitest.config.ts to the tests (meowEditForVite, with meow inlined), so both run the same
// meow. Meow's bundled dependencies load normalize-package-data at import, with the SPDX licence
// tables it sorts as it loads, though its one use is normalizing `cli.pkg` when that is read.
// kraken-tape hands meow its version and description (source/cli/package-facts.ts) and never
// reads `cli.pkg`, so the load was about 19 ms of every start for nothing (a CPU profile of
// npm run bench's start-up row). The edit loads it on first use instead; meow's behaviour is
// unchanged. The build and the tests stop if meow's code no longer has the lines edited.
import {readFileSync} from 'node:fs';

/** meow's pre-bundled dependencies, the one file edited. */
const dependenciesFile = /[/\\]meow[/\\]build[/\\]dependencies\.js$/;

const before =
	'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';
const after =
	'const normalizePackageData = (...arguments_) => getDefaultExportFromCjs(requireNormalize())(...arguments_);';

/** meow's dependencies.js with normalize-package-data loaded on first use. */
export function editedMeowDependencies(source) {
	if (source.split(before).length !== 2) {
		throw new Error(
			`meow's build/dependencies.js no longer loads normalize-package-data as scripts/meow-edit.js expects: revisit it`,
		);
	}

	return source.replace(before, after);
}

/** The edit for esbuild: the bundle fails if meow's dependencies were not bundled through it. */
export function meowEditForEsbuild() {
	return {
		name: 'meow-edit',
		setup(build) {
			let isApplied = false;
			build.onStart(() => {
				isApplied = false;
			});
			build.onLoad({filter: dependenciesFile}, ({path}) => {
				isApplied = true;
				return {contents: editedMeowDependencies(readFileSync(path, 'utf8')), loader: 'js'};
			});
			build.onEnd((result) => {
				if (result.errors.length === 0 && !isApplied) {
					throw new Error(
						"meow's build/dependencies.js was not bundled: revisit scripts/meow-edit.js",
					);
				}
			});
		},
	};
}

/** The edit for Vite, which runs the tests: meow must be in test.server.deps.inline. */
export function meowEditForVite() {
	return {
		name: 'meow-edit',
		enforce: 'pre',
		transform(code, id) {
			return dependenciesFile.test(id.split('?')[0] ?? id)
				? {code: editedMeowDependencies(code), map: null}
				: undefined;
		},
	};
}
