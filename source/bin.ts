#!/usr/bin/env node
// React's production build (about 8x faster per render than the development build that an unset
// NODE_ENV selects) is chosen when bundling: scripts/build.js defines NODE_ENV as production.

// The colour library honours FORCE_COLOR and --no-color but not NO_COLOR (no-color.org).
if (process.env['NO_COLOR'] && process.env['FORCE_COLOR'] === undefined) {
	process.env['FORCE_COLOR'] = '0';
}

await import('./cli.js');
