import { startSimulator } from '@okta-authn/simulator';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { serveBrowserBuild } from './browser-build.js';
import type { BuildServer } from './browser-build.js';
const API_TOKEN = 'csp-test-api-token';
const PASSWORD = 'Strict-Policy-7!';

interface Recorded {
  violations: string[];
  consoleErrors: string[];
  success: { sessionToken?: string; login?: string } | undefined;
}

/** Collects CSP violations and the success event; runs before any page script (through CDP, not subject to CSP). */
function recorder(): void {
  const state = { violations: [] as string[], success: undefined as unknown };
  (window as unknown as { __csp: typeof state }).__csp = state;
  document.addEventListener('securitypolicyviolation', (event) => state.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  document.addEventListener('okta-authn-success', (event) => {
    const detail = (event as CustomEvent<{ sessionToken?: string; user?: { profile?: { login?: string } } }>).detail;
    state.success = { sessionToken: detail.sessionToken, login: detail.user?.profile?.login };
  });
}

describe('under a strict Content-Security-Policy', () => {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  let server: BuildServer;
  let origin: string;
  let browser: Browser;
  let login: string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, apiToken: API_TOKEN });
    const csp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${new URL(simulator.url).origin}`;
    const page = (attributes: string) =>
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title><script type="module" src="/widget/okta-authn.js"></script></head>` +
      `<body><main><okta-authn base-url="${simulator.url}" no-remember-me ${attributes}></okta-authn></main></body></html>`;
    server = await serveBrowserBuild({ '/': page(''), '/no-shadow': page('no-shadow') }, { 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
    origin = server.origin;
    login = `csp.${Date.now()}@example.test`;
    const created = await fetch(`${simulator.url}/api/v1/users?activate=true`, {
      method: 'POST',
      headers: { Authorization: `SSWS ${API_TOKEN}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ profile: { login, email: login, firstName: 'Cora', lastName: 'Policy' }, credentials: { password: { value: PASSWORD } } }),
    });
    expect(created.status).toBe(200);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await simulator?.close();
  });

  async function signInOn(path: string): Promise<Recorded> {
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.addInitScript(recorder);
    try {
      await page.goto(`${origin}${path}`);
      await page.locator('okta-authn input[name="username"]').fill(login);
      await page.locator('okta-authn input[name="password"]').fill(PASSWORD);
      await page.locator('okta-authn input[name="password"]').press('Enter');
      await page.waitForFunction(() => (window as unknown as { __csp: { success?: unknown } }).__csp.success !== undefined);
      await page.locator('okta-authn [part="title"]', { hasText: 'You are signed in' }).waitFor();
      const state = await page.evaluate(() => (window as unknown as { __csp: Omit<Recorded, 'consoleErrors'> }).__csp);
      const radius = await page.locator('okta-authn [part="base"]').evaluate((card) => getComputedStyle(card).borderTopLeftRadius);
      expect(radius, 'the element is styled').not.toBe('0px');
      // The success step's styles come with the client's chunk, adopted in either mode.
      const order = await page.locator('okta-authn [part="status"]').evaluate((status) => getComputedStyle(status).order);
      expect(order, "the client chunk's styles are adopted").toBe('-1');
      return { ...state, consoleErrors };
    } finally {
      await context.close();
    }
  }

  test('the element signs a person in with zero CSP violations (shadow DOM)', async () => {
    const result = await signInOn('/');
    expect(result.success?.login).toBe(login);
    expect(result.success?.sessionToken).toMatch(/\S+/);
    expect(result.violations).toEqual([]);
    expect(result.consoleErrors).toEqual([]);
  });

  test('the element signs a person in with zero CSP violations (no-shadow)', async () => {
    const result = await signInOn('/no-shadow');
    expect(result.success?.login).toBe(login);
    expect(result.violations).toEqual([]);
    expect(result.consoleErrors).toEqual([]);
  });
});
