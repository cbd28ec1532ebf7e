import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { parseTransaction } from '@okta-authn/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isOktaAuthnError, startTrustedRecovery } from '../src/index.js';
import type { ErrorCode, TrustedRecoveryInput } from '../src/index.js';
import { startOrg } from './helpers/simulator.js';
import type { TestOrg } from './helpers/simulator.js';

let org: TestOrg;

beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org?.close());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await failure(promise);
  expect(isOktaAuthnError(error, code), String(error)).toBe(true);
}

/** What the element does with a recoveryToken: `POST /api/v1/authn/recovery/token`. */
async function redeem(recoveryToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${org.url}/api/v1/authn/recovery/token`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ recoveryToken }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('startTrustedRecovery() against the simulator', () => {
  test('without factorType, Okta answers RECOVERY with a recoveryToken that the element can redeem, once, for a stateToken', async () => {
    const user = await org.createUser();
    const started = await startTrustedRecovery({ orgUrl: org.url, apiToken: org.apiToken }, { username: user.login, relayState: '/account' });
    expect(started.status).toBe('RECOVERY');
    expect(started.recoveryToken).toEqual(expect.any(String));
    expect(started.transaction).toMatchObject({ status: 'RECOVERY', recoveryType: 'PASSWORD', recoveryToken: started.recoveryToken, relayState: '/account' });
    expect(started.transaction).not.toHaveProperty('stateToken');
    // What the element's `transaction` property takes.
    expect(parseTransaction(started.transaction).status).toBe('RECOVERY');

    const redeemed = await redeem(started.recoveryToken ?? '');
    expect(redeemed.status).toBe(200);
    // The test user has no recovery question, so the redeemed token leads straight to the new password.
    expect(redeemed.body).toMatchObject({ status: 'PASSWORD_RESET', recoveryType: 'PASSWORD', stateToken: expect.any(String) });
    expect((await redeem(started.recoveryToken ?? '')).status).toBeGreaterThanOrEqual(400);
  });

  test("recoveryType UNLOCK starts an unlock the same way (the simulator's default policy allows self-service unlock)", async () => {
    const user = await org.createUser();
    const started = await startTrustedRecovery({ orgUrl: org.url, apiToken: org.apiToken }, { username: user.login, recoveryType: 'UNLOCK' });
    expect(started).toMatchObject({ status: 'RECOVERY', recoveryToken: expect.any(String), transaction: { recoveryType: 'UNLOCK' } });
  });

  test('with factorType EMAIL, Okta mails the link itself: RECOVERY_CHALLENGE and no recoveryToken', async () => {
    const user = await org.createUser();
    const started = await startTrustedRecovery({ orgUrl: org.url, apiToken: org.apiToken }, { username: user.login, factorType: 'EMAIL' });
    expect(started).toMatchObject({ status: 'RECOVERY_CHALLENGE', recoveryToken: null, transaction: { status: 'RECOVERY_CHALLENGE', factorType: 'EMAIL' } });
  });

  test('an unknown username is EUNKNOWNUSER (Okta tells a trusted app; the page must not)', async () => {
    await expectCode(startTrustedRecovery({ orgUrl: org.url, apiToken: org.apiToken }, { username: 'nobody@example.test' }), 'EUNKNOWNUSER');
  });

  test("a password policy without self-service reset is ERECOVERYNOTALLOWED (Okta's E0000034)", async () => {
    const user = await org.createUser();
    const policy = await fetch(`${org.url}/__sim/users/${user.id}/policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recovery: { selfServicePasswordReset: false } }),
    });
    expect(policy.ok).toBe(true);
    const error = await failure(startTrustedRecovery({ orgUrl: org.url, apiToken: org.apiToken }, { username: user.login }));
    expect(isOktaAuthnError(error, 'ERECOVERYNOTALLOWED'), String(error)).toBe(true);
    expect((error as { causes: string[] }).causes[0]).toMatch(/^Okta: E0000034 /);
  });

  test('a wrong API token is EOKTAERROR, never a recovery', async () => {
    const user = await org.createUser();
    const error = await failure(startTrustedRecovery({ orgUrl: org.url, apiToken: 'not-the-token' }, { username: user.login }));
    expect(isOktaAuthnError(error, 'EOKTAERROR'), String(error)).toBe(true);
    expect((error as { causes: string[] }).causes).toContain('Okta: E0000011 Invalid token provided');
  });

  test('bad input is EBADREQUEST with one cause per problem, before Okta is asked', async () => {
    const options = { orgUrl: org.url, apiToken: org.apiToken };
    for (const input of [
      { username: '' },
      { username: '   ' },
      { username: 'x'.repeat(257) },
      { username: 42 },
      { username: 'ada@example.test', factorType: 'PIGEON' },
      { username: 'ada@example.test', recoveryType: 'DELETE' },
      { username: 'ada@example.test', relayState: 'r'.repeat(2049) },
      { username: 'ada@example.test', password: 'x' },
      null,
    ]) {
      const error = await failure(startTrustedRecovery(options, input as unknown as TrustedRecoveryInput));
      expect(isOktaAuthnError(error, 'EBADREQUEST'), JSON.stringify(input)).toBe(true);
      expect((error as { causes: string[] }).causes.length, JSON.stringify(input)).toBeGreaterThan(0);
    }
  });

  test('bad options throw a TypeError that names the option', async () => {
    await expect(startTrustedRecovery({ orgUrl: 'example.okta.com', apiToken: 't' }, { username: 'a' })).rejects.toThrow(/option "orgUrl"/);
    await expect(startTrustedRecovery({ orgUrl: org.url, apiToken: '' }, { username: 'a' })).rejects.toThrow(/option "apiToken"/);
    await expect(startTrustedRecovery({ orgUrl: org.url, apiToken: 't', timeout: 0 }, { username: 'a' })).rejects.toThrow(/option "timeout"/);
    await expect(startTrustedRecovery({ orgUrl: org.url, apiToken: 't', extra: 1 } as never, { username: 'a' })).rejects.toThrow(/unknown option "extra"/);
  });

  test('an Okta that cannot be reached is EOKTAUNAVAILABLE with a retry time', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(startTrustedRecovery({ orgUrl: `http://127.0.0.1:${port}`, apiToken: 't' }, { username: 'ada@example.test' }));
    expect(isOktaAuthnError(error, 'EOKTAUNAVAILABLE'), String(error)).toBe(true);
    expect((error as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
  });
});
