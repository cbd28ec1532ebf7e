import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestOrg } from './helpers.js';
import { PASSWORD, assertOktaShape, startOrg } from './helpers.js';

let org: TestOrg;
let userId: string;
let factorId: string;
beforeAll(async () => {
  org = await startOrg();
  userId = await org.userId('push@example.test');
  factorId = await org.factorId('push@example.test', 'push');
});
afterAll(() => org.close());

const ROUTES: [string, string][] = [
  ['POST', '/api/v1/authn'],
  ['POST', '/api/v1/authn/introspect'],
  ['POST', '/api/v1/authn/cancel'],
  ['POST', '/api/v1/authn/previous'],
  ['POST', '/api/v1/authn/skip'],
  ['POST', '/api/v1/authn/credentials/change_password'],
  ['POST', '/api/v1/authn/credentials/reset_password'],
  ['POST', '/api/v1/authn/factors'],
  ['POST', '/api/v1/authn/factors/{factorId}/verify'],
  ['POST', '/api/v1/authn/factors/{factorId}/verify/resend'],
  ['POST', '/api/v1/authn/factors/{factorId}/lifecycle/activate'],
  ['POST', '/api/v1/authn/factors/{factorId}/lifecycle/activate/poll'],
  ['POST', '/api/v1/authn/factors/{factorId}/lifecycle/activate/sms'],
  ['POST', '/api/v1/authn/factors/{factorId}/lifecycle/resend'],
  ['POST', '/api/v1/authn/recovery/password'],
  ['POST', '/api/v1/authn/recovery/unlock'],
  ['POST', '/api/v1/authn/recovery/factors/SMS/verify'],
  ['POST', '/api/v1/authn/recovery/factors/SMS/resend'],
  ['POST', '/api/v1/authn/recovery/token'],
  ['POST', '/api/v1/authn/recovery/answer'],
  ['GET', '/login/sessionCookieRedirect'],
  ['POST', '/api/v1/sessions'],
  ['GET', '/api/v1/sessions/me'],
  ['DELETE', '/api/v1/sessions/me'],
  ['POST', '/api/v1/sessions/me/lifecycle/refresh'],
  ['GET', '/api/v1/sessions/{sessionId}'],
  ['DELETE', '/api/v1/sessions/{sessionId}'],
  ['POST', '/api/v1/users'],
  ['GET', '/api/v1/users/{userId}'],
  ['POST', '/api/v1/users/{userId}/lifecycle/expire_password'],
  ['POST', '/api/v1/users/{userId}/lifecycle/unlock'],
  ['POST', '/api/v1/users/{userId}/lifecycle/activate?sendEmail=false'],
  ['POST', '/api/v1/users/{userId}/lifecycle/reactivate'],
  ['GET', '/login/step-up/redirect?stateToken=00x'],
  ['GET', '/app/simulated_saml_app/sso/saml'],
  ['GET', '/api/v1/users/{userId}/factors'],
  ['POST', '/api/v1/users/{userId}/factors'],
  ['POST', '/api/v1/users/{userId}/factors/{factorId}/verify'],
  ['POST', '/api/v1/users/{userId}/factors/{factorId}/lifecycle/activate'],
  ['GET', '/api/v1/users/{userId}/factors/{factorId}/transactions/mst0000000000000000'],
  ['GET', '/api/v1/users/{userId}/factors/{factorId}/qr/x'],
  ['GET', '/__sim/outbox'],
  ['POST', '/__sim/push/{factorId}/approve'],
  ['POST', '/__sim/clock/advance'],
  ['PUT', '/__sim/users/{userId}/policy'],
  ['GET', '/__sim/users/{userId}/factors/{factorId}/passcode'],
  ['POST', '/__sim/step-up'],
];

