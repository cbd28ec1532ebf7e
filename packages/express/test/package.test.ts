import { expect, test } from 'vitest';
import * as api from '../src/index.js';

test('the package exports exactly its documented runtime API', () => {
  expect(Object.keys(api).sort()).toEqual([
    'CSRF_FIELD',
    'CSRF_HEADER',
    'ERROR_CODES',
    'OktaAuthnError',
    'csrfProtection',
    'csrfToken',
    'guardSessionStore',
    'isOktaAuthnError',
    'oktaAuthn',
    'redisAttemptStore',
    'requireSession',
    'startTrustedRecovery',
  ]);
});
