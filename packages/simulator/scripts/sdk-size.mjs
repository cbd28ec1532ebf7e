// Size of the anchor: what Okta's own SDK costs a browser page for the Classic authn API.
// Bundles the `@okta/okta-auth-js/authn` entry (every export, as a page importing the entry would
// ship it) for the browser with esbuild, minified, and prints its gzip -9 size.
// Usage: node scripts/sdk-size.mjs
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const result = await build({
  stdin: { contents: "export * from '@okta/okta-auth-js/authn';", resolveDir: packageDir, loader: 'js' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  write: false,
  logLevel: 'error',
});

const output = result.outputFiles[0];
if (!output) throw new Error('esbuild produced no output');
const gzipped = gzipSync(output.contents, { level: constants.Z_BEST_COMPRESSION });
console.log(`okta-auth-js authn entry: ${gzipped.length} bytes gzip`);
