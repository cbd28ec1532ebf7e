// Builds the browser build, dist/browser/, from tsc's output in dist/: the entry okta-authn.js (the
// element, styles, the sign-in views, lit, the error classes, the sign-in English: all one file, so
// the first form waits on one request) and a chunk per family of later views in chunks/, loaded when
// a step needs them. Rollup keeps what the entry already has in the entry, and the chunks import it
// from there; code only chunks share goes to shared-*.js. Each language catalogue comes in two files,
// i18n/<lang>.js (the sign-in form's) and i18n/steps/<lang>.js (the rest). Minified ESM.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { minify as terser } from 'terser';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = join(root, 'dist');
const outdir = join(root, 'dist/browser');
/** A language catalogue: a BCP 47 tag (`fr.js`, `pt-BR.js`, `zh-TW.js`); English is built in. */
const LANGUAGE_FILE = /^(?!en\.)[a-z]{2,3}(-[A-Z]{2}|-[A-Z][a-z]{3})?\.js$/;
const TARGET = 'es2022';

/** CSS of Lit's css`` templates without comments and indentation (tsc leaves template text as written). */
function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};>,])\s*/g, '$1')
    // After a colon only: a space before one is a descendant combinator (`.a :focus`).
    .replace(/:\s+/g, ':')
    // Quotes around an attribute selector's plain value (`[theme='dark']`), the zero before a decimal point.
    .replace(/\[([\w-]+~?=)'([\w-]+)'\]/g, '[$1$2]')
    .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
    .replace(/;}/g, '}')
    .trim();
}

/** Minifies the style modules' css`` templates. */
const minifyStyles = {
  name: 'minify-css-templates',
  transform(code, id) {
    if (!/[\\/]dist[\\/](okta-authn\.styles|styles[\\/][^\\/]+)\.js$/.test(id)) return null;
    return { code: code.replace(/css\s*`([^`]*)`/g, (_match, body) => `css\`${minifyCss(body)}\``), map: null };
  },
};

/**
 * Minifies each output file: esbuild settles `process.env.NODE_ENV` for dependencies that read it and
 * minifies, then terser's second look (three passes) takes another ~3% off what the person downloads.
 */
const minify = {
  name: 'minify',
  async renderChunk(code) {
    const first = await transform(code, {
      minify: true,
      format: 'esm',
      target: TARGET,
      sourcemap: true,
      legalComments: 'eof',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const second = await terser(first.code, {
      module: true,
      ecma: 2020,
      compress: { passes: 3 },
      format: { comments: /^!|@license|@preserve/ },
      sourceMap: { content: first.map, asObject: true },
    });
    return { code: second.code, map: second.map };
  },
};

/**
 * Where each module goes, from a first, unwritten split (the chunks as the `import()`s of the entry
 * make them): the entry's modules stay in the entry and each chunk's in its chunk; what the client
 * shares with later steps goes into `chunks/client.js` (loaded as soon as the first form shows), and
 * what later steps share (their English, the factor step frame, countdowns, icons, phone numbers)
 * into `chunks/factors.js` (loaded while the person types on the sign-in form). Every file pays gzip's
 * header and starts its dictionary from nothing: a few whole files weigh less than many slivers.
 * Every module is named: Rollup pulls a module's static imports (an index's, whether used or not)
 * into its group unless they have one of their own.
 */
async function regroup(input) {
  const first = await rollup({ ...ROLLUP, input });
  const { output } = await first.generate({ format: 'es', chunkFileNames: 'shared-[hash].js' });
  await first.close();
  const chunks = output.filter((file) => file.type === 'chunk');
  const client = chunks.find((chunk) => chunk.facadeModuleId === join(compiled, 'chunks/client.js'));
  const group = new Map();
  const chunkInputs = {};
  for (const chunk of chunks) {
    const facade = chunk.facadeModuleId && relative(compiled, chunk.facadeModuleId).split(sep).join('/');
    const name = chunk.isEntry ? 'okta-authn' : chunk.isDynamicEntry && facade?.startsWith('chunks/') ? facade.replace(/\.js$/, '') : client?.imports.includes(chunk.fileName) ? 'chunks/client' : 'chunks/factors';
    for (const id of Object.keys(chunk.modules)) group.set(id, name);
    if (name.startsWith('chunks/') && chunk.facadeModuleId && chunk.isDynamicEntry) chunkInputs[name] = chunk.facadeModuleId;
  }
  return { group, chunkInputs };
}

/** Rollup's options for both passes. */
const ROLLUP = {
  // An entry may export more than its own API: later chunks import what the entry or `chunks/factors.js` has from it.
  preserveEntrySignatures: 'allow-extension',
  plugins: [nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }), minifyStyles],
  onwarn(warning, warn) {
    // zod's own comments and module cycle: nothing of ours to act on.
    if ((warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY') && /node_modules/.test(warning.id ?? warning.ids?.[0] ?? '')) return;
    warn(warning);
  },
};

await rm(outdir, { recursive: true, force: true });
const entry = { 'okta-authn': join(compiled, 'browser.js') };
const { group, chunkInputs } = await regroup(entry);
// The chunks the entry imports are entries of the written build (the element `import()`s each by its
// file name): each keeps its exports under their own names, however much of what later chunks share
// it also carries.
const bundle = await rollup({ ...ROLLUP, input: { ...entry, ...chunkInputs } });
await bundle.write({
  dir: outdir,
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: 'shared-[hash].js',
  manualChunks: (id) => group.get(id),
  sourcemap: true,
  plugins: [minify],
});
await bundle.close();

// Each language in two files, importing nothing: `i18n/<tag>.js`, what the sign-in form says (the keys of
// English's sign-in part), which the element loads before it shows the language; and `i18n/steps/<tag>.js`,
// every later step's, which the first one's `steps()` fetches at once while the person types. A page may
// also register a catalogue itself (`registerLocale('de', () => import('…/i18n/de.js'))`). Written as UTF-8,
// not \u escapes (a third smaller); module scripts are always decoded as UTF-8.
const { enSignIn } = await import(pathToFileURL(join(compiled, 'i18n/en-sign-in.js')).href);
const firstKeys = new Set(Object.keys(enSignIn));
await mkdir(join(outdir, 'i18n/steps'), { recursive: true });
/** Minified ESM of `source`, as UTF-8. */
const minified = async (source) => (await transform(source, { minify: true, format: 'esm', target: TARGET, charset: 'utf8', legalComments: 'none' })).code;
for (const file of await readdir(join(compiled, 'i18n'))) {
  if (!LANGUAGE_FILE.test(file)) continue;
  const { default: catalogue } = await import(pathToFileURL(join(compiled, 'i18n', file)).href);
  const entries = Object.entries(catalogue);
  const first = Object.fromEntries(entries.filter(([key]) => firstKeys.has(key)));
  const steps = Object.fromEntries(entries.filter(([key]) => !firstKeys.has(key)));
  await writeFile(join(outdir, 'i18n', file), await minified(`export const steps = () => import(${JSON.stringify(`./steps/${file}`)});\nexport default ${JSON.stringify(first)};`));
  await writeFile(join(outdir, 'i18n/steps', file), await minified(`export default ${JSON.stringify(steps)};`));
}
