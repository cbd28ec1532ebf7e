// Measures what a browser app pays for @okta-authn/core, zod included, minified and gzipped:
// once for every export of dist/index.js (the worst case, nothing tree-shaken), and once for
// what a sign-in UI imports (the client, the parsers and the password checklist), what a page
// with security keys adds with the `@okta-authn/core/webauthn` entry, and what a page that checks the
// browser's Okta session pays for `@okta-authn/core/sessions`, alone and beside the sign-in UI.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const TARGET_BYTES = 10240;
const entries = ['index.js', 'webauthn.js', 'sessions.js'].map((name) => fileURLToPath(new URL(`../dist/${name}`, import.meta.url)));
if (!entries.every((entry) => existsSync(entry))) {
  console.error('dist/index.js, dist/webauthn.js or dist/sessions.js is missing: run `npm run build` in packages/core first.');
  process.exit(1);
}

async function measure(label, contents) {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('../dist/', import.meta.url)), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`core ${label}: ${code.length} bytes minified, ${gzipped} bytes gzip (target ${TARGET_BYTES})`);
}

await measure('every export', "export * from './index.js';");
await measure(
  'sign-in UI import (AuthnClient, parseTransaction, parseOktaError, evaluatePassword)',
  "export { AuthnClient, parseTransaction, parseOktaError, evaluatePassword } from './index.js';",
);
await measure(
  'sign-in UI import plus every export of @okta-authn/core/webauthn',
  "export { AuthnClient, parseTransaction, parseOktaError, evaluatePassword } from './index.js'; export * from './webauthn.js';",
);
await measure('@okta-authn/core/webauthn alone', "export * from './webauthn.js';");
await measure('@okta-authn/core/sessions alone', "export * from './sessions.js';");
await measure(
  'sign-in UI import plus every export of @okta-authn/core/sessions',
  "export { AuthnClient, parseTransaction, parseOktaError, evaluatePassword } from './index.js'; export * from './sessions.js';",
);
