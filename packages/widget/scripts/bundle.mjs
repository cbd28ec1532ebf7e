// Builds the browser build, dist/browser/: the entry okta-authn.js (element, styles, the sign-in
// views, lit, core, English) and a chunk per family of later views in chunks/, which the entry
// imports when a step needs them, relative to its own URL; code shared by chunks goes to
// shared-*.js. Each language catalogue is its own file, i18n/<lang>.js. Minified ESM.
import { build } from 'esbuild';
import { readFile, readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = 'dist/browser';
/** A language catalogue in src/i18n: a BCP 47 tag (`fr.ts`, `pt-BR.ts`, `zh-TW.ts`); English is built in. */
const LANGUAGE_FILE = /^(?!en\.)[a-z]{2,3}(-[A-Z]{2}|-[A-Z][a-z]{3})?\.ts$/;

const entryPoints = { 'okta-authn': 'src/browser.ts' };
const languages = {};
for (const file of await readdir(new URL('../src/chunks/', import.meta.url))) {
  if (file.endsWith('.ts')) entryPoints[`chunks/${file.slice(0, -3)}`] = `src/chunks/${file}`;
}
for (const file of await readdir(new URL('../src/i18n/', import.meta.url))) {
  if (LANGUAGE_FILE.test(file)) languages[`i18n/${file.slice(0, -3)}`] = `src/i18n/${file}`;
}

/** CSS of Lit's css`` templates without comments and indentation (esbuild leaves template text as written). */
function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};>,])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

/** Minifies the style modules' css`` templates. */
const minifyStyles = {
  name: 'minify-css-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/](okta-authn\.styles|styles[\\/][^\\/]+)\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace(/css`([^`]*)`/g, (_match, body) => `css\`${minifyCss(body)}\``), loader: 'ts' };
    });
  },
};

await rm(new URL(`../${outdir}`, import.meta.url), { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  outdir,
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
};
await build({ ...common, entryPoints, chunkNames: 'shared-[hash]', splitting: true, plugins: [minifyStyles] });
// Each language on its own, importing nothing: the element loads `i18n/<tag>.js` beside itself, or a page
// registers it (`registerLocale('de', () => import('…/i18n/de.js'))`). Written as UTF-8, not \u escapes (a
// third smaller); module scripts are always decoded as UTF-8.
await build({ ...common, entryPoints: languages, charset: 'utf8' });
