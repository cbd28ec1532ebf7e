import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningSimulator } from '../src/index.js';
import { PASSWORD, assertOktaShape } from './helpers.js';
import { startSimulator } from '../src/index.js';

/** A link found in a response, with the credentials of the request that got it (a link is followed as its finder would). */
interface FoundLink {
  rel: string;
  href: string;
  method: string;
  headers: Record<string, string>;
  from: string;
}

let sim: RunningSimulator;
const deferred = new Map<string, FoundLink>();
const followed: { link: FoundLink; status: number }[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, devControls: true, rateLimits: { perUsernamePerSecond: 1000, authn: 100_000, users: 100_000 } });
});
afterAll(() => sim.close());

/** Every `_links` entry anywhere in a JSON body (arrays of named links too), with the methods it allows. */
function linksIn(value: unknown, found: { rel: string; href: string; methods: string[] }[] = []): typeof found {
  if (Array.isArray(value)) {
    for (const item of value) linksIn(item, found);
    return found;
  }
  if (typeof value !== 'object' || value === null) return found;
  for (const [key, child] of Object.entries(value)) {
    if (key === '_links' && typeof child === 'object' && child !== null) {
      for (const [rel, entry] of Object.entries(child)) {
        for (const link of Array.isArray(entry) ? entry : [entry]) {
          const { href, hints, method } = link as { href?: unknown; hints?: { allow?: string[] }; method?: string };
          if (typeof href !== 'string') continue;
          found.push({ rel, href, methods: hints?.allow ?? (method ? [method] : ['GET']) });
        }
      }
    }
    linksIn(child, found);
  }
  return found;
}

/** Follows one link with its method and records the status (bodies: `{}` for POST/PUT, none otherwise). */
async function follow(link: FoundLink): Promise<void> {
  const hasBody = link.method === 'POST' || link.method === 'PUT';
  const response = await fetch(link.href, {
    method: link.method,
    redirect: 'manual',
    headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}), ...link.headers },
    ...(hasBody ? { body: '{}' } : {}),
  });
  followed.push({ link, status: response.status });
  if (response.headers.get('content-type')?.includes('application/json')) {
    const text = await response.text();
    if (text.length > 0) assertOktaShape(response.status, JSON.parse(text), link.href);
  } else {
    await response.arrayBuffer();
  }
}

