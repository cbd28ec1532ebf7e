import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { InvalidInputError, InvalidResponseError, NetworkError, OktaApiError } from '../src/index.js';
import { OktaSessions } from '../src/sessions.js';
import * as sessionsEntry from '../src/sessions.js';
import type { Step } from './helpers.js';
import { ORG, scriptedFetch } from './helpers.js';

const examples = JSON.parse(readFileSync(new URL('./fixtures/api-examples.json', import.meta.url), 'utf8')) as {
  sessions: { json: Record<string, unknown> }[];
  errors: { json: Record<string, unknown> }[];
};
const session = examples.sessions[0]!.json;
const notFound = examples.errors.find(({ json }) => json.errorCode === 'E0000007')!.json;
const ME = `${ORG}/api/v1/sessions/me`;
const REFRESH = `${ME}/lifecycle/refresh`;

function sessionsFor(steps: Step[]) {
  const script = scriptedFetch(steps);
  return { sessions: new OktaSessions({ baseUrl: ORG, fetch: script.fetch }), script };
}

describe('OktaSessions', () => {
  test('the sessions entry exports only OktaSessions at run time', () => {
    expect(Object.keys(sessionsEntry)).toEqual(['OktaSessions']);
  });

  test('get() asks /api/v1/sessions/me with the browser cookie and answers the session as Okta sent it', async () => {
    const { sessions, script } = sessionsFor([{ method: 'GET', url: ME, response: { ...session, extra: 'kept' } }]);
    expect(await sessions.get()).toEqual({ ...session, extra: 'kept' });
    expect(script.calls[0]!.init.credentials).toBe('include');
    expect(script.remaining()).toBe(0);
  });

  test('no session (404 E0000007, or 401) is null from get() and false from exists(), not an error', async () => {
    const { sessions } = sessionsFor([
      { method: 'GET', url: ME, status: 404, response: notFound },
      { method: 'GET', url: ME, status: 404, response: notFound },
      { method: 'GET', url: ME, status: 401, response: { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] } },
    ]);
    expect(await sessions.get()).toBeNull();
    expect(await sessions.exists()).toBe(false);
    expect(await sessions.exists()).toBe(false);
  });

  test('exists() is true only for an ACTIVE session: one waiting for its second factor is not signed in', async () => {
    const { sessions } = sessionsFor([
      { method: 'GET', url: ME, response: session },
      { method: 'GET', url: ME, response: { ...session, status: 'MFA_REQUIRED' } },
    ]);
    expect(await sessions.exists()).toBe(true);
    expect(await sessions.exists()).toBe(false);
  });

  test('a network failure is a NetworkError from exists(), never "signed out"', async () => {
    const { sessions } = sessionsFor([{ method: 'GET', url: ME, networkError: new TypeError('fetch failed') }]);
    const error = await sessions.exists().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', message: 'GET /api/v1/sessions/me failed: fetch failed' });
  });

  test('an org that never answers fails with a NetworkError after timeoutMs', async () => {
    const stalled = (async (_input: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch;
    const sessions = new OktaSessions({ baseUrl: ORG, fetch: stalled, timeoutMs: 20 });
    await expect(sessions.get()).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: 'GET /api/v1/sessions/me timed out after 20 ms' });
  });

  test('other Okta errors are OktaApiErrors with their code (an untrusted page origin is 403, not "no session")', async () => {
    const { sessions } = sessionsFor([
      { method: 'GET', url: ME, status: 403, response: { errorCode: 'E0000015', errorSummary: 'You do not have permission', errorCauses: [] } },
      { method: 'GET', url: ME, status: 429, response: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit', errorCauses: [] } },
      { method: 'GET', url: ME, status: 502, response: '<html>Bad gateway</html>' },
    ]);
    await expect(sessions.exists()).rejects.toMatchObject({ name: 'OktaApiError', errorCode: 'E0000015', status: 403 });
    await expect(sessions.get()).rejects.toMatchObject({ errorCode: 'E0000047', status: 429 });
    const error = await sessions.get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaApiError);
    expect(error).toMatchObject({ errorCode: 'UNEXPECTED_RESPONSE', status: 502 });
  });

  test('a 200 that is not a session is an InvalidResponseError naming each bad field', async () => {
    const { sessions } = sessionsFor([{ method: 'GET', url: ME, response: { id: 7, status: 'ACTIVE' } }]);
    const error = await sessions.get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).issues).toEqual([
      'id: expected string',
      'userId: expected string',
      'login: expected string',
      'expiresAt: expected string',
      'amr: expected array',
    ]);
  });

  test('refresh() POSTs lifecycle/refresh and answers the session with its new expiry; null when there is none', async () => {
    const refreshed = { ...session, expiresAt: '2026-03-01T12:30:00.000Z' };
    const { sessions, script } = sessionsFor([
      { method: 'POST', url: REFRESH, body: {}, response: refreshed },
      { method: 'POST', url: REFRESH, body: {}, status: 404, response: notFound },
    ]);
    expect(await sessions.refresh()).toEqual(refreshed);
    expect(await sessions.refresh()).toBeNull();
    expect(script.calls.map((call) => call.init.credentials)).toEqual(['include', 'include']);
  });

  test('close() DELETEs the session: true when one ended, false when there was none, an error when Okta could not be asked', async () => {
    const { sessions, script } = sessionsFor([
      { method: 'DELETE', url: ME, status: 204 },
      { method: 'DELETE', url: ME, status: 404, response: notFound },
      { method: 'DELETE', url: ME, networkError: new TypeError('fetch failed') },
      { method: 'DELETE', url: ME, status: 500, response: { errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorCauses: [] } },
    ]);
    expect(await sessions.close()).toBe(true);
    expect(await sessions.close()).toBe(false);
    await expect(sessions.close()).rejects.toBeInstanceOf(NetworkError);
    await expect(sessions.close()).rejects.toMatchObject({ errorCode: 'E0000009', status: 500 });
    expect(script.calls[0]!.init.credentials).toBe('include');
  });

  test('bad options are an InvalidInputError before any request; a trailing slash on baseUrl is dropped', () => {
    expect(() => new OktaSessions({ baseUrl: 'org.example.test' })).toThrow(InvalidInputError);
    expect(() => new OktaSessions({ baseUrl: 'org.example.test' })).toThrow('Invalid OktaSessions options: baseUrl: not an absolute URL: org.example.test');
    expect(() => new OktaSessions({ baseUrl: '' })).toThrow('baseUrl');
    expect(() => new OktaSessions({ baseUrl: ORG, timeoutMs: -1 })).toThrow('timeoutMs: expected a whole number');
    expect(new OktaSessions({ baseUrl: `${ORG}/` }).baseUrl).toBe(ORG);
  });
});
