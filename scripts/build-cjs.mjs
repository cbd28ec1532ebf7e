// The CommonJS half of a package's build, run in the package directory after `tsc`: every ES module
// in dist/ is rewritten to CommonJS under dist/cjs/ (one file per module, so the package's entries
// share one copy of each module, as they do in ESM), next to a copy of its declarations, with a
// package.json that makes Node and TypeScript read that folder as CommonJS. Files named in `bin`
// stay ESM-only. Dynamic imports become require() too, so CommonJS-only loaders (Jest) can run it.
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { transform } from 'esbuild';

const DIST = 'dist';
const OUT = join(DIST, 'cjs');
const manifest = JSON.parse(await readFile('package.json', 'utf8'));
const bins = new Set(Object.values(typeof manifest.bin === 'string' ? { main: manifest.bin } : (manifest.bin ?? {})).map((file) => join(file)));
const engine = /(\d+\.\d+)/.exec(manifest.engines?.node ?? '')?.[1] ?? '20.19';

/** Every file under `dir`, as paths relative to dist/, skipping dist/cjs itself. */
async function filesUnder(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === OUT) continue;
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

await rm(OUT, { recursive: true, force: true });
let modules = 0;
for (const path of await filesUnder(DIST)) {
  if (bins.has(path.replace(/\.d\.ts$/, '.js'))) continue;
  const target = join(OUT, relative(DIST, path));
  if (path.endsWith('.js')) {
    const source = await readFile(path, 'utf8');
    const { code } = await transform(source, {
      format: 'cjs',
      platform: 'node',
      target: `node${engine}`,
      supported: { 'dynamic-import': false },
      sourcefile: path.split(sep).join('/'),
    });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'));
    modules += 1;
  } else if (path.endsWith('.d.ts')) {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, (await readFile(path, 'utf8')).replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'));
  } else if (path.endsWith('.json')) {
    await mkdir(dirname(target), { recursive: true });
    await copyFile(path, target);
  }
}
await writeFile(join(OUT, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
console.log(`${manifest.name}: ${modules} modules as CommonJS in ${OUT}`);
