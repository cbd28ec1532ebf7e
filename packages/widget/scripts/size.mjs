// What the browser build weighs, file by file, without a browser: gzip (level 9) of every script the
// element can load in English, the entry first, then the rest largest first, against the targets that
// `npm run bench` also checks.
//
//   npm run build -w packages/widget && npm run size -w packages/widget
import { ENTRY, measureSizes } from './build-files.mjs';

const KB = 1024;
const { gzip, english, entryBytes, totalBytes } = await measureSizes();
const rest = english.filter((file) => file !== ENTRY).sort((a, b) => gzip.get(b) - gzip.get(a));
for (const file of [ENTRY, ...rest]) console.log(`${String(gzip.get(file)).padStart(7)}  ${file}`);
console.log(`\nbefore the first form ${(entryBytes / KB).toFixed(1)} KB (target ≤ 25 KB), everything in English ${(totalBytes / KB).toFixed(1)} KB (target ≤ 50 KB), ${totalBytes} bytes`);
