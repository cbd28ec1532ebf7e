import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { OktaAuthnOptions } from '../../src/index.js';
import { buildApp, testClock } from './app.js';
import type { TestApp } from './app.js';

/** How the stub answers the next session requests. */
export type StubMode = 'ok' | 'hang' | 'trickle' | 'rate-limited' | 'server-error' | 'forbidden';

interface StubSession {
  id: string;
  userId: string;
  login: string;
  status: string;
  expiresAt: number;
}

/**
 * A tiny stand-in for Okta's session endpoints, for unit tests of timeouts, 429 and caching
 * (integration tests use the real simulator). Tokens are single use; sessions live in memory.
 */
export interface StubOkta {
  url: string;
  /** Requests received, as `METHOD /path` (query dropped). */
  requests: string[];
  /** How the next requests are answered. */
  mode: StubMode;
  /** Epoch seconds sent as X-Rate-Limit-Reset in `rate-limited` mode. */
  rateLimitReset: number;
  /** How `GET /api/v1/users/me` alone is answered (the other routes follow `mode`): `not-a-user` is a 200 without a profile, `not-found` a 404 while the session lives. */
  usersMe: 'ok' | 'server-error' | 'not-a-user' | 'not-found';
  /** Mints a single-use sessionToken for a user; `sessionId` forces the id of the session it creates. */
  mintToken(login?: string, status?: string, sessionId?: string): string;
  /** Ends every session (as if the user signed out elsewhere). */
  endAllSessions(): void;
  /** Ids of live sessions. */
  sessionIds(): string[];
  /** Stops the server and its open connections. */
  close(): Promise<void>;
}

/** Starts the stub on a free loopback port. */
export async function startStubOkta(options: { apiToken?: string } = {}): Promise<StubOkta> {
  const stub = createStubOkta(options);
  await stub.listen();
  return stub;
}

/**
 * One stub for a test file and the apps its tests build against it (each with its own test clock):
 * starts the stub before the file, closes each test's apps and resets the stub after it, stops it after the file.
 */
export function useStubOkta(options: { apiToken?: string } = {}, appDefaults: Partial<OktaAuthnOptions> = {}) {
  const okta = createStubOkta(options);
  const apps: TestApp[] = [];
  beforeAll(() => okta.listen());
  afterAll(() => okta.close());
  afterEach(async () => {
    okta.mode = 'ok';
    okta.usersMe = 'ok';
    okta.requests.length = 0;
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });
  const makeApp = (overrides: Partial<OktaAuthnOptions> = {}, extra?: Parameters<typeof buildApp>[1]) => {
    const clock = testClock();
    const built = buildApp({ orgUrl: okta.url, clock: clock.now, ...appDefaults, ...overrides }, extra);
    apps.push(built);
    return { ...built, clock, agent: request.agent(built.app) };
  };
  return { okta, makeApp };
}

