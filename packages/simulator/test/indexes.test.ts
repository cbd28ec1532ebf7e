import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../src/clock.js';
import type { SimContext } from '../src/context.js';
import { createCorsPolicy } from '../src/cors.js';
import { PasswordPolicyConfigSchema } from '../src/policy.js';
import { RateLimiter, RateLimitsSchema } from '../src/rate-limit.js';
import { SecretHasher } from '../src/secrets.js';
import { Store } from '../src/store.js';
import { createUser } from '../src/users.js';
import type { FactorRecord, UserRecord } from '../src/store.js';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

async function signInStatus(username: string): Promise<number> {
  return (await org.call('POST', '/api/v1/authn', { username, password: PASSWORD })).status;
}

function storedUser(id: string): UserRecord {
  const user = org.sim.store.users.get(id);
  if (!user) throw new Error(`no user ${id}`);
  return user;
}

describe('login index', () => {
  test('a second user whose login differs only in case is refused with 400 E0000001, as Okta does', async () => {
    await org.createUser('Case.Twin@example.test');
    const again = await org.admin('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'Other', lastName: 'Person', email: 'case.twin@example.test', login: 'CASE.TWIN@EXAMPLE.TEST' },
      credentials: { password: { value: PASSWORD } },
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ errorCode: 'E0000001', errorCauses: [{ errorSummary: expect.stringContaining('already exists') }] });
    expect(await signInStatus('case.twin@EXAMPLE.test')).toBe(200);
  });

  test('a renamed user signs in by its new login and short login, no longer by the old ones, and the old login is free again', async () => {
    const id = await org.createUser('before.rename@example.test');
    org.sim.store.renameUser(storedUser(id), 'After.Rename@example.test');
    expect(await signInStatus('after.rename@example.test')).toBe(200);
    expect(await signInStatus('after.rename')).toBe(200);
    expect(await signInStatus('before.rename@example.test')).toBe(401);
    expect(await signInStatus('before.rename')).toBe(401);
    expect(((await org.admin('GET', '/api/v1/users/after.rename@example.test')).body as { id: string }).id).toBe(id);
    expect((await org.admin('GET', '/api/v1/users/before.rename@example.test')).status).toBe(404);
    expect(org.sim.store.users.loginTaken('before.rename@example.test')).toBe(false);
    await org.createUser('before.rename@example.test');
  });

  test('renaming to a login another user has (in any case) throws and changes nothing', async () => {
    const first = await org.createUser('rename.first@example.test');
    await org.createUser('rename.second@example.test');
    expect(() => org.sim.store.renameUser(storedUser(first), 'RENAME.SECOND@example.test')).toThrow(/already belongs/);
    expect(storedUser(first).profile.login).toBe('rename.first@example.test');
    expect(await signInStatus('rename.first@example.test')).toBe(200);
  });

  test('a short login signs in only while exactly one user has it', async () => {
    const first = await org.createUser('shortie@one.example.test');
    await org.createUser('shortie@two.example.test');
    expect(await signInStatus('shortie')).toBe(401);
    org.sim.store.deleteUser(first);
    expect(await signInStatus('shortie')).toBe(200);
  });
});

