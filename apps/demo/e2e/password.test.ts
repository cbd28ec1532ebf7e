import { describe, expect, test } from 'vitest';
import { PASSWORD, button, field, signIn, visit, useDemo, widget } from './helpers.js';

const env = useDemo();

describe('password expiry', () => {
  test('an expired password is changed in the widget, then the new one signs in to /app', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'password.expired@example.test', PASSWORD);
    await widget(page).getByRole('heading', { name: 'Your password has expired' }).waitFor();
    await field(page, 'oldPassword').fill(PASSWORD);
    await field(page, 'newPassword').fill('Fresh-Passw0rd!9');
    await field(page, 'confirmPassword').fill('Fresh-Passw0rd!9');
    await button(page, 'Change password').click();
    await page.waitForURL(`${env.demo.url}/app`);
    expect(await page.locator('#who').textContent()).toBe('password.expired@example.test');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login\?notice=signed-out$/);
    await signIn(page, env.demo.url, 'password.expired@example.test', 'Fresh-Passw0rd!9');
    await page.waitForURL(`${env.demo.url}/app`);
    expect(problems()).toEqual([]);
    await close();
  });

  test('a password about to expire can be skipped with “Remind me later”', async () => {
    const { page, problems, close } = await visit(env.browser);
    await signIn(page, env.demo.url, 'password.warn@example.test', PASSWORD);
    await widget(page).getByRole('heading', { name: /Your password expires in \d+ days/ }).waitFor();
    await button(page, 'Remind me later').click();
    await page.waitForURL(`${env.demo.url}/app`);
    expect(await page.locator('#who').textContent()).toBe('password.warn@example.test');
    expect(problems()).toEqual([]);
    await close();
  });
});
