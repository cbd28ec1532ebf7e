import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo's root. */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** The packages a server app installs, by their folder under packages/. */
export const PACKED = ['core', 'express', 'simulator'] as const;

/** Type declarations a TypeScript app of Express installs beside the packages. */
const TYPES = ['@types/node', '@types/express', '@types/express-session'];

/** Bound on each step (a pack, a compile, an app run): it only turns a hang into a failure; nothing is timed. */
export const STEP_TIMEOUT_MS = 300_000;

/** What a process ended with. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `file` with `args`; never rejects for a non-zero exit (the caller asserts on it), and is killed after {@link STEP_TIMEOUT_MS}, so a hang fails instead of stalling the suite. */
export function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: STEP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr: error && code === null ? `${stderr}\n${error.message}` : stderr });
    });
  });
}

/** The environment without what `npm test` hands its scripts (npm_config_workspace and the like), so the nested npm acts as if typed by hand. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/** A tarball made by `npm pack`, with the files it holds. */
export interface Tarball {
  name: string;
  file: string;
  files: string[];
}

/** `npm pack` of core, express and simulator into `dir`, as they would be published. */
export async function packAll(dir: string): Promise<Tarball[]> {
  await mkdir(dir, { recursive: true });
  const npm = process.env.npm_execpath;
  const args = ['pack', '--json', '--pack-destination', dir, ...PACKED.flatMap((name) => ['--workspace', `packages/${name}`])];
  const result = npm && npm.endsWith('.js') ? await run(process.execPath, [npm, ...args], { cwd: REPO, env: cleanEnv() }) : await run('npm', args, { cwd: REPO, env: cleanEnv() });
  if (result.code !== 0) throw new Error(`npm pack failed (${result.code}): ${result.stderr}`);
  const packed = JSON.parse(result.stdout) as { name: string; filename: string; files: { path: string }[] }[];
  return packed.map((entry) => ({ name: entry.name, file: join(dir, entry.filename), files: entry.files.map((file) => file.path) }));
}

/** Where the monorepo installed `dependency` for the packed packages (a package's own node_modules first, then the root's). */
async function installed(dependency: string): Promise<string> {
  const candidates = [...PACKED.map((name) => join(REPO, 'packages', name, 'node_modules', dependency)), join(REPO, 'node_modules', dependency)];
  const found = candidates.find((candidate) => existsSync(join(candidate, 'package.json')));
  if (!found) throw new Error(`${dependency} is not installed in the monorepo`);
  return realpath(found);
}

/**
 * A fresh project in `dir` with `package.json` of `type`: the tarballs unpacked into
 * node_modules/@okta-authn/<name> as npm would install them, and each third-party dependency they
 * declare (plus Express's type declarations) linked from the monorepo's install, so nothing is
 * fetched from a registry.
 */
