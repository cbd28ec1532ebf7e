// Builds the browser build, dist/browser/: the entry okta-authn.js (element, styles, the sign-in
// views, lit, core, English) and a chunk per family of later views in chunks/, which the entry
// imports when a step needs them, relative to its own URL; code shared by chunks goes to
// shared-*.js. Each language catalogue is its own file, i18n/<lang>.js. Minified ESM.
import { build } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = 'dist/browser';
/** src/i18n files that are not a language of their own. */
const NOT_LANGUAGES = new Set(['index.ts', 'en.ts', 'en-factors.ts']);

const entryPoints = { 'okta-authn': 'src/browser.ts' };
for (const file of await readdir(new URL('../src/chunks/', import.meta.url))) {
  if (file.endsWith('.ts')) entryPoints[`chunks/${file.slice(0, -3)}`] = `src/chunks/${file}`;
}
for (const file of await readdir(new URL('../src/i18n/', import.meta.url))) {
  if (file.endsWith('.ts') && !NOT_LANGUAGES.has(file)) entryPoints[`i18n/${file.slice(0, -3)}`] = `src/i18n/${file}`;
}

await rm(new URL(`../${outdir}`, import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  chunkNames: 'shared-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'eof',
  tsconfig: 'tsconfig.build.json',
  conditions: ['browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
