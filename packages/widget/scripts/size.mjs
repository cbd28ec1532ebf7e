// Prints the size of the full browser bundle (lit, core and English included, minified, gzip).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TARGET = 40 * 1024;
const file = fileURLToPath(new URL('../dist/browser/okta-authn.js', import.meta.url));
const source = await readFile(file);
const gzip = gzipSync(source, { level: 9 }).length;
console.log(`widget browser bundle: ${gzip} bytes gzip (target ${TARGET})`);
console.log(`widget browser bundle: ${source.length} bytes minified`);
