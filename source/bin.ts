#!/usr/bin/env node
// React picks its development or production build when first imported, from NODE_ENV; plain
// `node` leaves it unset, which loads the development build (about 8x slower per render). So
// set it before anything imports React, unless the user chose otherwise.
process.env['NODE_ENV'] ??= 'production';
// The colour library honours FORCE_COLOR and --no-color but not NO_COLOR (no-color.org).
if (process.env['NO_COLOR'] && process.env['FORCE_COLOR'] === undefined) {
	process.env['FORCE_COLOR'] = '0';
}

await import('./cli.js');
