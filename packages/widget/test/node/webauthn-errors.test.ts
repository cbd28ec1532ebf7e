import { describe, expect, test } from 'vitest';
import { ceremonyErrorKey, webauthnAvailable } from '../../src/factors/webauthn.js';

describe('what a failed WebAuthn ceremony tells the person', () => {
  test.each([
    ['NotAllowedError', 'factor.webauthn.cancelled'],
    ['AbortError', 'factor.webauthn.cancelled'],
    ['UnknownError', 'factor.webauthn.cancelled'],
    ['InvalidStateError', 'factor.webauthn.registered'],
    ['SecurityError', 'factor.webauthn.unavailable'],
    ['NotSupportedError', 'factor.webauthn.unavailable'],
    ['ConstraintError', 'factor.webauthn.unavailable'],
  ])('a %s says %s', (name, key) => {
    expect(ceremonyErrorKey(new DOMException('from the browser', name))).toBe(key);
  });

  test('anything that is not an error reads as a cancelled ceremony, never as a crash', () => {
    expect(ceremonyErrorKey(undefined)).toBe('factor.webauthn.cancelled');
    expect(ceremonyErrorKey('NotAllowedError')).toBe('factor.webauthn.cancelled');
  });

  test('without PublicKeyCredential (Node, an old browser) security keys are unavailable', () => {
    expect(webauthnAvailable()).toBe(false);
  });
});
