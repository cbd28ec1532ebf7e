// Builds the one-file browser bundle: element + registration + lit + core + English, minified ESM.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/browser.ts'],
  outfile: 'dist/browser/okta-authn.js',
  bundle: true,
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
