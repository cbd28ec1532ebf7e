import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { PASSWORD, button, devicePanel, field, signIn, visit, useDemo, widget } from './helpers.js';

const env = useDemo();

/** The demo's one time format, as `assets/time.js` writes it in the page's language (en): "Dec 3, 14:05:09". */
const TIME_FORMAT = /^[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}:\d{2}$/;

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page, the widget's shadow root included (injected through DevTools, which the page's CSP does not govern). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
  });
  return violations;
}

/** Where the top of the device panel is in the document (not the viewport), so scrolling does not change it. */
async function panelTop(page: Page): Promise<number> {
  return page.evaluate(() => (document.getElementById('device-panel')?.getBoundingClientRect().top ?? 0) + window.scrollY);
}

describe('the demo page', () => {
  test('TOTP enrollment finished from the device panel: the code it shows for the secret being set up activates the factor', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'enroll.totp@example.test', PASSWORD);
    await widget(page).getByRole('button', { name: /Google Authenticator/ }).click();
    await button(page, 'Set up').click();
    const pending = devicePanel(page).locator('.code-item[data-status="PENDING_ACTIVATION"]');
    await expect.poll(() => pending.locator('.totp-code').textContent()).toMatch(/^\d{6}$/);
    expect(await pending.locator('.code-name').textContent()).toContain('being set up');
    await field(page, 'passCode').fill((await pending.locator('.totp-code').textContent()) ?? '');
    await button(page, 'Verify').click();
    await page.waitForURL(`${env.demo.url}/app`);
    await expect.poll(() => page.locator('#session-status').textContent()).toBe('ACTIVE');
    expect(problems()).toEqual([]);
    await close();
  });

  test('clicking a demo user fills the username (the element’s username property) and password, and the device panel follows', async () => {
    const { page, problems, close } = await visit(env.browser);
    await page.goto(`${env.demo.url}/login`);
    await field(page, 'username').waitFor();
    await page.getByRole('button', { name: 'Fill in sms.mfa@example.test', exact: true }).click();
    await expect.poll(() => field(page, 'password').inputValue()).toBe(PASSWORD);
    expect(await field(page, 'username').inputValue()).toBe('sms.mfa@example.test');
    expect(await widget(page).evaluate((element) => (element as HTMLElement & { username?: string }).username)).toBe('sms.mfa@example.test');
    expect(await page.locator('#users-status').textContent()).toBe('Filled in sms.mfa@example.test and its password: press Sign in.');
    await expect.poll(() => page.locator('#device-status').textContent()).toBe('Showing the devices of sms.mfa@example.test.');

    // Typed over, then picked again: the pick wins.
    await field(page, 'username').fill('someone.else@example.test');
    await page.getByRole('button', { name: 'Fill in sms.mfa@example.test', exact: true }).click();
    await expect.poll(() => field(page, 'username').inputValue()).toBe('sms.mfa@example.test');

    await page.keyboard.press('Enter');
    await button(page, 'Send code').waitFor();
    await page.getByRole('button', { name: 'Fill in plain@example.test', exact: true }).click();
    await expect.poll(() => page.locator('#users-status').textContent()).toContain('plain@example.test will be in the sign-in form when you go back to it');
    expect(await page.locator('#device-status').textContent(), 'the panel stays with the flow in progress').toBe('Showing the devices of sms.mfa@example.test.');
    expect(problems()).toEqual([]);
    await close();
  });

  test('at 390 px a hint above the widget says the device panel is below and links to it, and the panel links back; side by side neither shows', async () => {
    const { page, problems, close } = await visit(env.browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${env.demo.url}/login`);
    await field(page, 'username').waitFor();
    const hint = page.getByRole('link', { name: /device panel.*below/ });
    expect(await hint.isVisible()).toBe(true);
    const box = await hint.boundingBox();
    expect(box && box.y + box.height <= 844 && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await hint.getAttribute('href')).toBe('#device-panel');
    await hint.click();
    await expect.poll(() => devicePanel(page).evaluate((panel) => panel.getBoundingClientRect().top)).toBeLessThan(10);
    await devicePanel(page).getByRole('link', { name: 'Back to the sign-in form' }).click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(200);
    expect(await field(page, 'username').isVisible()).toBe(true);

    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await hint.isVisible()).toBe(false);
    expect(await devicePanel(page).getByRole('link', { name: 'Back to the sign-in form' }).isVisible()).toBe(false);
    expect(problems()).toEqual([]);
    await close();
  });

  test('at 390 px a step change neither scrolls the page nor pulls the device panel up', async () => {
    const { page, problems, close } = await visit(env.browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${env.demo.url}/login`);
    await field(page, 'username').waitFor();
    // Every control clicked below is in view at the top of the page, so nothing but the page itself could scroll it.
    const steps: Array<{ step: string; top: number; scrollY: number }> = [];
    const note = async (step: string) => steps.push({ step, top: await panelTop(page), scrollY: await page.evaluate(() => window.scrollY) });
    await note('sign-in form');

    await signIn(page, env.demo.url, 'enroll.push@example.test', PASSWORD);
    const okta = widget(page).getByRole('button', { name: /^Okta Verify push/ });
    await okta.waitFor();
    await page.locator('#flow-log .flow-entry[data-status="MFA_ENROLL"]').waitFor();
    await note('the list of methods');

    await okta.click();
    await button(page, 'Set up').waitFor();
    await note('Okta Verify chosen');

    await button(page, 'Set up').click();
    await page.locator('#flow-log .flow-entry[data-status="MFA_ENROLL_ACTIVATE"]').waitFor();
    await note('pairing');

    for (const { step, scrollY } of steps) expect(scrollY, step).toBe(0);
    for (let index = 1; index < steps.length; index += 1) expect(steps[index]?.top, steps[index]?.step).toBeGreaterThanOrEqual(steps[index - 1]?.top ?? 0);
    expect(problems()).toEqual([]);
    await close();
  });

  test('the state diagram: every label at least 12 px on screen at 1280 and 390 px, and the caption names the highlighted state', async () => {
    const { page, problems, close } = await visit(env.browser);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${env.demo.url}/login`);
      await field(page, 'username').waitFor();
      const sizes = await page.locator('#state-diagram .node text').evaluateAll((texts) =>
        texts.map((text) => parseFloat(getComputedStyle(text).fontSize) * ((text as SVGTextElement).getScreenCTM()?.a ?? 0)),
      );
      expect(sizes).toHaveLength(13);
      for (const size of sizes) expect(size, `labels at ${width} px`).toBeGreaterThanOrEqual(12);
    }
    const current = () => page.locator('#state-diagram .node.current text').allTextContents();
    expect(await current()).toEqual(['No transaction']);
    expect(await page.locator('#current-state').textContent()).toBe('No transaction');

    await signIn(page, env.demo.url, 'sms.mfa@example.test', PASSWORD);
    await button(page, 'Send code').waitFor();
    await expect.poll(() => page.locator('#current-state').textContent()).toBe('MFA_REQUIRED');
    expect(await current()).toEqual(['MFA_REQUIRED']);
    const inView = () =>
      page.locator('#state-diagram .node.current').evaluate((node) => {
        const box = node.getBoundingClientRect();
        const view = (node.closest('.diagram-scroll') as HTMLElement).getBoundingClientRect();
        return box.left >= view.left && box.right <= view.right;
      });
    // At 390 px the diagram scrolls sideways to the current state.
    await expect.poll(inView).toBe(true);
    expect(await page.locator('#state-diagram .node.current').getAttribute('aria-current')).toBe('step');
    expect(problems()).toEqual([]);
    await close();
  });

  // A user each, so neither scheme meets the other's code or its resend limit.
  for (const [colorScheme, login] of [['light', 'email.mfa@example.test'], ['dark', 'sms.mfa@example.test']] as const) {
    test(`${colorScheme}: axe finds nothing on /login (before and during a flow) and /app, and every time there reads the same way`, async () => {
      const { page, problems, close } = await visit(env.browser);
      await page.emulateMedia({ colorScheme });
      await page.goto(`${env.demo.url}/login`);
      await field(page, 'username').waitFor();
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light dark');
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(background).toBe(colorScheme === 'dark' ? 'rgb(16, 20, 28)' : 'rgb(244, 246, 250)');
      expect(await axeViolations(page)).toEqual([]);

      await signIn(page, env.demo.url, login, PASSWORD);
      await button(page, 'Send code').click();
      const sent = devicePanel(page).locator('.message time.sent').first();
      await sent.waitFor();
      expect(await sent.textContent()).toMatch(TIME_FORMAT);
      await expect.poll(() => page.locator('#clock-now time').textContent()).toMatch(TIME_FORMAT);
      expect(await axeViolations(page)).toEqual([]);

      const code = (await devicePanel(page).locator('.message .message-code').first().textContent()) ?? '';
      await field(page, 'passCode').fill(code);
      await button(page, 'Verify').click();
      await page.waitForURL(`${env.demo.url}/app`);
      await expect.poll(() => page.locator('#session-checked time').textContent()).toMatch(TIME_FORMAT);
      for (const id of ['session-expires', 'session-created', 'session-password']) expect(await page.locator(`#${id} time`).textContent(), id).toMatch(TIME_FORMAT);
      expect(await axeViolations(page)).toEqual([]);

      // Signing out lands on an outcome (its own status icon, title and what to do next) above the form.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login\?notice=signed-out$/);
      const outcome = page.getByRole('status').filter({ hasText: 'You have signed out.' });
      expect(await outcome.locator('svg.outcome-icon').count()).toBe(1);
      expect(await outcome.textContent()).toContain('Sign in again below.');
      await field(page, 'username').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await close();
    });
  }

  test('a request of the device panel or the widget that gets no answer is reported in words, not as "Failed to fetch"', async () => {
    const { page, problems, close } = await visit(env.browser);
    await page.goto(`${env.demo.url}/login`);
    await field(page, 'username').waitFor();
    await page.route('**/__sim/clock/advance', (route) => route.abort('connectionrefused'));
    await devicePanel(page).getByRole('button', { name: '+30 s' }).click();
    await expect.poll(() => page.locator('#device-status').textContent()).toBe('The clock could not move: the simulator cannot be reached (is the demo still running?)');

    await page.route('**/api/v1/authn', (route) => route.abort('connectionrefused'));
    await signIn(page, env.demo.url, 'plain@example.test', PASSWORD);
    const failed = page.locator('#flow-log .flow-entry.failed');
    await failed.waitFor();
    expect(await failed.locator('.flow-http').textContent()).toBe('no answer: the org could not be reached');
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/Failed to fetch|TypeError/);
    expect(problems().filter((problem) => !problem.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
    await close();
  });
});
