// Types for lazy-unicode-edits.js, which stays plain JavaScript so that scripts/build.js can run it
// on Node without a compile step.
import type {Plugin as EsbuildPlugin} from 'esbuild';
import type {Plugin as VitePlugin} from 'vite';

export type LazyUnicodeEdit = Readonly<{
	files: RegExp;
	declaration: string;
	name: string;
	method: string;
	make: string;
}>;

export const lazyUnicodeEdits: readonly LazyUnicodeEdit[];
export function editLazyUnicode(
	path: string,
	source: string,
): {source: string; applied: LazyUnicodeEdit[]};
export function lazyUnicodeEditsForEsbuild(): EsbuildPlugin;
export function lazyUnicodeEditsForVite(): VitePlugin;
