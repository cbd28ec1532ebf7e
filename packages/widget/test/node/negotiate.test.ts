import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { languageDirection, shippedLanguages } from '../../src/i18n/languages.js';
import { negotiateLanguage } from '../../src/i18n/negotiate.js';

const shipped = shippedLanguages.map((language) => language.tag);

describe('language negotiation', () => {
  test('an exact tag wins, whatever its case or separator', () => {
    expect(negotiateLanguage(['pt-BR'], shipped)).toBe('pt-BR');
    expect(negotiateLanguage(['zh_tw'], shipped)).toBe('zh-TW');
    expect(negotiateLanguage(['NL-nl'], shipped)).toBe('nl-NL');
  });

  test('a region falls back to its language, then to the language in another region', () => {
    expect(negotiateLanguage(['de-AT'], shipped)).toBe('de');
    expect(negotiateLanguage(['fr-CA'], shipped)).toBe('fr');
    expect(negotiateLanguage(['pt-PT'], shipped)).toBe('pt-BR');
    expect(negotiateLanguage(['nl-BE'], shipped)).toBe('nl-NL');
    expect(negotiateLanguage(['pt'], shipped)).toBe('pt-BR');
  });

  test('an earlier wish beats a better match of a later one', () => {
    expect(negotiateLanguage(['pt-PT', 'es-ES'], shipped)).toBe('pt-BR');
    expect(negotiateLanguage(['xx', 'es-MX', 'fr'], shipped)).toBe('es');
  });

  test('a region-only match is taken only when the exact tag or the language alone is missing', () => {
    expect(negotiateLanguage(['pt-PT'], ['pt', 'pt-BR'])).toBe('pt');
    expect(negotiateLanguage(['pt-PT'], ['pt-BR', 'pt-PT'])).toBe('pt-PT');
  });

  test('Chinese goes by script and region; old tags find their language', () => {
    expect(negotiateLanguage(['zh-Hant'], shipped)).toBe('zh-TW');
    expect(negotiateLanguage(['zh-HK'], shipped)).toBe('zh-TW');
    expect(negotiateLanguage(['zh-Hans-SG'], shipped)).toBe('zh-CN');
    expect(negotiateLanguage(['zh'], shipped)).toBe('zh-CN');
    expect(negotiateLanguage(['iw'], shipped)).toBe('he');
    expect(negotiateLanguage(['no'], shipped)).toBe('nb');
    expect(negotiateLanguage(['in-ID'], shipped)).toBe('id');
  });

  test('nothing usable gives the fallback, and blank or odd tags are skipped', () => {
    expect(negotiateLanguage(['xx-YY', '', '  '], shipped)).toBe('en');
    expect(negotiateLanguage([], shipped, 'fr')).toBe('fr');
  });
});

describe('shipped languages', () => {
  test('the list names exactly the catalogues in src/i18n, each once, English first', async () => {
    const files = (await readdir(fileURLToPath(new URL('../../src/i18n/', import.meta.url))))
      .filter((file) => /^[a-z]{2,3}(-[A-Z]{2})?\.ts$/.test(file))
      .map((file) => file.slice(0, -3))
      .sort();
    expect([...shipped].sort()).toEqual(files);
    expect(shipped[0]).toBe('en');
    expect(new Set(shipped).size).toBe(shipped.length);
  });

  test('direction: Arabic, Hebrew and Persian are right-to-left, and so is any region of them', () => {
    expect(shippedLanguages.filter((language) => language.dir === 'rtl').map((language) => language.tag)).toEqual(['ar', 'fa', 'he']);
    expect(shippedLanguages.every((language) => languageDirection(language.tag) === language.dir)).toBe(true);
    expect(languageDirection('ar-EG')).toBe('rtl');
    expect(languageDirection('az-Arab')).toBe('rtl');
    expect(languageDirection('ku-Latn')).toBe('ltr');
    expect(languageDirection('en-US')).toBe('ltr');
  });
});
