import { access, readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { shippedTags } from '../../src/i18n/shipped.js';

interface Manifest {
  exports: Record<string, string | { types?: string; import?: string }>;
}

describe('the package exports every shipped language', () => {
  test('each catalogue is @okta-authn/widget/i18n/<tag>.js with its types, and both files are built', async () => {
    const { exports } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as Manifest;
    for (const tag of shippedTags.filter((tag) => tag !== 'en')) {
      expect(exports[`./i18n/${tag}.js`], tag).toEqual({ types: `./dist/i18n/${tag}.d.ts`, import: `./dist/i18n/${tag}.js` });
      await access(new URL(`../../dist/i18n/${tag}.js`, import.meta.url));
      await access(new URL(`../../dist/i18n/${tag}.d.ts`, import.meta.url));
      await access(new URL(`../../dist/browser/i18n/${tag}.js`, import.meta.url));
    }
    expect(exports['./languages.js']).toEqual({ types: './dist/i18n/languages.d.ts', import: './dist/i18n/languages.js' });
  });

  test('a catalogue of the browser build is UTF-8 text, not \\u escapes', async () => {
    const arabic = await readFile(new URL('../../dist/browser/i18n/ar.js', import.meta.url), 'utf8');
    expect(arabic).toContain('تسجيل الدخول');
  });
});
