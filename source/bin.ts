#!/usr/bin/env -S node --max-semi-space-size=8 --expose-gc
// The installed command runs with a smaller young generation than Node's default (under a
// firehose the default let the screen's resident memory grow by a quarter, npm run bench, memory
// row) and with V8's collector callable, so that heap-keeper.ts can keep a long session's heap
// near its live size: a user should not need a flag for the figures the readme gives. `env -S`
// splits the line into the command and its flags (coreutils 8.30 and later, macOS, BSD;
// BusyBox's env has no -S, and the readme says what to do there).
// React's production build (about 8x faster per render than the development build that an unset
// NODE_ENV selects) is chosen when bundling: scripts/build.js defines NODE_ENV as production.
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of the command's files on disk (in the system's
// temporary folder, or NODE_COMPILE_CACHE), so that every start after the first skips compiling
// them, a fifth of a start or more (the readme has the figures). Node 20 has no such cache.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

await import('./cli.js');
