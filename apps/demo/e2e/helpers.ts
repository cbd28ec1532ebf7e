import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../packages/widget/test/chromium.mjs';
import { startDemo } from '../src/server.js';
import type { DemoOptions, RunningDemo } from '../src/server.js';


/** Starts Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** The demo on free ports (site and simulator), with Okta asked on every guarded request. */
export function startTestDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  return startDemo({ port: 0, simPort: 0, checkInterval: 0, ...options });
}

/** The demo and the browser a test file shares; filled in before its first test. */
export interface TestEnvironment {
  /** The running demo (site + simulator). */
  demo: RunningDemo;
  /** Chromium. */
  browser: Browser;
}

/** Starts one demo and one Chromium for the calling test file and stops both after its last test. */
export function useDemo(options: DemoOptions = {}): TestEnvironment {
  const env = {} as TestEnvironment;
  beforeAll(async () => {
    [env.demo, env.browser] = await Promise.all([startTestDemo(options), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.demo?.close();
  });
  return env;
}

/** A browser context for one test, and everything that went wrong in its pages. */
export interface Visit {
  /** The page. */
  page: Page;
  /** The context (cookies). */
  context: BrowserContext;
  /** Console errors, uncaught exceptions, CSP violations and unexpected HTTP errors seen so far. */
  problems(): string[];
  /** Closes the context. */
  close(): Promise<void>;
}

/** Options of {@link visit}. */
export interface VisitOptions {
  /** HTTP errors the flow is expected to produce (a 401 for a wrong password), optionally only for URLs matching `url`; others are problems. */
  expectedErrors?: Array<{ status: number; url?: RegExp }>;
}

/**
 * A fresh context and page that records console errors, page errors and CSP violations
 * (`securitypolicyviolation` events, reported from every document through a binding).
 */
export async function visit(browser: Browser, options: VisitOptions = {}): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const found: string[] = [];
  const expected = options.expectedErrors ?? [];
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    found.push(`CSP violation: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const status = Number(/the server responded with a status of (\d{3})/.exec(text)?.[1]);
    const where = message.location().url;
    if (expected.some((allowed) => allowed.status === status && (!allowed.url || allowed.url.test(where)))) return;
    found.push(`console error: ${text} (${where})`);
  });
  page.on('pageerror', (error) => found.push(`uncaught: ${error.message}`));
  return {
    page,
    context,
    problems: () => [...found],
    close: () => context.close(),
  };
}

/** Fills the sign-in form of the widget and submits it. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  if (!page.url().startsWith(`${baseUrl}/login`)) await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The widget's element. */
export function widget(page: Page) {
  return page.locator('okta-authn');
}

/** The device panel. */
export function devicePanel(page: Page) {
  return page.getByRole('complementary', { name: 'Device panel' });
}

/** An input of the widget by its `name` (`username`, `passCode`, `answer`, `newPassword`, …). */
export function field(page: Page, name: string) {
  return widget(page).locator(`input[name="${name}"]`);
}

/** A button of the widget by its accessible name. */
export function button(page: Page, name: string | RegExp) {
  return widget(page).getByRole('button', { name, exact: typeof name === 'string' });
}

/** The password every default-seed user starts with. */
export const PASSWORD = 'Sim-Passw0rd!';

/** Asks the simulator's Management API (with its API token). */
export async function management(demo: RunningDemo, method: string, path: string): Promise<unknown> {
  const simulator = demo.simulator;
  if (!simulator) throw new Error('not on the simulator');
  const response = await fetch(new URL(path, simulator.url), { method, headers: { accept: 'application/json', authorization: `SSWS ${simulator.apiToken}` } });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

/** The newest code the device panel shows for a channel (`sms`, `call`, `email`). */
export async function codeFromDevicePanel(page: Page, channel: 'sms' | 'call' | 'email'): Promise<string> {
  const code = devicePanel(page).locator(`.message[data-channel="${channel}"] .message-code`).first();
  await code.waitFor();
  return (await code.textContent())?.trim() ?? '';
}
