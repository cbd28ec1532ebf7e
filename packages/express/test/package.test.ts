import { expect, test } from 'vitest';
import { packageName } from '../src/index.js';

test('the package names itself', () => {
  expect(packageName).toBe('@okta-authn/express');
});
