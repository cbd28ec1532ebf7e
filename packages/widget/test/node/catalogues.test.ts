import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { en, formatMessage } from '../../src/i18n/index.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { placeholders, pluralChoices } from './message-helpers.js';

const I18N = new URL('../../src/i18n/', import.meta.url);
/** A catalogue file is named by its language tag (`de.ts`, `pt-BR.ts`); English is the reference. */
const CATALOGUE_FILE = /^(?!en\.ts$)[a-z]{2,3}(-[A-Z]{2})?\.ts$/;
const SIZE_LIMIT = 5 * 1024;
/** The browser build's language files (`npm run build` first). */
const BROWSER_I18N = new URL('../../dist/browser/i18n/', import.meta.url);
const COUNTS = [0, 1, 2, 3, 5, 11, 21, 100];

/** Messages that may read exactly as in English: brand and product names. */
const SAME_AS_ENGLISH = new Set<MessageKey>([
  'factor.totp.okta',
  'factor.totp.google',
  'factor.push.name',
  'factor.token.rsa',
  'factor.token.symantec',
  'factor.yubikey.name',
  'factor.sms.name',
]);

/** Per language, the few words that are spelled the same as in English there. */
const SAME_IN_LANGUAGE: Record<string, MessageKey[]> = {
  de: ['enroll.optional'],
  it: ['factor.email.name', 'primary.password'],
};

/** A message made of placeholders and punctuation only (`{name} ({id})`) has nothing to translate. */
const placeholdersOnly = (text: string) => !/\p{L}/u.test(text.replace(/\{\s*\w+\s*\}/g, ''));

const tags = (await readdir(I18N))
  .filter((file) => CATALOGUE_FILE.test(file))
  .map((file) => file.slice(0, -3))
  .sort();

const catalogues = await Promise.all(
  tags.map(async (tag) => {
    const namespace = (await import(new URL(`${tag}.ts`, I18N).href)) as Record<string, unknown>;
    return { tag, namespace, messages: namespace.default as Record<string, unknown> };
  }),
);

const englishKeys = Object.keys(en).sort();
const englishEntries = Object.entries(en) as [MessageKey, string][];

describe('message catalogues', () => {
  test('every language file in src/i18n is found, French among them', () => {
    expect(tags).toContain('fr');
  });

  test('the per-language allowlist names only catalogues that exist and messages still spelled as in English', () => {
    const stale = Object.entries(SAME_IN_LANGUAGE).flatMap(([tag, keys]) => {
      const messages = catalogues.find((catalogue) => catalogue.tag === tag)?.messages;
      return keys.filter((key) => messages?.[key] !== en[key]).map((key) => `${tag}: ${key}`);
    });
    expect(stale).toEqual([]);
  });

  describe.each(catalogues)('$tag', ({ tag, namespace, messages }) => {
    const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories as string[];

    test('exports the catalogue by its camel-case name and as default', () => {
      const name = tag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
      expect(namespace[name]).toBe(messages);
    });

    test('has every key of English and no other', () => {
      expect(Object.keys(messages).sort()).toEqual(englishKeys);
    });

    test('every message is a non-empty string with the same placeholders as English', () => {
      const wrong = englishEntries.flatMap(([key, english]) => {
        const text = messages[key];
        if (typeof text !== 'string' || !text.trim()) return [`${key}: empty`];
        const own = placeholders(text).join();
        return own === placeholders(english).join() ? [] : [`${key}: {${own}} instead of {${placeholders(english).join()}}`];
      });
      expect(wrong).toEqual([]);
    });

    test(`plural choices parse and use only ${tag}'s categories (${categories.join(', ')}) or =N, always with other`, () => {
      const wrong = englishEntries.flatMap(([key, english]) => {
        const text = String(messages[key]);
        try {
          const choices = pluralChoices(text);
          const bad = choices.flatMap(({ name, selectors }) => [
            ...selectors.filter((selector) => !categories.includes(selector) && !/^=\d+$/.test(selector)).map((selector) => `${name}: ${selector}`),
            ...(selectors.includes('other') ? [] : [`${name}: no other`]),
          ]);
          const englishPlurals = pluralChoices(english).map(({ name }) => name);
          const missing = englishPlurals.filter((name) => !choices.some((choice) => choice.name === name));
          return [...bad, ...missing.map((name) => `${name}: plural in English, not here`)].map((fault) => `${key}: ${fault}`);
        } catch (error) {
          return [`${key}: ${(error as Error).message}`];
        }
      });
      expect(wrong).toEqual([]);
    });

    test('filled with counts 0, 1, 2, 3, 5, 11, 21 and 100, no message leaves a brace or # behind', () => {
      const wrong = englishEntries.flatMap(([key]) => {
        const text = String(messages[key]);
        return COUNTS.flatMap((count) => {
          const params = Object.fromEntries(placeholders(text).map((name) => [name, count]));
          const filled = formatMessage(text, params, tag);
          return /[{}#]/.test(filled) ? [`${key} (${count}): ${filled}`] : [];
        });
      });
      expect(wrong).toEqual([]);
    });

    test('no message is left in English, except brand names and placeholder-only messages', () => {
      const allowed = new Set([...SAME_AS_ENGLISH, ...(SAME_IN_LANGUAGE[tag] ?? [])]);
      const untranslated = englishEntries
        .filter(([key, english]) => messages[key] === english && !allowed.has(key) && !placeholdersOnly(english))
        .map(([key]) => key);
      expect(untranslated).toEqual([]);
    });

    test(`ships as two files of at most ${SIZE_LIMIT} bytes gzipped each: the sign-in form's and the later steps'`, async () => {
      // The browser build's files, as served: minified UTF-8 text, not \u escapes (a module is always read as UTF-8).
      for (const part of [`${tag}.js`, `steps/${tag}.js`]) {
        const code = await readFile(fileURLToPath(new URL(part, BROWSER_I18N)));
        expect(gzipSync(code, { level: 9 }).length, part).toBeLessThanOrEqual(SIZE_LIMIT);
      }
    });
  });
});
