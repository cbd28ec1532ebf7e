import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { PASSWORD, button, devicePanel, field, management, signIn, visit, useDemo } from './helpers.js';

const env = useDemo();

describe('sign-in and the app session', () => {
  test('plain sign-in opens /app with the live Okta session, and signing out ends it', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'plain@example.test', PASSWORD);
    await page.waitForURL(`${env.demo.url}/app`);
    await expect.poll(() => page.locator('#who').textContent()).toBe('plain@example.test');
    await expect.poll(() => page.locator('#session-status').textContent()).toBe('ACTIVE');
    expect(await page.locator('#session-amr').textContent()).toContain('pwd');
    await expect.poll(() => page.locator('#session-checked').textContent()).toMatch(/Checked with Okta/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${env.demo.url}/login?notice=signed-out`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'You have signed out.' }).count()).toBe(1);

    await page.goto(`${env.demo.url}/app`);
    await page.waitForURL(`${env.demo.url}/login?returnTo=%2Fapp`);
    expect(problems()).toEqual([]);
    await close();
  });

  test('a session revoked at the simulator sends /app back to /login', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'plain@example.test', PASSWORD);
    await page.waitForURL(`${env.demo.url}/app`);
    // Let /app finish reading its session first: revoking during that read would make it answer 401.
    await expect.poll(() => page.locator('#session-amr').textContent()).toContain('pwd');
    const user = (await management(env.demo, 'GET', '/api/v1/users/plain@example.test')) as { id: string };
    await management(env.demo, 'DELETE', `/api/v1/users/${user.id}/sessions`);

    await page.goto(`${env.demo.url}/app`);
    await page.waitForURL(`${env.demo.url}/login?returnTo=%2Fapp`);
    await field(page, 'username').waitFor();
    expect(problems()).toEqual([]);
    await close();
  });

  test('remember device skips MFA on the next sign-in from the same browser', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'totp.okta@example.test', PASSWORD);
    const code = devicePanel(page).locator('.code-item[data-factor-type="token:software:totp"] .totp-code');
    await expect.poll(async () => (await code.textContent())?.trim()).toMatch(/^\d{6}$/);
    await field(page, 'passCode').fill((await code.textContent())?.trim() ?? '');
    await widgetCheckbox(page, /Don’t ask again on this device/).check();
    await button(page, 'Verify').click();
    await page.waitForURL(`${env.demo.url}/app`);
    await expect.poll(() => page.locator('#session-amr').textContent()).toContain('otp');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login\?notice=signed-out$/);
    await signIn(page, env.demo.url, 'totp.okta@example.test', PASSWORD);
    await page.waitForURL(`${env.demo.url}/app`);
    expect(await page.locator('#who').textContent()).toBe('totp.okta@example.test');
    expect(problems()).toEqual([]);
    await close();
  });

  test('every page passes its strict CSP without a console error', async () => {
    // The env.browser logs the 404 status of the missing page itself; nothing else may show up.
    const { page, problems, close } = await visit(env.browser, { expectedErrors: [{ status: 404, url: /\/no-such-page$/ }] });
    const response = await page.goto(`${env.demo.url}/login`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${env.demo.orgUrl}`);
    await field(page, 'username').waitFor();
    await devicePanel(page).getByRole('button', { name: '+30 s' }).click();
    await expect.poll(() => devicePanel(page).locator('#device-status').textContent()).toContain('moved forward');
    await page.locator('#flow-inspector summary').first().click();

    await page.goto(`${env.demo.url}/no-such-page`);
    await expect.poll(() => page.getByRole('heading', { name: 'Page not found' }).count()).toBe(1);

    await signIn(page, env.demo.url, 'plain@example.test', PASSWORD);
    await page.waitForURL(`${env.demo.url}/app`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Extend session' }).click();
    await expect.poll(() => page.locator('#session-status').textContent()).toBe('ACTIVE');
    expect(problems()).toEqual([]);
    await close();
  });
});

test('the CSP check is not blind: an injected inline script is reported as a violation', async () => {
  const { page, problems, close } = await visit(env.browser);
  await page.goto(`${env.demo.url}/login`);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.title = "injected"';
    document.body.append(script);
  });
  await expect.poll(() => problems().some((problem) => problem.startsWith('CSP violation: script-src'))).toBe(true);
  expect(await page.title()).not.toBe('injected');
  await close();
});

function widgetCheckbox(page: Page, name: RegExp) {
  return page.locator('okta-authn').getByRole('checkbox', { name });
}
