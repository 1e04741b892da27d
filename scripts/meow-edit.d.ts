// Types for meow-edit.js, which stays plain JavaScript so that scripts/build.js can run it on
// Node without a compile step.
import type {Plugin as EsbuildPlugin} from 'esbuild';
import type {Plugin as VitePlugin} from 'vite';

export function editedMeowDependencies(source: string): string;
export function meowEditForEsbuild(): EsbuildPlugin;
export function meowEditForVite(): VitePlugin;