describe('creating users concurrently', () => {
  test('two creations of one login racing while their passwords hash off the event loop: one user, one 400 E0000001', async () => {
    const clock = new ManualClock();
    const store = new Store();
    store.passwordPolicies.set('default', PasswordPolicyConfigSchema.parse({}));
    const ctx: SimContext = {
      store,
      clock,
      apiToken: 'race-test-token',
      devControls: false,
      cors: createCorsPolicy([]),
      rateLimiter: new RateLimiter(clock, RateLimitsSchema.parse({})),
      secrets: new SecretHasher(10),
      hardwareSecret: Buffer.alloc(32),
      baseUrl: () => 'http://localhost',
      origin: () => 'http://localhost',
    };
    const input = (login: string) => ({ profile: { login, email: 'race@example.test', firstName: 'Race', lastName: 'Condition' }, credentials: { password: { value: PASSWORD } } });
    const results = await Promise.allSettled([createUser(ctx, input('race@example.test'), { activate: true }), createUser(ctx, input('RACE@example.test'), { activate: true })]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toMatchObject({ status: 400, errorCode: 'E0000001' });
    expect(store.users.size).toBe(1);
  });
});

describe('deleting a user', () => {
  test('removes its login, factors, sessions and transactions; the login can be used again', async () => {
    const id = await org.createUser('to.delete@example.test', { mfa: 'required' });
    const enrolled = await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15554040001' } });
    expect(enrolled.status).toBe(200);
    const pending = await org.call('POST', '/api/v1/authn', { username: 'to.delete@example.test', password: PASSWORD });
    expect((pending.body as { status: string }).status).toBe('MFA_REQUIRED');
    org.sim.store.sessions.set('102deleteMe000000000000', { id: '102deleteMe000000000000', userId: id, createdAt: 0, lastActivity: 0, passwordVerifiedAt: null, factorVerifiedAt: null, amr: [] });

    org.sim.store.deleteUser(id);
    expect(org.sim.store.users.has(id)).toBe(false);
    expect(org.sim.store.factorsOf(id)).toEqual([]);
    expect([...org.sim.store.factors.values()].some((factor) => factor.userId === id)).toBe(false);
    expect([...org.sim.store.sessions.values()].some((session) => session.userId === id)).toBe(false);
    expect(org.sim.store.liveTransactionsOf(id, org.sim.clock.now())).toEqual([]);
    const stale = await org.call('POST', '/api/v1/authn', { stateToken: (pending.body as { stateToken: string }).stateToken });
    expect(stale.status).toBe(401);
    expect(await signInStatus('to.delete@example.test')).toBe(401);
    expect((await org.admin('GET', `/api/v1/users/${id}`)).status).toBe(404);

    const reborn = await org.createUser('TO.DELETE@example.test');
    expect(reborn).not.toBe(id);
    expect(org.sim.store.factorsOf(reborn)).toEqual([]);
    expect(await signInStatus('to.delete@example.test')).toBe(200);
  });
});

describe('factor index', () => {
  test('factors added and removed through the Factors API appear and disappear in the list and at sign-in, oldest first', async () => {
    const id = await org.createUser('factor.index@example.test', { mfa: 'required' });
    const sms = await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15554040002' } });
    const email = await org.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: 'email', provider: 'OKTA', profile: { email: 'factor.index@example.test' } });
    const smsId = (sms.body as { id: string }).id;
    const emailId = (email.body as { id: string }).id;
    const listed = async () => ((await org.admin('GET', `/api/v1/users/${id}/factors`)).body as { id: string }[]).map((factor) => factor.id);
    const offered = async () => {
      const tx = await org.call('POST', '/api/v1/authn', { username: 'factor.index@example.test', password: PASSWORD });
      return ((tx.body as { _embedded: { factors: { id: string }[] } })._embedded.factors ?? []).map((factor) => factor.id);
    };
    expect(await listed()).toEqual([smsId, emailId]);
    expect(await offered()).toEqual([smsId, emailId]);

    expect((await org.admin('DELETE', `/api/v1/users/${id}/factors/${smsId}`)).status).toBe(204);
    expect(await listed()).toEqual([emailId]);
    expect(await offered()).toEqual([emailId]);
    expect(org.sim.store.factors.has(smsId)).toBe(false);
  });

  test('a factor stored again keeps its place; one moved to another user leaves the first user', () => {
    const store = new Store();
    const factor = (id: string, userId: string) => ({ id, userId, status: 'ACTIVE' }) as FactorRecord;
    store.factors.set('f1', factor('f1', 'u1'));
    store.factors.set('f2', factor('f2', 'u1'));
    store.factors.set('f1', factor('f1', 'u1'));
    expect(store.factorsOf('u1').map((entry) => entry.id)).toEqual(['f1', 'f2']);
    store.factors.set('f2', factor('f2', 'u2'));
    expect(store.factorsOf('u1').map((entry) => entry.id)).toEqual(['f1']);
    expect(store.factorsOf('u2').map((entry) => entry.id)).toEqual(['f2']);
    store.factors.clear();
    expect(store.factorsOf('u1')).toEqual([]);
  });
});
