// The widget's bench: what the browser build weighs and how soon a person can use it, each figure
// printed next to its target. Sizes come from dist/browser (gzip level 9); times from headless
// Chromium against a real simulator, every file served gzipped from a loopback server, cold cache
// (a new browser context per run), alternating runs of <okta-authn> and Okta's classic widget, each
// pair with a page that shows the input and nothing else: the floor every page pays (a new tab,
// parsing, the first frame), against which the ratio is also given net; and with the least any
// element loaded by a `<script type="module">` can do (one request, one input in a shadow root).
//
//   npm run build -w packages/widget && npm run bench -w packages/widget
//   BENCH_PAIRS=15 npm run bench          more alternating pairs (default 9)
//   BENCH_BASELINE=<dir> npm run bench    also time "Sign in" → MFA on an earlier build (a dist/browser
//                                         folder), alternating with this one, to compare like with like
import { startSimulator, DEFAULT_PASSWORD } from '@okta-authn/simulator';
import { readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.mjs';
import { BROWSER_DIR, ENTRY, browserFiles, measureSizes } from './build-files.mjs';

const KB = 1024;
const TARGETS = { entryBytes: 25 * KB, totalBytes: 50 * KB, ratio: 0.12 };
const PAIRS = Math.max(7, Number(process.env.BENCH_PAIRS ?? 9));
const MFA_RUNS = Math.max(7, Number(process.env.BENCH_MFA_RUNS ?? 9));
const BASELINE = process.env.BENCH_BASELINE;
const require = createRequire(import.meta.url);
const CLASSIC_DIR = join(dirname(require.resolve('@okta/okta-signin-widget/package.json')), 'dist');
const CLASSIC_FILES = { '/classic/okta-sign-in.js': join(CLASSIC_DIR, 'js/okta-sign-in.classic.min.js'), '/classic/okta-sign-in.css': join(CLASSIC_DIR, 'css/okta-sign-in.min.css') };

/** A loopback server for our page and the classic widget's page, every file gzipped once up front; `fill` adds them once the simulator's URL is known. */
async function startPages() {
  const assets = new Map();
  const server = createServer((request, response) => {
    const asset = assets.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!asset) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': asset.type, 'Content-Encoding': 'gzip', 'Content-Length': asset.body.length, 'Cache-Control': 'no-cache' }).end(asset.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}`, fill: (simulatorUrl) => fillPages(assets, simulatorUrl) };
}

async function fillPages(assets, simulatorUrl) {
  const add = (path, body, type) => assets.set(path, { body: gzipSync(body, { level: 9 }), type });
  for (const file of await browserFiles()) {
    if (file.endsWith('.js')) add(`/widget/${file}`, await readFile(join(BROWSER_DIR, file)), 'text/javascript; charset=utf-8');
  }
  for (const [path, file] of Object.entries(CLASSIC_FILES)) add(path, await readFile(file), path.endsWith('.css') ? 'text/css' : 'text/javascript; charset=utf-8');
  add('/classic/start.js', `new OktaSignIn({ baseUrl: ${JSON.stringify(simulatorUrl)}, el: '#widget', useClassicEngine: true }).renderEl({ el: '#widget' }, function () {}, function () {});`, 'text/javascript');
  const html = (head, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>${head}</head><body><main>${body}</main></body></html>`;
  const element = `<okta-authn base-url="${simulatorUrl}" no-remember-me></okta-authn>`;
  add('/ours', html(`<script type="module" src="/widget/${ENTRY}"></script>`, element), 'text/html');
  if (BASELINE) {
    for (const file of await readdir(BASELINE, { recursive: true })) {
      if (file.endsWith('.js')) add(`/before/${file.split('\\').join('/')}`, await readFile(join(BASELINE, file)), 'text/javascript; charset=utf-8');
    }
    add('/baseline', html(`<script type="module" src="/before/${ENTRY}"></script>`, element), 'text/html');
  }
  // The floor: a page with nothing but the input, to read the two times against.
  add('/floor', html('', '<input name="username" aria-label="Username">'), 'text/html');
  // The least any element loaded by a module script can do: one request, then one input in a shadow root.
  add('/least/element.js', "customElements.define('okta-authn', class extends HTMLElement { connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<input name=\"username\" aria-label=\"Username\">'; } });", 'text/javascript');
  add('/least', html('<script type="module" src="/least/element.js"></script>', '<okta-authn></okta-authn>'), 'text/html');
  add('/classic', html('<link rel="stylesheet" href="/classic/okta-sign-in.css"><script src="/classic/okta-sign-in.js"></script>', '<div id="widget"></div><script src="/classic/start.js"></script>'), 'text/html');
}

/**
 * Runs in the page before any of its scripts: on every frame, looks for the username input (in the
 * light DOM or in `<okta-authn>`'s shadow root) and records when it is present, visible and enabled,
 * with the gzip bytes of every script and style fetched by then.
 */
function watchForForm() {
  const find = () => document.querySelector('input[name="username"]') ?? document.querySelector('okta-authn')?.shadowRoot?.querySelector('input[name="username"]');
  const tick = () => {
    const input = find();
    const box = input?.getBoundingClientRect();
    if (input && !input.disabled && box.width > 0 && box.height > 0 && getComputedStyle(input).visibility !== 'hidden') {
      const fetched = performance.getEntriesByType('resource').filter((entry) => /\.(js|css)$/.test(new URL(entry.name).pathname));
      window.__usable = { ms: performance.now(), bytes: fetched.reduce((total, entry) => total + entry.encodedBodySize, 0) };
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Opens `path` in a fresh context (cold cache) and resolves when its sign-in form is usable. */
async function firstForm(browser, origin, path, then) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchForForm);
    await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__usable !== undefined, undefined, { polling: 100, timeout: 60_000 });
    const usable = await page.evaluate(() => window.__usable);
    return { ...usable, after: then ? await then(page) : undefined };
  } finally {
    await context.close();
  }
}

/**
 * On our page once the form is usable: types a question-MFA user's credentials, lets the page idle
 * (a person takes that long to type), then times pressing "Sign in" until the MFA view's answer field shows.
 */
async function signInToMfa(page) {
  const host = page.locator('okta-authn');
  await host.locator('input[name="username"]').fill('question.mfa@example.test');
  await host.locator('input[name="password"]').fill(DEFAULT_PASSWORD);
  await page.waitForTimeout(1500);
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const root = document.querySelector('okta-authn').shadowRoot ?? document.querySelector('okta-authn');
        const submit = root.querySelector('form button[type="submit"]');
        const started = performance.now();
        const deadline = started + 30_000;
        const tick = () => {
          const answer = root.querySelector('input[name="answer"]');
          if (answer && answer.getBoundingClientRect().width > 0) return resolve(performance.now() - started);
          if (performance.now() > deadline) return reject(new Error(`no MFA view: ${root.textContent}`));
          requestAnimationFrame(tick);
        };
        submit.click();
        requestAnimationFrame(tick);
      }),
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const line = (label, value, target, ok) => console.log(`${label.padEnd(52)} ${value.padStart(12)}   target ${target.padEnd(12)} ${ok ? 'ok' : 'MISSED'}`);

const sizes = await measureSizes();
const pages = await startPages();
const sim = await startSimulator({ port: 0, host: '127.0.0.1', trustedOrigins: [pages.origin] });
await pages.fill(sim.url.replace(/\/+$/, ''));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  // One untimed run of each first: the browser process and the servers warm up.
  await firstForm(browser, pages.origin, '/ours');
  await firstForm(browser, pages.origin, '/classic');
  const ours = [];
  const classic = [];
  const floor = [];
  const least = [];
  const ratios = [];
  const netRatios = [];
  let fetchedBeforeForm = 0;
  for (let pair = 0; pair < PAIRS; pair += 1) {
    const first = pair % 2 === 0 ? 'ours' : 'classic';
    const a = await firstForm(browser, pages.origin, `/${first}`);
    const b = await firstForm(browser, pages.origin, `/${first === 'ours' ? 'classic' : 'ours'}`);
    const [mine, theirs] = first === 'ours' ? [a, b] : [b, a];
    ours.push(mine.ms);
    classic.push(theirs.ms);
    ratios.push(mine.ms / theirs.ms);
    fetchedBeforeForm = mine.bytes;
    const bare = (await firstForm(browser, pages.origin, '/floor')).ms;
    floor.push(bare);
    least.push((await firstForm(browser, pages.origin, '/least')).ms);
    // What each adds to a page that shows the input with no script at all (opening a tab, parsing, the first frame).
    netRatios.push(Math.max(0, mine.ms - bare) / Math.max(1, theirs.ms - bare));
  }
  const mfa = [];
  const mfaBefore = [];
  for (let run = 0; run < MFA_RUNS; run += 1) {
    mfa.push((await firstForm(browser, pages.origin, '/ours', signInToMfa)).after);
    if (BASELINE) mfaBefore.push((await firstForm(browser, pages.origin, '/baseline', signInToMfa)).after);
  }

  console.log(`widget bench: ${sizes.files} files in dist/browser (${sizes.entryFiles} before the first form), ${sizes.languages} other-language files, ${PAIRS} alternating pairs\n`);
  line('bytes before the sign-in form is usable (gzip, build)', kb(sizes.entryBytes), `≤ ${kb(TARGETS.entryBytes)}`, sizes.entryBytes <= TARGETS.entryBytes);
  line('  as fetched by Chromium (gzip bodies)', kb(fetchedBeforeForm), `≤ ${kb(TARGETS.entryBytes)}`, fetchedBeforeForm <= TARGETS.entryBytes);
  line('everything the element can load, English (gzip)', kb(sizes.totalBytes), `≤ ${kb(TARGETS.totalBytes)}`, sizes.totalBytes <= TARGETS.totalBytes);
  line('first usable form, ours / classic (median ratio)', median(ratios).toFixed(3), `≤ ${TARGETS.ratio}`, median(ratios) <= TARGETS.ratio);
  line('  net of a bare page: what each adds to it (median)', median(netRatios).toFixed(3), `≤ ${TARGETS.ratio}`, median(netRatios) <= TARGETS.ratio);
  line('  a bare page / classic: the floor of the ratio here', (median(floor) / median(classic)).toFixed(3), '', true);
  line('  a one-input module-script element / classic', (median(least) / median(classic)).toFixed(3), '', true);
  line('  ours (median)', `${median(ours).toFixed(0)} ms`, '', true);
  line('  classic widget (median)', `${median(classic).toFixed(0)} ms`, '', true);
  line('  a page with only the input (median)', `${median(floor).toFixed(0)} ms`, '', true);
  line('  a module-script element with only the input (median)', `${median(least).toFixed(0)} ms`, '', true);
  if (BASELINE) line('"Sign in" to the MFA view, warm page (median)', `${median(mfa).toFixed(0)} ms`, `≤ ${median(mfaBefore).toFixed(0)} ms`, median(mfa) <= median(mfaBefore));
  else line('"Sign in" to the MFA view, warm page (median)', `${median(mfa).toFixed(0)} ms`, 'no slower', true);
  if (BASELINE) line('  the baseline build, alternating (median)', `${median(mfaBefore).toFixed(0)} ms`, '', true);
  console.log(`\nratios: ${ratios.map((ratio) => ratio.toFixed(3)).join(' ')}\nnet ratios: ${netRatios.map((ratio) => ratio.toFixed(3)).join(' ')}\nload average: ${loadavg().map((load) => load.toFixed(2)).join(' ')}\nmfa ms: ${mfa.map((ms) => ms.toFixed(0)).join(' ')}${BASELINE ? `\nbaseline mfa ms: ${mfaBefore.map((ms) => ms.toFixed(0)).join(' ')}` : ''}`);
} finally {
  await browser.close();
  pages.server.close();
  await sim.close();
}
