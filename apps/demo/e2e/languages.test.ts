import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ar } from '../../../packages/widget/src/i18n/ar.js';
import { de } from '../../../packages/widget/src/i18n/de.js';
import { PASSWORD, visit, useDemo, widget } from './helpers.js';

const env = useDemo();

/** The widget card's `dir`, once it shows sign-in in the language `title` belongs to. */
async function cardDir(page: Page, title: string): Promise<string | null> {
  await widget(page).getByRole('heading', { name: title }).waitFor();
  return widget(page).locator('[part="base"]').getAttribute('dir');
}

describe('the language picker', () => {
  for (const [tag, messages, dir] of [['ar', ar, 'rtl'], ['de', de, 'ltr']] as const) {
    test(`?lang=${tag}: the widget loads its ${tag} messages from /vendor/i18n/${tag}.js and signs a person in`, async () => {
      const { page, problems, close } = await visit(env.browser);
      const catalogue = page.waitForResponse((response) => response.url().endsWith(`/vendor/i18n/${tag}.js`));
      await page.goto(`${env.demo.url}/login?lang=${tag}`);
      expect((await catalogue).status()).toBe(200);
      expect(await cardDir(page, messages['primary.title'])).toBe(dir);
      expect(await page.locator('#language').inputValue()).toBe(tag);
      await widget(page).getByLabel(messages['primary.username'], { exact: true }).fill('plain@example.test');
      await widget(page).getByLabel(messages['primary.password'], { exact: true }).fill(PASSWORD);
      await widget(page).getByRole('button', { name: messages['primary.submit'], exact: true }).click();
      await page.waitForURL(`${env.demo.url}/app`);
      expect(problems()).toEqual([]);
      await close();
    });
  }

  test('lists every language by its own name, and choosing one keeps it in the URL', async () => {
    const { page, problems, close } = await visit(env.browser);
    await page.goto(`${env.demo.url}/login`);
    const names = await page.locator('#language option').allTextContents();
    expect(names).toHaveLength(32);
    expect(names).toEqual(expect.arrayContaining(['English', 'العربية', 'Deutsch', '日本語', 'עברית', 'فارسی', 'Kreyòl ayisyen']));
    await page.locator('#language').selectOption('de');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.waitForURL(`${env.demo.url}/login?lang=de`);
    expect(await cardDir(page, de['primary.title'])).toBe('ltr');
    await page.goto(`${env.demo.url}/login?lang=xx`);
    expect(await cardDir(page, 'Sign in'), 'an unknown ?lang= is English').toBe('ltr');
    expect(problems()).toEqual([]);
    await close();
  });
});