const BODIES: (string | undefined)[] = [
  '{"username": ',
  '[]',
  '"just a string"',
  'null',
  '{"stateToken": 12, "username": ["a"], "password": {"$ne": null}, "passCode": true, "answer": 1, "seconds": "10", "mfa": "maybe", "profile": 7, "sessionToken": null, "recoveryToken": [], "token": 5, "appName": {}, "signInUrl": 1}',
  '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
  JSON.stringify({ stateToken: '00'.padEnd(100_000, 'x') }),
  `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
];

function fill(path: string): string {
  return path.replace('{factorId}', factorId).replace('{userId}', userId).replace('{sessionId}', '102notARealSession0000000');
}

async function send(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${org.sim.url}${path}`, {
    method,
    headers: { accept: 'application/json', ...headers },
    ...(body !== undefined && method !== 'GET' ? { body } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text.length > 0 && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

describe('hostile input', () => {
  test('malformed, mistyped, polluting and oversized bodies get Okta-shaped 4xx on every route', async () => {
    for (const [method, template] of ROUTES) {
      const path = fill(template);
      for (const body of BODIES) {
        for (const auth of [{}, { authorization: `SSWS ${org.sim.apiToken}` }] as Record<string, string>[]) {
          const answer = await send(method, path, body, { 'content-type': 'application/json', ...auth });
          const label = `${method} ${template} ${body?.slice(0, 40)}`;
          expect(answer.status, label).toBeLessThan(500);
          if (answer.status >= 400) assertOktaShape(answer.status, answer.json);
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('oversized bodies are 413, non-JSON bodies 400 E0000018, broken JSON 400 E0000003', async () => {
    const huge = await send('POST', '/api/v1/authn', JSON.stringify({ username: 'x'.repeat(200_000) }), { 'content-type': 'application/json' });
    expect(huge.status).toBe(413);
    expect(huge.json).toMatchObject({ errorCode: 'E0000003' });
    const form = await send('POST', '/api/v1/authn', 'username=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    expect(form.json).toMatchObject({ errorCode: 'E0000018' });
    const broken = await send('POST', '/api/v1/authn', '{"username":', { 'content-type': 'application/json' });
    expect(broken.json).toMatchObject({ errorCode: 'E0000003', errorSummary: 'The request body was not well-formed.' });
    const types = await send('POST', '/api/v1/authn', '{"username": 1, "password": []}', { 'content-type': 'application/json' });
    expect(types.status).toBe(400);
    expect(types.json).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: authRequest' });
    expect(JSON.stringify(types.json)).toContain('username');
  });

  test('unknown paths are 404 E0000008, wrong methods 405 E0000022, bad query types 400', async () => {
    const unknown = await send('GET', '/api/v1/nope', undefined, {});
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ errorCode: 'E0000008' });
    const encoded = await send('GET', '/api/v1/%E0%A4%A', undefined, {});
    expect(encoded.status).toBeLessThan(500);
    const wrongMethod = await send('GET', '/api/v1/authn', undefined, {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json).toMatchObject({ errorCode: 'E0000022' });
    const query = await send('POST', `/api/v1/authn/factors/${factorId}/verify?rememberDevice=yes&rememberDevice=no`, '{"stateToken":"00x"}', { 'content-type': 'application/json' });
    expect(query.status).toBe(400);
    const redirect = await send('GET', '/login/sessionCookieRedirect?token=a&token=b&redirectUrl=javascript:alert(1)', undefined, {});
    expect(redirect.status).toBe(400);
    const header = await send('GET', `/api/v1/users/${userId}`, undefined, { authorization: 'Bearer abc' });
    expect(header.status).toBe(401);
  });

  test('no response carries a password, an answer or a stack trace, and the server still works afterwards', async () => {
    const answer = await send('POST', '/api/v1/authn', JSON.stringify({ username: 'plain@example.test', password: 'wrong-secret-value' }), { 'content-type': 'application/json' });
    expect(JSON.stringify(answer.json)).not.toContain('wrong-secret-value');
    const users = await send('GET', '/api/v1/users', undefined, { authorization: `SSWS ${org.sim.apiToken}` });
    expect(JSON.stringify(users.json)).not.toMatch(/scrypt|Babbage|mayonnaise|Sim-Passw0rd/);
    const alive = await org.client.signIn({ username: 'plain@example.test', password: PASSWORD });
    expect(alive.status).toBe('SUCCESS');
  });
});
