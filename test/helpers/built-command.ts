import {fileURLToPath} from 'node:url';

/** The built command, as `npm install` leaves it (npm test builds first). */
export const binPath = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
