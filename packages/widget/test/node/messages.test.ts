import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
// The package's main module: it brings the whole English catalogue to `createTranslator`.
import { createTranslator, en, formatMessage, isMessageKey, loadLocale, registerLocale } from '../../src/index.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : Promise.resolve(entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []))),
  );
  return files.flat();
}

/** Every string literal in the sources that looks like a message key (`area.name`). */
async function usedKeys(): Promise<Map<string, string>> {
  const used = new Map<string, string>();
  for (const file of await sourceFiles(SRC)) {
    if (file.includes(`${join('src', 'i18n')}`)) continue;
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/'((?:widget|primary|notice|error|password|locked|success|unsupportedState|mfa|factor|recovery|enroll|unlock)\.[\w.]+)'/g)) {
      used.set(match[1]!, file);
    }
  }
  return used;
}

describe('message catalogue', () => {
  test('every message key used in src exists in the English catalogue', async () => {
    const missing = [...(await usedKeys())].filter(([key]) => !isMessageKey(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  test('every English message is a non-empty string', () => {
    const empty = Object.entries(en).filter(([, text]) => typeof text !== 'string' || !text.trim());
    expect(empty).toEqual([]);
  });

  test('placeholders are filled and unknown ones are left as written', () => {
    expect(formatMessage('Wait {seconds} s, {who}', { seconds: 30 })).toBe('Wait 30 s, {who}');
  });

  test('plural choices follow the language’s rules, with # as the number written the language’s way', () => {
    const days = 'in {days, plural, one {# day} other {# days}}';
    expect(formatMessage(days, { days: 1 })).toBe('in 1 day');
    expect(formatMessage(days, { days: 1200 })).toBe('in 1,200 days');
    const russian = '{n, plural, one {# день} few {# дня} many {# дней} other {# дня}}';
    expect([1, 2, 5, 21, 1.5].map((n) => formatMessage(russian, { n }, 'ru'))).toEqual(['1 день', '2 дня', '5 дней', '21 день', '1,5 дня']);
    const arabic = '{n, plural, zero {لا أيام} one {يوم واحد} two {يومان} few {# أيام} many {# يومًا} other {# يوم}}';
    expect([0, 1, 2, 3, 11, 100].map((n) => formatMessage(arabic, { n }, 'ar-u-nu-latn'))).toEqual(['لا أيام', 'يوم واحد', 'يومان', '3 أيام', '11 يومًا', '100 يوم']);
    expect(formatMessage('{n, plural, =0 {none} one {one} other {#}}', { n: 0 })).toBe('none');
  });

  test('a plural without its count, or with a broken choice, stays as written instead of throwing', () => {
    expect(formatMessage('{n, plural, one {# day} other {# days}}', {})).toBe('{n, plural, one {# day} other {# days}}');
    expect(formatMessage('{n, plural, one {# day}', { n: 2 })).toBe('{n, plural, one {# day}');
    expect(formatMessage('{n, plural, one {# day}}', { n: 2 })).toBe('{n, plural, one {# day}}');
    expect(formatMessage('# stays # outside a plural', { n: 2 })).toBe('# stays # outside a plural');
  });

  test('English plurals: one second, 30 seconds', () => {
    const translate = createTranslator();
    expect(translate('error.rateLimited', { seconds: 1 })).toBe('Too many attempts. Wait 1 second and try again.');
    expect(translate('error.rateLimited', { seconds: 30 })).toBe('Too many attempts. Wait 30 seconds and try again.');
    expect(translate('password.warnTitle', { days: 1 })).toBe('Your password expires in 1 day');
  });

  test('an override that is empty or not text never blanks a message', () => {
    const translate = createTranslator({}, { 'primary.submit': '  ', 'primary.help': 42 as unknown as string });
    expect(translate('primary.submit')).toBe('Sign in');
    expect(translate('primary.help')).toBe(en['primary.help']);
  });

  test('a registered language is used for its region too, and the messages property wins', async () => {
    registerLocale('fr', { 'primary.submit': 'Se connecter' });
    registerLocale('fr-CA', async () => ({ 'primary.username': "Nom d'utilisateur" }));
    const catalogue = await loadLocale('fr-CA');
    const translate = createTranslator(catalogue, { 'primary.help': 'Aide!' });
    expect(translate('primary.submit')).toBe('Se connecter');
    expect(translate('primary.username')).toBe("Nom d'utilisateur");
    expect(translate('primary.help')).toBe('Aide!');
    expect(translate('primary.password')).toBe(en['primary.password']);
  });

  test('a language nobody registered falls back to English', async () => {
    expect(createTranslator(await loadLocale('xx-YY'))('primary.submit')).toBe('Sign in');
  });

  test('a loader that fails falls back to English', async () => {
    registerLocale('de', () => Promise.reject(new Error('offline')));
    expect(createTranslator(await loadLocale('de'))('primary.submit')).toBe('Sign in');
  });
});
