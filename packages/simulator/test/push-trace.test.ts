import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestOrg } from './helpers.js';
import { PASSWORD, startOrg } from './helpers.js';

let org: TestOrg;
beforeAll(async () => {
  org = await startOrg();
});
afterAll(() => org.close());

interface Body {
  [key: string]: unknown;
  _embedded?: Record<string, unknown>;
  _links?: Record<string, { href: string }>;
}

describe('push as seed 004 shows it, and where Okta today differs', () => {
  test('Factors API: verify is 202 with Location; activation polls are 202 while waiting, 200 once paired or timed out', async () => {
    const id = await org.createUser('trace.push@example.test');
    const base = `/api/v1/users/${id}/factors`;
    const enrolled = await org.admin('POST', base, { factorType: 'push', provider: 'OKTA' });
    const factorId = (enrolled.body as Body).id as string;
    const waiting = await org.admin('POST', `${base}/${factorId}/lifecycle/activate`, {});
    expect(waiting.status).toBe(202);
    expect(waiting.body).toMatchObject({ factorResult: 'WAITING', _links: { poll: {}, qrcode: {}, send: [{ name: 'email' }, { name: 'sms' }] } });
    expect((await org.admin('POST', `${base}/${factorId}/lifecycle/activate/poll`)).status).toBe(202);
    org.sim.clock.advance(5 * 60_000 + 1);
    const timeout = await org.admin('POST', `${base}/${factorId}/lifecycle/activate/poll`);
    expect(timeout.status).toBe(200);
    expect(timeout.body).toMatchObject({ factorResult: 'TIMEOUT', _links: { activate: {} } });
    expect((await org.admin('POST', `${base}/${factorId}/lifecycle/activate`, {})).status).toBe(202);
    await org.call('POST', `/__sim/push/${factorId}/approve`, {});
    const active = await org.admin('POST', `${base}/${factorId}/lifecycle/activate/poll`);
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({ status: 'ACTIVE' });
    const verify = await org.admin('POST', `${base}/${factorId}/verify`, {});
    expect(verify.status).toBe(202);
    expect(verify.headers.get('location')).toMatch(new RegExp(`/api/v1/users/${id}/factors/${factorId}/transactions/mst`));
  });

  test('?expand=device embeds the paired phone under _embedded.device and links to it; without it, no device', async () => {
    const id = await org.userId('push@example.test');
    const factorId = await org.factorId('push@example.test', 'push');
    const plain = (await org.admin('GET', `/api/v1/users/${id}/factors/${factorId}`)).body as Body;
    expect(plain._embedded).toBeUndefined();
    expect(plain._links?.device).toBeUndefined();
    const expanded = (await org.admin('GET', `/api/v1/users/${id}/factors/${factorId}?expand=device`)).body as Body;
    const device = expanded._embedded?.device as { id: string; profile: Record<string, string> };
    expect(device).toMatchObject({ status: 'ACTIVE', profile: { platform: 'ANDROID', deviceType: 'SmartPhone_Android', name: 'Simulated Pixel', version: '14' } });
    expect(device.id).toMatch(/^mbd[0-9a-f]{17}$/);
    expect(device.profile.udid).toMatch(/^[0-9a-f]{40}$/);
    expect(device.profile.serial).toMatch(/^[0-9A-F]{12}$/);
    expect(expanded._links?.device?.href).toBe(`${org.sim.url}/api/v1/users/${id}/devices/${device.id}`);
    const fetched = await org.admin('GET', `/api/v1/users/${id}/devices/${device.id}`);
    expect(fetched.body).toMatchObject({ ...device, _links: { self: { href: expanded._links?.device?.href } } });
    const list = (await org.admin('GET', `/api/v1/users/${id}/factors?expand=device`)).body as Body[];
    expect(list.find((factor) => factor.id === factorId)?._embedded).toMatchObject({ device: { id: device.id } });
    const smsUser = await org.userId('sms.mfa@example.test');
    expect(((await org.admin('GET', `/api/v1/users/${smsUser}/factors?expand=device`)).body as Body[])[0]?._embedded).toBeUndefined();
    expect((await org.admin('GET', `/api/v1/users/${smsUser}/devices/${device.id}`)).body).toMatchObject({ errorCode: 'E0000007' });
    expect((await org.call('GET', `/api/v1/users/${id}/devices/${device.id}`)).body).toMatchObject({ errorCode: 'E0000011' });
  });

  test('the Authentication API answers push WAITING with 200 and shows the device in the factor profile (Okta today), not in _embedded.device', async () => {
    const required = await org.call('POST', '/api/v1/authn', { username: 'push@example.test', password: PASSWORD });
    const factor = ((required.body as Body)._embedded?.factors as Body[])[0] as Body;
    expect(factor.profile).toEqual({ credentialId: 'push@example.test', deviceType: 'SmartPhone_Android', name: 'Simulated Pixel', platform: 'ANDROID', version: '14' });
    expect(factor._embedded).toBeUndefined();
    const stateToken = (required.body as Body).stateToken;
    const waiting = await org.call('POST', `/api/v1/authn/factors/${String(factor.id)}/verify`, { stateToken });
    expect(waiting.status).toBe(200);
    expect(waiting.body).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'WAITING' });
    expect((await org.call('POST', `/api/v1/authn/factors/${String(factor.id)}/verify`, { stateToken })).status).toBe(200);
  });
});
