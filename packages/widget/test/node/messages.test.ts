import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createTranslator, en, formatMessage, isMessageKey, loadLocale, registerLocale } from '../../src/i18n/index.js';

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
