// The CLI's half of the build, run in the package directory after `tsc`: `okta-authn-sim` ships as
// one ES module file (dist/cli.js) holding the simulator with Express, zod, debug and otpauth, so
// that starting it reads and compiles one file instead of resolving and loading some 300 modules.
// Packages installed more than once at the same version (Express's dependencies bring three
// copies of mime-types and five of statuses) are bundled once, as npm's dedupe would. Two packages
// that Express and body-parser load at start serve only rare requests: mime-types (with its 200 KB
// database; only the QR-code route asks it for a type) and qs (form bodies, which only
// /login/sessionCookieRedirect accepts). In the bundle each is evaluated on its first use. What only
// some requests need and is already imported on first use (@simplewebauthn/server, qrcode) stays
// outside and loads from node_modules when first asked for. The library entries are untouched.
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const manifest = JSON.parse(await readFile('package.json', 'utf8'));
const engine = /(\d+\.\d+)/.exec(manifest.engines?.node ?? '')?.[1] ?? '20.19';
const OUTFILE = join('dist', 'cli.js');
/** CommonJS packages whose exports object is only read inside functions, never while their importers load. */
const ON_FIRST_USE = new Set(['mime-types', 'qs']);
const LAZY = 'on-first-use';

/** The directory and manifest of the package a resolved file belongs to. */
async function packageOf(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const json = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      if (typeof json.name === 'string' && typeof json.version === 'string' && dir.endsWith(join('node_modules', json.name))) return { dir, id: `${json.name}@${json.version}` };
    } catch {
      // no manifest here: look one level up
    }
  }
  return undefined;
}

/**
 * Resolves every file of a package (name@version) to its first copy found, and the entry of an
 * {@link ON_FIRST_USE} package to a stand-in that evaluates it on first use.
 */
const dedupe = {
  name: 'dedupe',
  setup(bundle) {
    const firstCopy = new Map();
    bundle.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'dedupe' || args.kind === 'entry-point') return undefined;
      const resolved = await bundle.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'dedupe' });
      if (resolved.errors.length > 0 || resolved.external || !resolved.path.includes(`${join('node_modules')}`)) return resolved;
      const owner = await packageOf(resolved.path);
      if (owner === undefined) return resolved;
      const first = firstCopy.get(owner.id) ?? owner.dir;
      firstCopy.set(owner.id, first);
      const path = join(first, relative(owner.dir, resolved.path));
      const name = owner.id.slice(0, owner.id.lastIndexOf('@'));
      const lazy = ON_FIRST_USE.has(name) && args.kind === 'require-call' && args.path === name && args.namespace !== LAZY;
      return lazy ? { path: owner.id, namespace: LAZY, pluginData: { path } } : { ...resolved, path };
    });
    // The stand-in: a Proxy that requires the real module when a property is first read.
    bundle.onLoad({ filter: /.*/, namespace: LAZY }, ({ pluginData: { path } }) => ({
      resolveDir: dirname(path),
      loader: 'js',
      contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(path)}));
module.exports = new Proxy({}, {
  get: (_target, key) => load()[key],
  has: (_target, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_target, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`,
    }));
  },
};

const result = await build({
  entryPoints: ['src/cli.ts'],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: `node${engine}`,
  external: ['@simplewebauthn/server', '@simplewebauthn/server/*', 'qrcode'],
  // Bundled CommonJS dependencies require() Node's built-in modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  plugins: [dedupe],
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});
// tsc's source map describes the unbundled cli.js this replaces.
await rm(`${OUTFILE}.map`, { force: true });
const bytes = Object.values(result.metafile.outputs)[0]?.bytes ?? 0;
console.log(`${manifest.name}: ${OUTFILE}, one file of ${(bytes / 1024).toFixed(0)} KB`);
