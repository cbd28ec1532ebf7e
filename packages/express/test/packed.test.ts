// The packages as users get them: `npm pack` of core, express and simulator, unpacked into fresh
// projects (no registry: third-party dependencies are linked from the monorepo's install), then an
// ES module app, a CommonJS app and TypeScript builds (node16, nodenext and bundler resolution,
// CommonJS and ESM files) each sign in against the packed simulator and exchange the sessionToken
// through the packed middleware.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Run, Tarball } from './helpers/packed.js';
import { REPO, STEP_TIMEOUT_MS, appSource, createProject, packAll, run, temporaryDir } from './helpers/packed.js';

const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
/** A test's timeout: its steps' bounds plus a minute for unpacking; a hang fails, nothing is timed. */
const timeout = (steps: number) => steps * STEP_TIMEOUT_MS + 60_000;

let tmp: Awaited<ReturnType<typeof temporaryDir>>;
let tarballs: Tarball[];

beforeAll(async () => {
  tmp = await temporaryDir('okta-authn-packed-');
  tarballs = await packAll(join(tmp.path, 'tarballs'));
}, timeout(1));

afterAll(async () => {
  await tmp?.remove();
});

/** A fresh project named `name` of package `type`. */
async function project(name: string, type: 'module' | 'commonjs'): Promise<string> {
  const dir = join(tmp.path, name);
  await createProject(dir, type, tarballs);
  return dir;
}

/** Runs the app `file` in `dir` with Node and answers the JSON line it printed. */
async function runApp(dir: string, file: string): Promise<Record<string, unknown>> {
  const result = await run(process.execPath, [file], { cwd: dir });
  expect(result.code, `${file} failed:\n${result.stderr}`).toBe(0);
  expect(result.stderr).not.toMatch(/ExperimentalWarning|DeprecationWarning/);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Record<string, unknown>;
}

/** What every app must have seen: a sign-in exchanged for an app session bound to an ACTIVE Okta session, loaded from the entry of its module system. */
function expectSignedIn(seen: Record<string, unknown>, format: 'esm' | 'cjs'): void {
  expect(seen).toMatchObject({
    exchange: 200,
    login: 'plain@example.test',
    session: 'ACTIVE',
    guarded: 200,
    me: 'plain@example.test',
  });
  expect(seen.entries).toEqual(expect.arrayContaining(['function']));
  expect((seen.entries as unknown[]).every((type) => type === 'function')).toBe(true);
  expect(String(seen.resolved)).toMatch(format === 'cjs' ? /\/node_modules\/@okta-authn\/express\/dist\/cjs\/index\.js$/ : /\/node_modules\/@okta-authn\/express\/dist\/index\.js$/);
}

/** Compiles the project in `dir` with the monorepo's TypeScript and `compilerOptions`. */
async function tsc(dir: string, files: string[], compilerOptions: Record<string, unknown>): Promise<Run> {
  const config = {
    compilerOptions: { strict: true, target: 'es2022', lib: ['es2023'], types: ['node'], esModuleInterop: true, skipLibCheck: true, outDir: 'out', ...compilerOptions },
    files,
  };
  await writeFile(join(dir, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
  return run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: dir });
}

describe('the packed packages in fresh projects', () => {
  test('each tarball ships its build only (no sources, tests or source maps) with a CommonJS copy of every entry', () => {
    expect(tarballs.map((tarball) => tarball.name).sort()).toEqual(['@okta-authn/core', '@okta-authn/express', '@okta-authn/simulator']);
    for (const { name, files } of tarballs) {
      expect(files.filter((file) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(file)), name).toEqual([]);
      expect(files.filter((file) => /\.map$|\.test\.|\.ts$(?<!\.d\.ts)/.test(file)), name).toEqual([]);
      expect(files, name).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/cjs/package.json', 'dist/cjs/index.js', 'dist/cjs/index.d.ts']));
    }
    const core = tarballs.find((tarball) => tarball.name === '@okta-authn/core')!;
    expect(core.files).toEqual(expect.arrayContaining(['dist/cjs/sessions.js', 'dist/cjs/sessions.d.ts', 'dist/cjs/webauthn.js', 'dist/cjs/webauthn.d.ts']));
  });

  test('an ES module app (import) signs in and gets an app session', async () => {
    const dir = await project('esm-app', 'module');
    await writeFile(join(dir, 'app.js'), appSource('esm'));
    expectSignedIn(await runApp(dir, 'app.js'), 'esm');
  }, timeout(1));

  test('a CommonJS app (require) loads the CommonJS build, signs in and gets an app session', async () => {
    const dir = await project('cjs-app', 'commonjs');
    await writeFile(join(dir, 'app.js'), appSource('cjs'));
    expectSignedIn(await runApp(dir, 'app.js'), 'cjs');
  }, timeout(1));

  test('TypeScript module node16: a CommonJS (.cts) and an ESM (.mts) file type-check against the packed types, build and sign in', async () => {
    const dir = await project('ts-node16', 'commonjs');
    await writeFile(join(dir, 'app.cts'), appSource('cts'));
    await writeFile(join(dir, 'app.mts'), appSource('esm-ts'));
    // skipLibCheck off here: the packed declarations themselves must compile in a Node project (no DOM lib).
    const built = await tsc(dir, ['app.cts', 'app.mts'], { module: 'node16', moduleResolution: 'node16', skipLibCheck: false });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expectSignedIn(await runApp(dir, 'out/app.cjs'), 'cjs');
    expectSignedIn(await runApp(dir, 'out/app.mjs'), 'esm');
  }, timeout(3));

  test('TypeScript module nodenext: CommonJS and ESM files type-check against the packed types', async () => {
    const dir = await project('ts-nodenext', 'module');
    await writeFile(join(dir, 'app.cts'), appSource('cts'));
    await writeFile(join(dir, 'app.mts'), appSource('esm-ts'));
    const checked = await tsc(dir, ['app.cts', 'app.mts'], { module: 'nodenext', moduleResolution: 'nodenext', noEmit: true });
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  }, timeout(1));

  test('TypeScript bundler resolution (module preserve) type-checks, builds and signs in', async () => {
    const dir = await project('ts-bundler', 'module');
    await writeFile(join(dir, 'app.ts'), appSource('esm-ts'));
    const built = await tsc(dir, ['app.ts'], { module: 'preserve', moduleResolution: 'bundler' });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expectSignedIn(await runApp(dir, 'out/app.js'), 'esm');
  }, timeout(2));
});
