import { DEFAULT_PASSWORD, startSimulator } from '@okta-authn/simulator';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_DIR, entryFiles, staticGraph } from '../../scripts/build-files.mjs';
import { en } from '../../src/i18n/en.js';
import { enSignIn } from '../../src/i18n/en-sign-in.js';
import de from '../../src/i18n/de.js';
import { shippedTags } from '../../src/i18n/shipped.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { serveBrowserBuild } from './browser-build.js';
import type { BuildServer } from './browser-build.js';

/** The authn client's chunk: not needed to show the first form, requested as soon as it shows. */
const CLIENT_CHUNK = 'chunks/client.js';

/** The file of the browser build a request is for (`chunks/factors.js`), or `undefined` when it is not one. */
function buildFile(url: string): string | undefined {
  const { pathname } = new URL(url);
  return pathname.startsWith('/widget/') ? pathname.slice('/widget/'.length) : undefined;
}

describe('the browser build: the entry first, every later step on demand', () => {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  let server: BuildServer;
  let browser: Browser;
  let entry: Set<string>;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
    const csp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${new URL(simulator.url).origin}`;
    const page =
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chunks</title><script type="module" src="/widget/okta-authn.js"></script></head>` +
      `<body><main><okta-authn base-url="${simulator.url}" no-remember-me></okta-authn></main></body></html>`;
    server = await serveBrowserBuild({ '/': page }, { 'Content-Security-Policy': csp });
    entry = await entryFiles();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await simulator?.close();
  });

  /** Opens the page in a fresh context (cold cache); `route` decides for each request of the build: serve it or fail it. */
  async function open(route: (file: string) => boolean): Promise<{ page: Page; served: string[]; failed: string[]; violations: () => Promise<string[]>; close: () => Promise<void> }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const served: string[] = [];
    const failed: string[] = [];
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.route(`${server.origin}/widget/**`, async (request) => {
      const file = buildFile(request.request().url()) ?? '';
      if (route(file)) {
        served.push(file);
        await request.continue();
      } else {
        failed.push(file);
        await request.abort('connectionfailed');
      }
    });
    await page.goto(`${server.origin}/`);
    return {
      page,
      served,
      failed,
      violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
      close: () => context.close(),
    };
  }

  async function signIn(page: Page, login: string): Promise<void> {
    await page.locator('okta-authn input[name="username"]').fill(login);
    await page.locator('okta-authn input[name="password"]').fill(DEFAULT_PASSWORD);
    await page.locator('okta-authn input[name="password"]').press('Enter');
  }

  test('with every view chunk blocked, a password-only user signs in: the entry and the client it sends for once the form shows are enough', async () => {
    const client = await staticGraph(CLIENT_CHUNK);
    const run = await open((file) => entry.has(file) || client.has(file.split('?')[0]!));
    try {
      await signIn(run.page, 'plain@example.test');
      await run.page.locator('okta-authn [part="title"]', { hasText: 'You are signed in' }).waitFor();
      expect(run.served.filter((file) => !entry.has(file)).sort()).toEqual([...client].filter((file) => !entry.has(file)).sort());
      expect(run.served).toContain('okta-authn.js');
      expect(await run.violations()).toEqual([]);
    } finally {
      await run.close();
    }
  });

  test('the factors chunk (MFA) that fails to load shows the network error with "Try again", which loads it once it can be fetched', async () => {
    let factorsReachable = false;
    const run = await open((file) => factorsReachable || !file.startsWith('chunks/factors.js'));
    try {
      await signIn(run.page, 'question.mfa@example.test');
      const alert = run.page.locator('okta-authn [part="error"]');
      await alert.filter({ hasText: 'We could not reach the sign-in service.' }).waitFor();
      expect(run.failed.some((file) => file.startsWith('chunks/factors.js'))).toBe(true);
      const retry = run.page.locator('okta-authn [part~="retry"]');
      expect(await retry.isVisible()).toBe(true);

      factorsReachable = true;
      await retry.click();
      await run.page.locator('okta-authn [part="title"]', { hasText: 'Answer your security question' }).waitFor();
      expect(await alert.count()).toBe(0);
      await run.page.locator('okta-authn input[name="answer"]').fill('mayonnaise');
      await run.page.locator('okta-authn input[name="answer"]').press('Enter');
      await run.page.locator('okta-authn [part="title"]', { hasText: 'You are signed in' }).waitFor();
      expect(await run.violations()).toEqual([]);
    } finally {
      await run.close();
    }
  });

  test('a client chunk that fails to load: pressing Sign in shows the network error with "Try again", which signs in once it can be fetched', async () => {
    let clientReachable = false;
    const run = await open((file) => clientReachable || !file.startsWith(CLIENT_CHUNK));
    try {
      await signIn(run.page, 'plain@example.test');
      const alert = run.page.locator('okta-authn [part="error"]');
      await alert.filter({ hasText: 'We could not reach the sign-in service.' }).waitFor();
      expect(run.failed.some((file) => file.startsWith(CLIENT_CHUNK))).toBe(true);
      // Nothing typed is lost while the client cannot be loaded.
      expect(await run.page.locator('okta-authn input[name="username"]').inputValue()).toBe('plain@example.test');

      clientReachable = true;
      await run.page.locator('okta-authn [part~="retry"]').click();
      await run.page.locator('okta-authn [part="title"]', { hasText: 'You are signed in' }).waitFor();
      expect(await alert.count()).toBe(0);
    } finally {
      await run.close();
    }
  });
});

