// Types for ink-patches.js, which stays plain JavaScript so that scripts/build.js can run it on
// Node without a compile step.
import type {Plugin as EsbuildPlugin} from 'esbuild';
import type {Plugin as VitePlugin} from 'vite';

export type InkReplacement = Readonly<{file: string; module: string}>;

export type InkEdit = Readonly<{
	file: string;
	imports: string;
	edits: ReadonlyArray<Readonly<{before: string; after: string}>>;
}>;

export const inkReplacements: readonly InkReplacement[];
export const inkEdits: readonly InkEdit[];
export function checkInkPatches(): void;
export function inkPatchesForEsbuild(): EsbuildPlugin;
export function inkPatchesForVite(): VitePlugin;
