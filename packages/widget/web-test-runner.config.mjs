// Browser tests: real Chromium (Debian's), TypeScript through esbuild, and one real
// @okta-authn/simulator per run, started here and handed to the tests by URL.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/chromium.mjs';

const API_TOKEN = 'widget-tests-api-token';

const sessionPosts = [];

/** A stand-in for the app's session route: records each POST so tests can read what the element sent. */
async function sessionEndpoint(ctx, next) {
  if (ctx.path === '/__widget-test/session' && ctx.method === 'POST') {
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    sessionPosts.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: ctx.headers });
    ctx.status = ctx.query.fail ? 500 : 200;
    ctx.type = 'json';
    ctx.body = JSON.stringify({ ok: !ctx.query.fail });
    return;
  }
  if (ctx.path === '/__widget-test/session-log') {
    ctx.type = 'json';
    ctx.body = JSON.stringify(sessionPosts.splice(0));
    return;
  }
  await next();
}

/**
 * The element loads a shipped catalogue as `i18n/<tag>.js` beside its module; in these tests that
 * module is TypeScript source, so the catalogue is served from `src/i18n/<tag>.ts`. The language
 * named by the cookie `missing-catalogue` answers 404, like a deployment that left its file out.
 */
async function catalogueSources(ctx, next) {
  const match = /^(.*\/packages\/widget\/src\/i18n\/([A-Za-z-]+))\.js$/.exec(ctx.path);
  if (!match) return next();
  // Never from the browser's cache: another test file may have loaded the catalogue this one wants to miss.
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Vary', 'Cookie');
  if (ctx.cookies.get('missing-catalogue') === match[2]) {
    ctx.status = 404;
    return undefined;
  }
  ctx.url = `${match[1]}.ts`;
  await next();
  ctx.set('Cache-Control', 'no-store');
  return undefined;
}

/** Starts the simulator when the test server starts; serves its URL; runs management calls for tests. */
function simulatorPlugin() {
  let simulator;
  let origins = [];
  const ensure = async () => {
    if (simulator) return simulator;
    const { startSimulator } = await import('@okta-authn/simulator');
    simulator = await startSimulator({ port: 0, host: '127.0.0.1', apiToken: API_TOKEN, trustedOrigins: origins, devControls: true });
    return simulator;
  };
  return {
    name: 'okta-authn-simulator',
    async serverStart({ config }) {
      origins = [`http://${config.hostname ?? 'localhost'}:${config.port}`, `http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
    },
    async serverStop() {
      await simulator?.close();
      simulator = undefined;
    },
    async serve(context) {
      if (context.path !== '/__widget-test/simulator.json') return undefined;
      const { url } = await ensure();
      return { body: JSON.stringify({ url }), type: 'json' };
    },
    async executeCommand({ command, payload }) {
      if (command !== 'sim-request') return undefined;
      const { url } = await ensure();
      const response = await fetch(new URL(payload.path, url), {
        method: payload.method ?? 'GET',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `SSWS ${API_TOKEN}` },
        body: payload.body === undefined ? undefined : JSON.stringify(payload.body),
      });
      const text = await response.text();
      let body;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      return { status: response.status, body };
    },
  };
}

export default {
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  files: [fileURLToPath(new URL('./test/browser/**/*.test.ts', import.meta.url))],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  // Generous per-file limit: flows wait on real push/polling timers and share a 2-core CI machine.
  testsFinishTimeout: 300_000,
  middleware: [sessionEndpoint, catalogueSources],
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    simulatorPlugin(),
    // Screenshot tests (test/browser/screenshots.test.ts): baselines committed, failures and diffs git-ignored.
    visualRegressionPlugin({
      update: process.argv.includes('--update-visual-baseline'),
      baseDir: fileURLToPath(new URL('./test/screenshots', import.meta.url)),
      getBaselineName: ({ name }) => `baseline/${name}`,
      getFailedName: ({ name }) => `failed/${name}`,
      getDiffName: ({ name }) => `failed/${name}-diff`,
      // A pixel counts as changed past pixelmatch's 0.1 colour distance (anti-aliased edges apart);
      // a picture (the four looks of a view, ≈ 1590 × 500 px) fails past 0.05 % changed pixels: a card 4 px
      // narrower changes 0.7–2.6 %, a change of height fails outright.
      diffOptions: { threshold: 0.1 },
      failureThreshold: 0.05,
      failureThresholdType: 'percent',
    }),
  ],
};