describe('a language of the browser build, in two parts', () => {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  let server: BuildServer;
  let browser: Browser;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
    const page =
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Sprache</title><script type="module" src="/widget/okta-authn.js"></script></head>` +
      `<body><main><okta-authn base-url="${simulator.url}" no-remember-me></okta-authn></main></body></html>`;
    // A page that serves the files from elsewhere registers them itself, under its own tag.
    const registered =
      `<!doctype html><html lang="de-x-hosted"><head><meta charset="utf-8"><title>Sprache</title><script type="module">` +
      `import { registerLocale } from '/widget/okta-authn.js'; registerLocale('de-x-hosted', () => import('/widget/i18n/de.js'));` +
      `</script></head><body><main><okta-authn base-url="${simulator.url}" no-remember-me></okta-authn></main></body></html>`;
    server = await serveBrowserBuild({ '/': page, '/registered': registered });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await simulator?.close();
  });

  test.each([
    ['shipped beside the element', '/'],
    ['registered by the page (registerLocale)', '/registered'],
  ])('%s: the sign-in form shows German from i18n/de.js, and a later step from i18n/steps/de.js, fetched meanwhile', async (_how, path) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const fetched: string[] = [];
      page.on('request', (request) => {
        const file = buildFile(request.url());
        if (file?.startsWith('i18n/')) fetched.push(file);
      });
      await page.goto(`${server.origin}${path}`);
      await page.locator('okta-authn [part="title"]', { hasText: de['primary.title'] }).waitFor();
      await page.locator('okta-authn input[name="username"]').fill('question.mfa@example.test');
      await page.locator('okta-authn input[name="password"]').fill(DEFAULT_PASSWORD);
      await page.locator('okta-authn input[name="password"]').press('Enter');
      await page.locator('okta-authn [part="title"]', { hasText: de['factor.question.verifyTitle'] }).waitFor();
      expect(fetched.sort()).toEqual(['i18n/de.js', 'i18n/steps/de.js']);
    } finally {
      await context.close();
    }
  });

  test('a later part that cannot be loaded leaves the later steps in English: the sign-in form stays German and the flow goes on', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.route(`${server.origin}/widget/i18n/steps/**`, (route) => route.abort('connectionfailed'));
      await page.goto(`${server.origin}/`);
      await page.locator('okta-authn [part="title"]', { hasText: de['primary.title'] }).waitFor();
      await page.locator('okta-authn input[name="username"]').fill('question.mfa@example.test');
      await page.locator('okta-authn input[name="password"]').fill(DEFAULT_PASSWORD);
      await page.locator('okta-authn input[name="password"]').press('Enter');
      await page.locator('okta-authn [part="title"]', { hasText: 'Answer your security question' }).waitFor();
      expect(await page.locator('okta-authn [part="error"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('each language: the first part holds exactly the sign-in form\'s keys, both parts together the whole catalogue', async () => {
    for (const tag of shippedTags.filter((tag) => tag !== 'en')) {
      const first = (await import(pathToFileURL(join(BROWSER_DIR, 'i18n', `${tag}.js`)).href)) as { default: Record<string, string> };
      const steps = (await import(pathToFileURL(join(BROWSER_DIR, 'i18n/steps', `${tag}.js`)).href)) as { default: Record<string, string> };
      const whole = ((await import(`../../src/i18n/${tag}.ts`)) as { default: Record<string, string> }).default;
      expect(Object.keys(first.default).sort(), tag).toEqual(Object.keys(whole).filter((key) => key in enSignIn).sort());
      expect({ ...first.default, ...steps.default }, tag).toEqual(whole);
    }
  });
});

describe('the entry of the browser build', () => {
  test('carries the English of every message its own views use (the rest comes with the chunks)', async () => {
    const used = new Set<string>();
    for (const file of await entryFiles()) {
      const source = await readFile(join(BROWSER_DIR, file), 'utf8');
      for (const [, key] of source.matchAll(/["'`]([a-zA-Z]+\.[a-zA-Z.]+)["'`]/g)) if (key && key in en) used.add(key);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((key) => !(key in enSignIn))).toEqual([]);
  });
});
