import { describe, expect, test } from 'vitest';

describe('importing the element in Node (SSR)', () => {
  test('the package entry imports without a DOM and exports the element class', async () => {
    const widget = await import('../../src/index.js');
    expect(typeof widget.OktaAuthn).toBe('function');
  });

  test('the registration module imports without a DOM and can run twice', async () => {
    const define = await import('../../src/define.js');
    expect(() => define.defineOktaAuthn()).not.toThrow();
    expect(() => define.defineOktaAuthn()).not.toThrow();
  });

  test('the built modules import in plain Node without a DOM', async () => {
    const index = await import(new URL('../../dist/index.js', import.meta.url).href);
    const define = await import(new URL('../../dist/define.js', import.meta.url).href);
    expect(typeof index.OktaAuthn).toBe('function');
    expect(define.TAG_NAME).toBe('okta-authn');
  });
});
