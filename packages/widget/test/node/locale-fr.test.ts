import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BROWSER_DIR, entryFiles } from '../../scripts/build-files.mjs';
import { enFactors } from '../../src/i18n/en-factors.js';
import { createTranslator, en, loadLocale, registerLocale } from '../../src/i18n/index.js';
import { fr } from '../../src/i18n/fr.js';
import { placeholders } from './message-helpers.js';

describe('French catalogue', () => {
  test('has exactly the keys of English, the factor messages included', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(enFactors).filter((key) => !(key in fr))).toEqual([]);
  });

  test('every message is translated text with the same placeholders as English', () => {
    const wrong = Object.entries(en).flatMap(([key, english]) => {
      const french = fr[key as keyof typeof en];
      if (typeof french !== 'string' || !french.trim()) return [`${key}: empty`];
      return placeholders(french).join() === placeholders(english).join() ? [] : [`${key}: {${placeholders(french).join()}} instead of {${placeholders(english).join()}}`];
    });
    expect(wrong).toEqual([]);
  });

  test('the package export loads as a locale module: registerLocale takes the import itself', async () => {
    // Through the package's own export map (dist/, built before tests), as a user's bundler resolves it.
    const specifier = '@okta-authn/widget/i18n/fr.js';
    registerLocale('fr', () => import(specifier));
    const translate = createTranslator(await loadLocale('fr-CA'));
    expect(translate('primary.submit')).toBe('Se connecter');
    expect(translate('error.rateLimited', { seconds: 30 })).toBe('Trop de tentatives. Patientez 30\u00a0secondes et réessayez.');
    expect(translate('error.rateLimited', { seconds: 1 })).toBe('Trop de tentatives. Patientez 1\u00a0seconde et réessayez.');
  });

  test('is not part of the entry of the browser build, which carries English', async () => {
    const bundle = (await Promise.all([...(await entryFiles())].map((file) => readFile(join(BROWSER_DIR, file), 'utf8')))).join('\n');
    expect(bundle).toContain(en['primary.forgotPassword']);
    expect(bundle).not.toContain('Mot de passe oublié');
  });
});
