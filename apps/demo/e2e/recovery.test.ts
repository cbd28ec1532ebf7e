import { describe, expect, test } from 'vitest';
import { PASSWORD, button, codeFromDevicePanel, devicePanel, field, signIn, visit, useDemo, widget } from './helpers.js';

const env = useDemo();

describe('recovery and unlock', () => {
  test('three wrong passwords lock the account; the emailed unlock link and the recovery answer unlock it', async () => {
    const { page, problems, close } = await visit(env.browser, { expectedErrors: [{ status: 401, url: /\/api\/v1\/authn$/ }] });
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      await signIn(page, env.demo.url, 'locked.out@example.test', 'Wrong-Passw0rd!');
      // The inspector's log tells when this attempt was answered (the error text stays from the last one).
      await expect.poll(() => page.locator('#flow-log .flow-entry').count()).toBe(attempt);
      await widget(page).getByText('The username or password is incorrect.').waitFor();
    }
    await signIn(page, env.demo.url, 'locked.out@example.test', 'Wrong-Passw0rd!');
    await widget(page).getByRole('heading', { name: 'Your account is locked' }).waitFor();
    await button(page, 'Unlock account').click();
    await field(page, 'username').fill('locked.out@example.test');
    await button(page, 'Send an email').click();
    await widget(page).getByRole('heading', { name: 'Check your email' }).waitFor();

    const link = devicePanel(page).getByRole('link', { name: 'Open the unlock link' });
    await link.click();
    await page.waitForURL(/\/login\?recoveryToken=/);
    await field(page, 'answer').fill('Babbage');
    await button(page, 'Continue').click();
    await widget(page).getByRole('heading', { name: 'Account unlocked' }).waitFor();

    await page.goto(`${env.demo.url}/login`);
    await signIn(page, env.demo.url, 'locked.out@example.test', PASSWORD);
    await page.waitForURL(`${env.demo.url}/app`);
    expect(problems()).toEqual([]);
    await close();
  });

  test('forgot password by SMS: code from the device panel, recovery answer, new password, then /app', async () => {
    const { page, problems, close } = await visit(env.browser);
    await page.goto(`${env.demo.url}/login`);
    await button(page, 'Forgot password?').click();
    await field(page, 'username').fill('recovery@example.test');
    await button(page, 'Send a text message').click();
    await widget(page).getByRole('heading', { name: 'Enter the code from the text message' }).waitFor();
    await field(page, 'passCode').fill(await codeFromDevicePanel(page, 'sms'));
    await button(page, 'Verify').click();
    await field(page, 'answer').fill('Babbage');
    await button(page, 'Continue').click();
    await widget(page).getByRole('heading', { name: 'Reset your password' }).waitFor();
    await field(page, 'newPassword').fill('Recovered-Passw0rd!7');
    await field(page, 'confirmPassword').fill('Recovered-Passw0rd!7');
    await button(page, 'Reset password').click();
    await page.waitForURL(`${env.demo.url}/app`);
    expect(await page.locator('#who').textContent()).toBe('recovery@example.test');
    expect(problems()).toEqual([]);
    await close();
  });

  test('the seeds’ recovery case: question, reset, “your password was changed”, email MFA, then /app', async () => {
    const { page, problems, close } = await visit(env.browser);
    await page.goto(`${env.demo.url}/login`);
    await button(page, 'Forgot password?').click();
    await field(page, 'username').fill('mary.jane@example.test');
    await button(page, 'Send an email').click();
    await widget(page).getByRole('heading', { name: 'Check your email' }).waitFor();
    await devicePanel(page).getByRole('link', { name: 'Open the reset link' }).click();
    await page.waitForURL(/\/login\?recoveryToken=/);

    await field(page, 'answer').fill('mayonnaise');
    await button(page, 'Continue').click();
    await widget(page).getByRole('heading', { name: 'Reset your password' }).waitFor();
    await field(page, 'newPassword').fill('Brand-New-Passw0rd!');
    await field(page, 'confirmPassword').fill('Brand-New-Passw0rd!');
    await button(page, 'Reset password').click();

    await expect.poll(() => widget(page).locator('[part="notice"]').textContent()).toContain('Your password has been changed. Verify your identity to finish signing in.');
    // Okta sends at most one email per 5 seconds; the org clock moves on instead of the test sleeping.
    await devicePanel(page).getByRole('button', { name: '+30 s' }).click();
    await expect.poll(() => devicePanel(page).locator('#device-status').textContent()).toContain('moved forward');
    await button(page, 'Send code').click();
    await field(page, 'passCode').fill(await codeFromDevicePanel(page, 'email'));
    await button(page, 'Verify').click();
    await page.waitForURL(`${env.demo.url}/app`);
    expect(await page.locator('#who').textContent()).toBe('mary.jane@example.test');
    await expect.poll(() => page.locator('#session-amr').textContent()).toContain('otp');

    expect(problems()).toEqual([]);
    await close();
  });
});
