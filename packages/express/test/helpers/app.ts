import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import type { Agent, Response as SupertestResponse } from 'supertest';
import type { Store } from 'express-session';
import { guardSessionStore, oktaAuthn, requireSession } from '../../src/index.js';
import type { OktaAuthnOptions, OktaAuthnRouter, RequireSessionHandler } from '../../src/index.js';

/** The origin every test app says it is served from (also the simulator's trusted origin). */
export const APP_ORIGIN = 'http://app.test';

/** An app as a user of the package would write it: express-session, the router under /auth, guarded routes. */
export interface TestApp {
  app: express.Express;
  /** Errors that reached the app's error handler, by code. */
  errors: unknown[];
  /** The router mounted under /auth. */
  auth: OktaAuthnRouter;
  /** The guard of /api/me and /page. */
  guard: RequireSessionHandler;
  close(): Promise<void>;
}

/** Builds the app; `guard: false` leaves the protected routes unguarded (for comparisons). */
export function buildApp(options: OktaAuthnOptions, extra: { store?: Store; guard?: boolean; withSession?: boolean } = {}): TestApp {
  const app = express();
  const errors: unknown[] = [];
  if (extra.withSession !== false) {
    app.use(
      guardSessionStore(
        session({
          secret: 'test-secret-for-express-session',
          resave: false,
          saveUninitialized: false,
          store: extra.store,
          cookie: { sameSite: 'lax', httpOnly: true },
        }),
      ),
    );
  }
  // One options object for both halves, as the README says: they then share one Okta client.
  const okta = { appOrigin: APP_ORIGIN, ...options };
  const auth = oktaAuthn(okta);
  app.use('/auth', auth);
  const guard = requireSession(okta);
  const guarded = extra.guard === false ? [] : [guard];
  app.get('/api/me', ...guarded, (req: Request, res: Response) => {
    res.json({ user: req.okta?.user ?? null, amr: req.okta?.session.amr ?? null });
  });
  app.get('/page', ...guarded, (_req: Request, res: Response) => {
    res.type('html').send('<h1>Private page</h1>');
  });
  app.get('/test/bound-okta-session', (req: Request, res: Response) => {
    res.json({ id: req.session?.okta?.session.id ?? null });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    errors.push(error);
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    res.status(status).type('html').send(`<h1>Error page</h1><p>${String((error as { code?: unknown }).code ?? 'error')}</p>`);
  });
  return {
    app,
    errors,
    auth,
    guard,
    close: async () => {
      await Promise.all([auth.close(), guard.close()]);
    },
  };
}

/** Listens on a free loopback port and resolves the server and its URL. */
export async function listen(app: express.Express): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A controllable clock for timeout and cache tests. */
export function testClock(start = Date.UTC(2026, 2, 1, 10, 0, 0)): { now: () => number; advance(ms: number): void } {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}


/** Signs in like the widget's page: fetch the CSRF token, then POST the sessionToken same-origin. */
export async function signIn(agent: Agent, sessionToken: string): Promise<SupertestResponse> {
  const csrf = await agent.get('/auth/csrf').expect(200);
  return agent
    .post('/auth/session')
    .set('origin', APP_ORIGIN)
    .set('x-csrf-token', (csrf.body as { csrfToken: string }).csrfToken)
    .send({ sessionToken });
}

/** The app session cookie currently held by an agent's last response. */
export function sessionCookie(response: SupertestResponse): string | undefined {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return cookies.find((cookie) => cookie.startsWith('connect.sid='))?.split(';')[0];
}
