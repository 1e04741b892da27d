#!/usr/bin/env node
// React's production build (about 8x faster per render than the development build that an unset
// NODE_ENV selects) is chosen when bundling: scripts/build.js defines NODE_ENV as production.

await import('./cli.js');
