import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { PASSWORD, button, codeFromDevicePanel, devicePanel, field, signIn, useDemo, widget } from './helpers.js';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const env = useDemo();

async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 760 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  return context.newPage();
}

test('login page, MFA step, device panel and flow inspector', async () => {
  const page = await newPage();
  await page.goto(`${env.demo.url}/login`);
  await field(page, 'username').waitFor();
  await page.screenshot({ path: `${DOCS}login.png` });

  await signIn(page, env.demo.url, 'sms.mfa@example.test', PASSWORD);
  await button(page, 'Send code').click();
  await codeFromDevicePanel(page, 'sms');
  await page.locator('main').screenshot({ path: `${DOCS}mfa-step.png` });

  const push = await newPage();
  await signIn(push, env.demo.url, 'push.number@example.test', PASSWORD);
  await button(push, 'Send push').click();
  await widget(push).locator('.challenge').waitFor();
  await devicePanel(push).locator('.number-choice').first().waitFor();
  await devicePanel(push).screenshot({ path: `${DOCS}device-panel.png` });

  const recovery = await newPage();
  await recovery.goto(`${env.demo.url}/login`);
  await button(recovery, 'Forgot password?').click();
  await field(recovery, 'username').fill('mary.jane@example.test');
  await button(recovery, 'Send an email').click();
  await devicePanel(recovery).getByRole('link', { name: 'Open the reset link' }).click();
  await field(recovery, 'answer').fill('mayonnaise');
  await button(recovery, 'Continue').click();
  await field(recovery, 'newPassword').fill('Brand-New-Passw0rd!');
  await field(recovery, 'confirmPassword').fill('Brand-New-Passw0rd!');
  await button(recovery, 'Reset password').click();
  await recovery.locator('#flow-log .flow-entry[data-status="MFA_REQUIRED"]').waitFor();
  await recovery.locator('#flow-inspector').screenshot({ path: `${DOCS}flow-inspector.png` });
  expect(await recovery.locator('#current-state').textContent()).toBe('MFA_REQUIRED');
});