export async function createProject(dir: string, type: 'module' | 'commonjs', tarballs: Tarball[]): Promise<void> {
  await mkdir(join(dir, 'node_modules', '@okta-authn'), { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'packed-app', private: true, type }, null, 2)}\n`);
  const dependencies = new Set(TYPES);
  for (const tarball of tarballs) {
    const target = join(dir, 'node_modules', tarball.name);
    await mkdir(target, { recursive: true });
    const unpacked = await run('tar', ['-xzf', tarball.file, '-C', target, '--strip-components=1'], { cwd: dir });
    if (unpacked.code !== 0) throw new Error(`unpacking ${tarball.file} failed: ${unpacked.stderr}`);
    const manifest = JSON.parse(await readFile(join(target, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]) {
      if (!name.startsWith('@okta-authn/')) dependencies.add(name);
    }
  }
  for (const dependency of dependencies) {
    const link = join(dir, 'node_modules', dependency);
    await mkdir(dirname(link), { recursive: true });
    await symlink(await installed(dependency), link, 'dir');
  }
}

/** A new temporary folder, removed by the returned function. */
export async function temporaryDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(await realpath(tmpdir()), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** How an app's source loads the packages: `esm` and `cjs` as JavaScript; `esm-ts` and `cts` as TypeScript compiled to ESM and to CommonJS (import statements, `require.resolve`). */
export type AppStyle = 'esm' | 'cjs' | 'esm-ts' | 'cts';

/**
 * The app every project runs, as its author would write it (valid JavaScript and TypeScript):
 * starts the simulator from its tarball, signs in with core's AuthnClient, exchanges the
 * sessionToken through the middleware in a tiny Express app (GET /auth/csrf, then POST
 * /auth/session with the token in `x-csrf-token`, as the README shows), calls a guarded route, and
 * prints one JSON line of what it saw, with the file `@okta-authn/express` resolved to.
 */
export function appSource(style: AppStyle): string {
  const packages: [names: string, specifier: string][] = [
    ['{ once }', 'node:events'],
    ['express', 'express'],
    ['session', 'express-session'],
    ['{ AuthnClient }', '@okta-authn/core'],
    ['{ OktaSessions }', '@okta-authn/core/sessions'],
    ['{ oktaAuthn, requireSession }', '@okta-authn/express'],
    ['{ startSimulator, DEFAULT_PASSWORD }', '@okta-authn/simulator'],
  ];
  // The WebAuthn entry's types are the browser's (DOM lib): only the JavaScript apps, which need no types, load it.
  if (style !== 'cts' && style !== 'esm-ts') packages.push(['{ creationOptions }', '@okta-authn/core/webauthn']);
  const load = packages.map(([names, specifier]) => (style === 'cjs' ? `const ${names} = require('${specifier}');` : `import ${names} from '${specifier}';`));
  const resolve = style === 'esm' || style === 'esm-ts' ? 'import.meta.resolve' : 'require.resolve';
  const entries = packages.filter(([, specifier]) => specifier.startsWith('@okta-authn/core/')).map(([names]) => `typeof ${names.replace(/[{} ]/g, '')}`);
  const imports = `${load.join('\n')}\nconst resolved = ${resolve}('@okta-authn/express');\n`;
  return `${imports}
const APP_ORIGIN = 'http://app.test';

async function main() {
  const sim = await startSimulator({ port: 0, trustedOrigins: [APP_ORIGIN] });
  const okta = { orgUrl: sim.url, appOrigin: APP_ORIGIN };
  const auth = oktaAuthn(okta);
  const guard = requireSession(okta);
  const app = express();
  app.use(session({ secret: 'packed-tarball-test', resave: false, saveUninitialized: false }));
  app.use('/auth', auth);
  app.get('/api/me', guard, (req, res) => {
    res.json({ login: req.okta?.user.login ?? null });
  });
  const server = app.listen(0, '127.0.0.1');
  try {
    await once(server, 'listening');
    const address = server.address();
    const base = 'http://127.0.0.1:' + (typeof address === 'object' && address ? address.port : 0);

    const tx = await new AuthnClient({ baseUrl: sim.url }).signIn({ username: 'plain@example.test', password: DEFAULT_PASSWORD });
    if (tx.status !== 'SUCCESS' || !tx.sessionToken) throw new Error('sign-in ended in ' + tx.status);

    const csrf = await fetch(base + '/auth/csrf');
    let cookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = JSON.parse(await csrf.text());
    const exchanged = await fetch(base + '/auth/session', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ sessionToken: tx.sessionToken }),
    });
    const answer = JSON.parse(await exchanged.text());
    cookie = (exchanged.headers.get('set-cookie') ?? cookie).split(';')[0] ?? '';
    const me = await fetch(base + '/api/me', { headers: { cookie } });
    console.log(JSON.stringify({
      resolved,
      entries: [${entries.join(', ')}],
      exchange: exchanged.status,
      login: answer.user?.login ?? null,
      session: answer.session?.status ?? null,
      guarded: me.status,
      me: JSON.parse(await me.text()).login ?? null,
    }));
  } finally {
    server.close();
    await Promise.all([auth.close(), guard.close(), sim.close()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}
