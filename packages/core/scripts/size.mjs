// Measures what a browser app pays for @okta-authn/core: dist/index.js bundled with zod, minified, gzipped.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const TARGET_BYTES = 10240;
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('dist/index.js is missing: run `npm run build` in packages/core first.');
  process.exit(1);
}
const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  logLevel: 'silent',
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
console.log(`core browser bundle: ${code.length} bytes minified`);
console.log(`core browser bundle: ${gzipped} bytes gzip (target ${TARGET_BYTES})`);
