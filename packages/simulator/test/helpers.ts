import { expect } from 'vitest';
import type { Factor } from '@okta-authn/core';
import { AuthnClient, OktaErrorBodySchema, parseOktaError, parseTransaction } from '@okta-authn/core';
import type { OutboxMessage, RunningSimulator, SimulatorOptions } from '../src/index.js';
import { startSimulator } from '../src/index.js';

/** The password of every default-seed user. */
export const PASSWORD = 'Sim-Passw0rd!';

/** A raw HTTP answer. */
export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Checks that a response is Okta-shaped: errors parse with parseOktaError, transactions with parseTransaction. */
export function assertOktaShape(status: number, body: unknown, url = '/api/v1/authn'): void {
  if (status >= 400) {
    const strict = OktaErrorBodySchema.safeParse(body);
    expect(strict.success, `error body ${JSON.stringify(body)}`).toBe(true);
    const record = body as Record<string, unknown>;
    expect(record.errorLink).toBe(record.errorCode);
    expect(Array.isArray(record.errorCauses)).toBe(true);
    expect(String(record.errorId)).toMatch(/^oae/);
    expect(parseOktaError(body, status).errorCode).toBe(record.errorCode);
    expect(status).toBeLessThan(500);
    return;
  }
  if (url.includes('/api/v1/authn') && typeof body === 'object' && body !== null && 'status' in body) {
    parseTransaction(body);
  }
}

/** A started simulator plus helpers to drive it over HTTP. */
export interface TestOrg {
  sim: RunningSimulator;
  client: AuthnClient;
  /** Sends a request; every answer is checked for Okta's shapes. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** Same as `call` with the admin API token. */
  admin(method: string, path: string, body?: unknown): Promise<Answer>;
  /** Outbox messages to `to`, oldest first. */
  outbox(to: string): Promise<OutboxMessage[]>;
  /** The last code sent to `to`. */
  lastCode(to: string): Promise<string>;
  /** Creates an active user with {@link PASSWORD} through the management API, puts `policy` through the dev control, and answers its id. */
  createUser(login: string, policy?: Record<string, unknown>): Promise<string>;
  /** The id of a user by login. */
  userId(login: string): Promise<string>;
  /** The id of a user's factor by type. */
  factorId(login: string, factorType: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a simulator on port 0 with dev controls and generous rate limits. */
export async function startOrg(options: SimulatorOptions = {}): Promise<TestOrg> {
  const sim = await startSimulator({ port: 0, devControls: true, rateLimits: { perUsernamePerSecond: 1000, authn: 100_000 }, ...options });
  const checkedFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.clone().text();
    if (response.headers.get('content-type')?.includes('application/json') && text.length > 0) {
      assertOktaShape(response.status, JSON.parse(text), response.url);
    }
    return response;
  };
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await checkedFetch(path.startsWith('http') ? path : `${sim.url}${path}`, {
      method,
      redirect: 'manual',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('application/json') && text.length > 0) parsed = JSON.parse(text);
    return { status: response.status, body: parsed, headers: response.headers };
  };
  const admin = (method: string, path: string, body?: unknown) => call(method, path, body, { authorization: `SSWS ${sim.apiToken}` });
  const outbox = async (to: string) => (await call('GET', `/__sim/outbox?to=${encodeURIComponent(to)}`)).body as OutboxMessage[];
  return {
    sim,
    client: new AuthnClient({ baseUrl: sim.url, fetch: checkedFetch }),
    call,
    admin,
    outbox,
    async lastCode(to) {
      const messages = await outbox(to);
      const code = messages.at(-1)?.code;
      if (!code) throw new Error(`no code sent to ${to}`);
      return code;
    },
    async createUser(login, policy) {
      const created = await admin('POST', '/api/v1/users?activate=true', {
        profile: { firstName: 'Test', lastName: 'Person', email: login, login },
        credentials: { password: { value: PASSWORD } },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      const id = (created.body as { id: string }).id;
      if (policy) expect((await call('PUT', `/__sim/users/${id}/policy`, policy)).status).toBe(200);
      return id;
    },
    async userId(login) {
      const answer = await admin('GET', `/api/v1/users/${encodeURIComponent(login)}`);
      return (answer.body as { id: string }).id;
    },
    async factorId(login, factorType) {
      const id = (await admin('GET', `/api/v1/users/${encodeURIComponent(login)}`)).body as { id: string };
      const factors = (await admin('GET', `/api/v1/users/${id.id}/factors`)).body as { id: string; factorType: string }[];
      const factor = factors.find((candidate) => candidate.factorType === factorType);
      if (!factor) throw new Error(`${login} has no ${factorType} factor`);
      return factor.id;
    },
    close: () => sim.close(),
  };
}

/** The factor of a type (and provider) a transaction offers in `_embedded.factors`. */
export function offeredFactor(tx: { raw: Record<string, unknown> }, factorType: string, provider = 'OKTA'): Factor {
  const factors = (tx.raw._embedded as { factors: Factor[] }).factors;
  const found = factors.find((factor) => factor.factorType === factorType && factor.provider === provider);
  if (!found) throw new Error(`no ${factorType}/${provider} offered`);
  return found;
}

/** The factor being enrolled or activated (`_embedded.factor`). */
export function enrolledFactor(tx: { raw: Record<string, unknown> }): Factor {
  return (tx.raw._embedded as { factor: Factor }).factor;
}