/**
 * A request of a flow: its answer's links are collected. GET links are followed at once (safe, and
 * what a QR code or poll link is for); the others after every flow, so they do not disturb them.
 */
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const url = path.startsWith('http') ? path : `${sim.url}${path}`;
  const response = await fetch(url, {
    method,
    redirect: 'manual',
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const parsed = (response.headers.get('content-type')?.includes('application/json') && text.length > 0 ? JSON.parse(text) : {}) as Record<string, unknown>;
  const context = { authorization: headers.authorization, cookie: headers.cookie };
  const credentials = Object.fromEntries(Object.entries(context).filter((entry): entry is [string, string] => entry[1] !== undefined));
  for (const found of linksIn(parsed)) {
    for (const linkMethod of found.methods) {
      const link = { rel: found.rel, href: found.href, method: linkMethod, headers: credentials, from: `${method} ${path}` };
      if (linkMethod === 'GET') await follow(link);
      else if (!deferred.has(`${linkMethod} ${found.href}`)) deferred.set(`${linkMethod} ${found.href}`, link);
    }
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

const admin = (method: string, path: string, body?: unknown) => call(method, path, body, { authorization: `SSWS ${sim.apiToken}` });
const tx = (body: Record<string, unknown>) => String(body.stateToken);
async function lastCode(to: string): Promise<string> {
  const messages = (await (await fetch(`${sim.url}/__sim/outbox?to=${encodeURIComponent(to)}`)).json()) as { code: string }[];
  return messages.at(-1)?.code ?? '';
}

async function passcode(userId: string, factorId: string): Promise<string> {
  return ((await (await fetch(`${sim.url}/__sim/users/${userId}/factors/${factorId}/passcode`)).json()) as { passCode: string }).passCode;
}

async function userId(login: string): Promise<string> {
  return String((await admin('GET', `/api/v1/users/${login}`)).body.id);
}

async function mfa(username: string, answer: (factorId: string, stateToken: string) => Promise<unknown>): Promise<Record<string, unknown>> {
  const required = await call('POST', '/api/v1/authn', { username, password: PASSWORD });
  const factorId = (required.body._embedded as { factors: { id: string }[] }).factors[0]?.id ?? '';
  await answer(factorId, tx(required.body));
  return required.body;
}

/** A session from a sessionToken, seen by its browser (`/sessions/me`, with the cookie) or by an admin (`/sessions/{id}`). */
async function session(sessionToken: unknown, seenBy: 'browser' | 'admin'): Promise<void> {
  const created = await call('POST', '/api/v1/sessions', { sessionToken });
  const sid = String(created.body.id);
  if (seenBy === 'browser') await call('GET', '/api/v1/sessions/me', undefined, { cookie: `sid=${sid}` });
  else await admin('GET', `/api/v1/sessions/${sid}`);
}

describe('every link the simulator publishes answers', () => {
  test('sign-in, MFA with each factor, enrollment, recovery and management flows; then every link followed: no 404, no 405', async () => {
    // Password only, then a session and its links.
    const plain = await call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
    await session(plain.body.sessionToken, 'browser');

    // MFA: SMS, voice call, email (empty passCode sends), question, TOTP, RSA, YubiKey, push.
    for (const [login, to] of [['sms.mfa@example.test', '+15552024201'], ['call.mfa@example.test', '+15552024202'], ['email.mfa@example.test', 'email.mfa@example.test']] as const) {
      await mfa(login, async (factorId, stateToken) => {
        await call('POST', `/api/v1/authn/factors/${factorId}/verify`, { stateToken, passCode: '' });
        const done = await call('POST', `/api/v1/authn/factors/${factorId}/verify`, { stateToken, passCode: await lastCode(to) });
        expect(done.body.status).toBe('SUCCESS');
      });
    }
    await mfa('question.mfa@example.test', async (factorId, stateToken) => {
      expect((await call('POST', `/api/v1/authn/factors/${factorId}/verify`, { stateToken, answer: 'mayonnaise' })).body.status).toBe('SUCCESS');
    });
    for (const login of ['totp.google@example.test', 'rsa@example.test', 'yubikey@example.test']) {
      const id = await userId(login);
      await mfa(login, async (factorId, stateToken) => {
        const done = await call('POST', `/api/v1/authn/factors/${factorId}/verify`, { stateToken, passCode: await passcode(id, factorId) });
        expect(done.body.status).toBe('SUCCESS');
      });
    }
    for (const login of ['push@example.test', 'push.number@example.test']) {
      await mfa(login, async (factorId, stateToken) => {
        const waiting = await call('POST', `/api/v1/authn/factors/${factorId}/verify`, { stateToken });
        const challenge = (waiting.body._embedded as { factor: { _embedded?: { challenge?: { correctAnswer: number } } } }).factor._embedded?.challenge;
        await call('POST', `/__sim/push/${factorId}/approve`, challenge ? { answer: challenge.correctAnswer } : {});
        const done = await call('POST', `/api/v1/authn/factors/${factorId}/verify`, { stateToken });
        expect(done.body.status).toBe('SUCCESS');
        await session(done.body.sessionToken, login === 'push@example.test' ? 'admin' : 'browser');
      });
    }

    // Enrollment: TOTP (QR code), SMS (resend), push (send, poll), then skip.
    const created = await admin('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'Link', lastName: 'Walker', email: 'link.walker@example.test', login: 'link.walker@example.test' },
      credentials: { password: { value: PASSWORD }, recovery_question: { question: 'First robot?', answer: 'Babbage' } },
    });
    const walker = String(created.body.id);
    await call('PUT', `/__sim/users/${walker}/policy`, { mfa: 'required', enroll: [{ factorType: 'token:software:totp', provider: 'GOOGLE' }] });
    const enroll = await call('POST', '/api/v1/authn', { username: 'link.walker@example.test', password: PASSWORD, options: { multiOptionalFactorEnroll: true } });
    const totp = await call('POST', '/api/v1/authn/factors', { stateToken: tx(enroll.body), factorType: 'token:software:totp', provider: 'GOOGLE' });
    const totpId = String((totp.body._embedded as { factor: { id: string } }).factor.id);
    const more = await call('POST', `/api/v1/authn/factors/${totpId}/lifecycle/activate`, { stateToken: tx(totp.body), passCode: await passcode(walker, totpId) });
    expect(more.body.status).toBe('MFA_ENROLL');
    const sms = await call('POST', '/api/v1/authn/factors', { stateToken: tx(more.body), factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15556660001' } });
    const smsId = String((sms.body._embedded as { factor: { id: string } }).factor.id);
    const afterSms = await call('POST', `/api/v1/authn/factors/${smsId}/lifecycle/activate`, { stateToken: tx(sms.body), passCode: await lastCode('+15556660001') });
    const push = await call('POST', '/api/v1/authn/factors', { stateToken: tx(afterSms.body), factorType: 'push', provider: 'OKTA' });
    const pushId = String((push.body._embedded as { factor: { id: string } }).factor.id);
    await call('POST', `/api/v1/authn/factors/${pushId}/lifecycle/activate/poll`, { stateToken: tx(push.body) });
    await call('POST', `/__sim/push/${pushId}/approve`, {});
    const afterPush = await call('POST', `/api/v1/authn/factors/${pushId}/lifecycle/activate/poll`, { stateToken: tx(push.body) });
    expect(afterPush.body.status).toBe('MFA_ENROLL');
    expect((await call('POST', '/api/v1/authn/skip', { stateToken: tx(afterPush.body) })).body.status).toBe('SUCCESS');

    // SP-initiated step-up: UNAUTHENTICATED (authenticate, the app's logo), then SUCCESS, whose `original` link finishes it.
    const stepUp = await call('POST', '/__sim/step-up', {});
    await call('POST', '/api/v1/authn', { stateToken: stepUp.body.stateToken });
    const stepUpDone = await call('POST', '/api/v1/authn', { stateToken: stepUp.body.stateToken, username: 'plain@example.test', password: PASSWORD });
    expect(stepUpDone.body.status).toBe('SUCCESS');

    // Expired and expiring passwords.
    await call('POST', '/api/v1/authn', { username: 'password.expired@example.test', password: PASSWORD });
    await call('POST', '/api/v1/authn', { username: 'password.warn@example.test', password: PASSWORD, options: { warnBeforePasswordExpired: true } });

    // Recovery: public SMS (challenge, answer, reset), trusted (recoveryToken), email, lockout and unlock.
    const challenge = await call('POST', '/api/v1/authn/recovery/password', { username: 'recovery@example.test', factorType: 'SMS' });
    const recovery = await call('POST', '/api/v1/authn/recovery/factors/SMS/verify', { stateToken: tx(challenge.body), passCode: await lastCode('+15552024204') });
    const reset = await call('POST', '/api/v1/authn/recovery/answer', { stateToken: tx(recovery.body), answer: 'Babbage' });
    expect(reset.body.status).toBe('PASSWORD_RESET');
    await call('POST', '/api/v1/authn/credentials/reset_password', { stateToken: tx(reset.body), newPassword: 'Links-Passw0rd!' });
    const trusted = await admin('POST', '/api/v1/authn/recovery/password', { username: 'mary.jane@example.test' });
    await call('POST', '/api/v1/authn/recovery/token', { recoveryToken: trusted.body.recoveryToken });
    await call('POST', '/api/v1/authn/recovery/unlock', { username: 'mary.jane@example.test', factorType: 'EMAIL' });
    for (let attempt = 0; attempt < 3; attempt += 1) await call('POST', '/api/v1/authn', { username: 'locked.out@example.test', password: 'wrong' });

    // Management: users by status, factors (lists, catalog, enrollment, verification), sessions.
    await admin('GET', '/api/v1/users');
    await admin('GET', `/api/v1/users/${walker}`);
    await admin('GET', `/api/v1/users/${walker}/factors`);
    await admin('GET', `/api/v1/users/${walker}/factors/catalog`);
    await admin('GET', `/api/v1/users/${walker}/factors/${pushId}?expand=device`);
    sim.clock.advance(31_000);
    const apiSms = await admin('POST', `/api/v1/users/${walker}/factors/${smsId}/verify`, {});
    expect(apiSms.body.factorResult).toBe('CHALLENGE');
    await admin('POST', `/api/v1/users/${walker}/factors/${pushId}/verify`, {});
    const email = await admin('POST', `/api/v1/users/${walker}/factors`, { factorType: 'email', provider: 'OKTA' });
    expect(email.body.status).toBe('PENDING_ACTIVATION');
    const apiPush = await admin('POST', `/api/v1/users/${await userId('plain@example.test')}/factors`, { factorType: 'push', provider: 'OKTA' });
    await admin('POST', `/api/v1/users/${await userId('plain@example.test')}/factors/${String(apiPush.body.id)}/lifecycle/activate`, {});
    const staged = await admin('POST', '/api/v1/users?activate=false', { profile: { firstName: 'S', lastName: 'T', email: 'links.staged@example.test', login: 'links.staged@example.test' } });
    await admin('POST', '/api/v1/users?activate=true', { profile: { firstName: 'P', lastName: 'V', email: 'links.provisioned@example.test', login: 'links.provisioned@example.test' } });
    await admin('GET', '/api/v1/users/links.provisioned@example.test');
    await admin('GET', '/api/v1/users/locked.out@example.test');
    await admin('GET', '/api/v1/users/password.expired@example.test');
    await admin('POST', `/api/v1/users/${walker}/lifecycle/reset_password?sendEmail=false`);
    await admin('GET', `/api/v1/users/${walker}`);
    await admin('POST', `/api/v1/users/${String(staged.body.id)}/lifecycle/deactivate`);
    await admin('GET', `/api/v1/users/${String(staged.body.id)}`);

    // Now the links that change something, in an order that keeps what they point at alive: POST/PUT,
    // then DELETE (deepest first), then deactivating users (which ends their sessions).
    const stage = (link: FoundLink): number => (link.rel === 'deactivate' ? 2 : link.method === 'DELETE' ? 1 : 0);
    const rest = [...deferred.values()].sort((a, b) => stage(a) - stage(b) || (stage(a) === 1 ? b.href.length - a.href.length : 0));
    for (const link of rest) await follow(link);

    const rels = new Set(followed.map(({ link }) => link.rel));
    for (const rel of ['next', 'prev', 'cancel', 'skip', 'resend', 'verify', 'enroll', 'questions', 'qrcode', 'send', 'poll', 'activate', 'self', 'refresh', 'user', 'factor', 'device', 'logo']) {
      expect(rels, `a ${rel} link was followed`).toContain(rel);
    }
    for (const rel of ['resetPassword', 'expirePassword', 'forgotPassword', 'changePassword', 'changeRecoveryQuestion', 'deactivate', 'unlock', 'reactivate']) {
      expect(rels, `a ${rel} link was followed`).toContain(rel);
    }
    const broken = followed.filter(({ status }) => status === 404 || status === 405).map(({ link, status }) => `${status} ${link.method} ${link.href} (${link.rel}, from ${link.from})`);
    expect(broken).toEqual([]);
    expect(followed.length).toBeGreaterThan(150);
  });
});

describe('a push a newer one replaced', () => {
  test('its poll link answers TIMEOUT and its cancel link 204 without touching the newer push; an id it never sent is 404', async () => {
    const userId = String((await admin('GET', '/api/v1/users/push@example.test')).body.id);
    const factors = (await admin('GET', `/api/v1/users/${userId}/factors`)).body as unknown as { id: string }[];
    const factorId = factors[0]?.id ?? '';
    const first = await admin('POST', `/api/v1/users/${userId}/factors/${factorId}/verify`, {});
    const second = await admin('POST', `/api/v1/users/${userId}/factors/${factorId}/verify`, {});
    const firstPoll = String(first.headers.get('location'));
    const secondPoll = String(second.headers.get('location'));
    expect((await admin('GET', firstPoll)).body).toMatchObject({ factorResult: 'TIMEOUT', _links: { verify: {}, factor: {} } });
    expect((await admin('DELETE', firstPoll)).status).toBe(204);
    expect((await admin('GET', secondPoll)).body).toMatchObject({ factorResult: 'WAITING' });
    const unknown = `${secondPoll.slice(0, secondPoll.lastIndexOf('/'))}/mst0000000000000000a`;
    expect((await admin('GET', unknown)).body).toMatchObject({ errorCode: 'E0000007' });
    expect((await admin('DELETE', secondPoll)).status).toBe(204);
    expect((await admin('GET', secondPoll)).body).toMatchObject({ factorResult: 'TIMEOUT' });
  });
});