/** The stub, not listening yet: `listen()` starts it on a free loopback port and sets `url`. */
function createStubOkta(options: { apiToken?: string }): StubOkta & { listen(): Promise<void> } {
  const tokens = new Map<string, { login: string; status: string; sessionId?: string | undefined }>();
  const sessions = new Map<string, StubSession>();
  const hanging = new Set<ServerResponse>();
  let counter = 0;

  const json = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const notFound = (res: ServerResponse) =>
    json(res, 404, { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: me (Session)', errorLink: 'E0000007', errorId: 'oaeStub', errorCauses: [] });
  const invalidToken = (res: ServerResponse) =>
    json(res, 401, { errorCode: 'E0000004', errorSummary: 'Authentication failed', errorLink: 'E0000004', errorId: 'oaeStub', errorCauses: [] });
  const view = (session: StubSession, url: string) => ({
    id: session.id,
    userId: session.userId,
    login: session.login,
    createdAt: new Date().toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
    status: session.status,
    lastPasswordVerification: new Date().toISOString(),
    lastFactorVerification: null,
    amr: ['pwd'],
    idp: { id: '00oStubOrg', type: 'OKTA' },
    mfaActive: false,
    _links: { self: { href: `${url}/api/v1/sessions/me`, hints: { allow: ['GET', 'DELETE'] } } },
  });
  const redeem = (token: string | null): StubSession | undefined => {
    const minted = token ? tokens.get(token) : undefined;
    if (!token || !minted) return undefined;
    tokens.delete(token);
    counter += 1;
    const session: StubSession = {
      id: minted.sessionId ?? `102stub${randomBytes(9).toString('base64url')}`,
      userId: `00ustub${String(counter).padStart(13, '0')}`,
      login: minted.login,
      status: minted.status,
      expiresAt: Date.now() + 2 * 60 * 60_000,
    };
    sessions.set(session.id, session);
    return session;
  };
  const cookieSid = (req: IncomingMessage) => /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const admin = (req: IncomingMessage) => options.apiToken !== undefined && req.headers.authorization === `SSWS ${options.apiToken}`;

  const stub: StubOkta & { listen(): Promise<void> } = {
    url: '',
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    requests: [],
    mode: 'ok',
    rateLimitReset: 0,
    usersMe: 'ok',
    mintToken(login = 'ada@example.test', status = 'ACTIVE', sessionId?: string) {
      const token = `20111${randomBytes(36).toString('base64url')}`;
      tokens.set(token, { login, status, sessionId });
      return token;
    },
    endAllSessions: () => sessions.clear(),
    sessionIds: () => [...sessions.keys()],
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', stub.url);
    stub.requests.push(`${req.method} ${url.pathname}`);
    req.resume();
    req.on('end', () => {
      if (stub.mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (stub.mode === 'trickle') {
        // Headers at once, then one byte of JSON whitespace every 50 ms for as long as the client listens.
        hanging.add(res);
        res.writeHead(200, { 'content-type': 'application/json' });
        const drip = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(drip));
        return;
      }
      if (stub.mode === 'rate-limited') {
        res.writeHead(429, {
          'content-type': 'application/json',
          'x-rate-limit-limit': '10',
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(stub.rateLimitReset),
        });
        res.end(JSON.stringify({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorLink: 'E0000047', errorId: 'oaeStub', errorCauses: [] }));
        return;
      }
      if (stub.mode === 'forbidden') {
        return json(res, 403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action', errorLink: 'E0000006', errorId: 'oaeStub', errorCauses: [] });
      }
      if (stub.mode === 'server-error') return json(res, 500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorLink: 'E0000009', errorId: 'oaeStub', errorCauses: [] });
      route(req, res, url);
    });
  });

  const bodies = new WeakMap<IncomingMessage, string>();
  const route = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/login/sessionCookieRedirect') {
      const session = redeem(url.searchParams.get('token'));
      const redirectUrl = url.searchParams.get('redirectUrl') ?? '/';
      if (!session) {
        res.writeHead(302, { location: `${stub.url}/login/error` });
        return res.end();
      }
      res.writeHead(302, { location: redirectUrl, 'set-cookie': `sid=${session.id}; Path=/; HttpOnly` });
      return res.end();
    }
    if (req.method === 'POST' && path === '/api/v1/sessions') {
      // Anonymous is allowed; an API token that is sent must be the right one.
      if (req.headers.authorization !== undefined && !admin(req)) {
        return json(res, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'oaeStub', errorCauses: [] });
      }
      const token = (JSON.parse(bodies.get(req) ?? '{}') as { sessionToken?: string }).sessionToken ?? null;
      const session = redeem(token);
      return session ? json(res, 200, view(session, stub.url)) : invalidToken(res);
    }
    if (req.method === 'GET' && path === '/api/v1/users/me') {
      // Like Okta: with an API token, "me" is the token's owner (an admin), not the signed-in user.
      if (req.headers.authorization !== undefined) {
        return json(res, 200, { id: '00ustubADMIN', profile: { login: 'admin@example.test', email: 'admin@example.test', firstName: 'Token', lastName: 'Owner' } });
      }
      const sid = cookieSid(req);
      const owner = sid ? sessions.get(sid) : undefined;
      if (!owner) return json(res, 404, { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: me (User)', errorLink: 'E0000007', errorId: 'oaeStub', errorCauses: [] });
      if (stub.usersMe === 'not-found') return json(res, 404, { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: me (User)', errorLink: 'E0000007', errorId: 'oaeStub', errorCauses: [] });
      if (stub.usersMe === 'server-error') return json(res, 500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorLink: 'E0000009', errorId: 'oaeStub', errorCauses: [] });
      if (stub.usersMe === 'not-a-user') return json(res, 200, { id: owner.userId });
      return json(res, 200, {
        id: owner.userId,
        status: 'ACTIVE',
        profile: { login: owner.login, email: owner.login, firstName: 'Ada', lastName: 'Lovelace', locale: 'en_GB', timeZone: 'Europe/London', secondEmail: null, department: 'Analytical Engines' },
      });
    }
    const me = path.startsWith('/api/v1/sessions/me');
    const byId = /^\/api\/v1\/sessions\/([^/]+)(\/lifecycle\/refresh)?$/.exec(path);
    const id = me ? cookieSid(req) : byId && admin(req) ? decodeURIComponent(byId[1] ?? '') : undefined;
    if (!me && byId && !admin(req)) return json(res, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'oaeStub', errorCauses: [] });
    const session = id ? sessions.get(id) : undefined;
    if (!session) return notFound(res);
    if (req.method === 'GET') return json(res, 200, view(session, stub.url));
    if (req.method === 'DELETE') {
      sessions.delete(session.id);
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'POST' && path.endsWith('/lifecycle/refresh')) {
      session.expiresAt = Date.now() + 2 * 60 * 60_000;
      return json(res, 200, view(session, stub.url));
    }
    return json(res, 404, { errorCode: 'E0000008', errorSummary: 'The requested path was not found', errorLink: 'E0000008', errorId: 'oaeStub', errorCauses: [] });
  };

  server.prependListener('request', (req) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => bodies.set(req, text));
  });

  return stub;
}
