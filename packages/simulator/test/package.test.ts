import { expect, test } from 'vitest';
import * as simulator from '../src/index.js';

test('the package exports the simulator contract and nothing else', () => {
  expect(Object.keys(simulator).sort()).toEqual(
    [
      'BODY_LIMIT',
      'DEFAULT_PASSWORD',
      'DEFAULT_SEED',
      'DEFAULT_TRUSTED_ORIGINS',
      'ManualClock',
      'OffsetClock',
      'DEMO_WEBAUTHN_KEY',
      'SECURITY_QUESTIONS',
      'SeedError',
      'SeedSchema',
      'parseSeed',
      'readSeedFile',
      'startSimulator',
    ].sort(),
  );
});
