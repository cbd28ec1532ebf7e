import { describe, expect, test } from 'vitest';
import * as OTPAuth from 'otpauth';
import { PASSWORD, button, codeFromDevicePanel, devicePanel, field, signIn, visit, useDemo, widget } from './helpers.js';

const env = useDemo();

describe('multi-factor authentication', () => {
  test('SMS MFA: the code read from the device panel signs in', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'sms.mfa@example.test', PASSWORD);
    await button(page, 'Send code').click();
    const code = await codeFromDevicePanel(page, 'sms');
    expect(code).toMatch(/^\d{6}$/);
    await field(page, 'passCode').fill(code);

    const inspector = page.locator('#flow-inspector');
    await expect.poll(() => inspector.locator('.flow-entry[data-status="MFA_CHALLENGE"]').count()).toBe(1);
    expect(await inspector.locator('.node.current').getAttribute('data-state')).toBe('MFA_CHALLENGE');
    expect(await inspector.locator('.edge.taken').count()).toBe(2);
    const logged = (await inspector.locator('#flow-log').textContent()) ?? '';
    expect(logged).toContain('next (verify)');
    expect(logged).toContain('stateToken •••• #1');
    expect(logged).not.toContain(PASSWORD);

    await button(page, 'Verify').click();
    await page.waitForURL(`${env.demo.url}/app`);
    await expect.poll(() => page.locator('#session-amr').textContent()).toContain('sms');
    expect(problems()).toEqual([]);
    await close();
  });

  test('TOTP enrollment without scanning: the code computed from the shown key activates the factor', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'enroll.totp@example.test', PASSWORD);
    await widget(page).getByRole('button', { name: /Google Authenticator/ }).click();
    await button(page, 'Set up').click();
    await widget(page).getByText('Can’t scan?').click();
    const key = (await widget(page).locator('code.secret').textContent())?.replace(/\s+/g, '') ?? '';
    expect(key).toMatch(/^[A-Z2-7]{16,}$/);
    const logged = (await page.locator('#flow-log').textContent()) ?? '';
    expect(logged).toContain('/qr/•••• #1');
    expect(logged).not.toMatch(/\/qr\/(?!•••• #)/);
    expect(logged).not.toContain(key);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key), digits: 6, period: 30, algorithm: 'SHA1' });
    await field(page, 'passCode').fill(totp.generate());
    await button(page, 'Verify').click();
    await page.waitForURL(`${env.demo.url}/app`);
    await expect.poll(() => page.locator('#session-status').textContent()).toBe('ACTIVE');
    expect(problems()).toEqual([]);
    await close();
  });

  test('push approved on the device panel signs in', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'push@example.test', PASSWORD);
    await button(page, 'Send push').click();
    await devicePanel(page).getByText('Are you signing in as push@example.test?').waitFor();
    await devicePanel(page).getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${env.demo.url}/app`);
    await expect.poll(() => page.locator('#session-amr').textContent()).toContain('swk');
    expect(problems()).toEqual([]);
    await close();
  });

  test('push rejected on the device panel is reported, and a second push approved signs in', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'push@example.test', PASSWORD);
    await button(page, 'Send push').click();
    await devicePanel(page).getByText('Are you signing in as push@example.test?').waitFor();
    await devicePanel(page).getByRole('button', { name: 'Reject' }).click();
    await widget(page).getByText('You rejected this sign-in in Okta Verify.').waitFor();
    await button(page, 'Send push again').click();
    await devicePanel(page).getByText('Are you signing in as push@example.test?').waitFor();
    await devicePanel(page).getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${env.demo.url}/app`);
    expect(problems()).toEqual([]);
    await close();
  });

  test('push with number challenge: picking the number the page shows signs in', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'push.number@example.test', PASSWORD);
    await button(page, 'Send push').click();
    const shown = widget(page).locator('.challenge');
    await shown.waitFor();
    const number = (await shown.textContent())?.trim() ?? '';
    expect(number).toMatch(/^\d{1,2}$/);
    const choices = devicePanel(page).locator('.number-choice');
    await expect.poll(() => choices.count()).toBe(3);
    await devicePanel(page).getByRole('button', { name: `Approve with ${number}`, exact: true }).click();
    await page.waitForURL(`${env.demo.url}/app`);
    expect(problems()).toEqual([]);
    await close();
  });
});
