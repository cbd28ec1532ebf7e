import express from 'express';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import * as z from 'zod';
import { CSRF_FIELD, CSRF_HEADER, csrfToken, originSet, verifyCsrf, verifyOrigin } from './csrf.js';
import { OktaAuthnError, sessionMissingError } from './errors.js';
import { log } from './log.js';
import { shareClient } from './okta-sessions.js';
import type { ExchangedSession } from './okta-sessions.js';
import { resolveOptions } from './options.js';
import type { OktaAuthnOptions } from './options.js';
import type { OktaAuthnSessionData } from './types.js';
import { createSessionCheck } from './require-session.js';
import { memoryAttemptStore } from './throttle.js';
import { contextOf, expiredBy, expiredError, publicSession, readOktaData, regenerate, safeReturnTo, save, sendError } from './session-state.js';

/** The router returned by {@link oktaAuthn}; `close()` releases its share of the connections to Okta. */
export type OktaAuthnRouter = Router & {
  /** Releases this router's share of the Okta client; the pool closes when every middleware built from the same options has been closed. */
  close(): Promise<void>;
};

/**
 * The answer of `DELETE /session`: whether the Okta session was closed (`'closed'`, also when it was
 * already gone), could not be closed because Okta did not answer (`'not-closed'`; the app session is
 * signed out anyway), or there was no sign-in to end (`'none'`); and the CSRF token of the new app session.
 */
export interface LogoutAnswer {
  /** What happened to the Okta session. */
  okta: 'closed' | 'not-closed' | 'none';
  /** CSRF token of the app session after logout (the old one no longer works). */
  csrfToken: string;
}

const ExchangeBodySchema = z.object({
  sessionToken: z.string({ error: 'sessionToken is required and must be a string' }).min(1, 'sessionToken must not be empty').max(512, 'sessionToken is too long'),
});

/**
 * The session routes, to mount under a path of your app (e.g. `app.use('/auth', oktaAuthn(options))`),
 * after express-session:
 * `GET /csrf` (the page's CSRF token), `POST /session` (`{ sessionToken }` → app session bound to an
 * Okta session), `GET /session` (the current Okta session), `DELETE /session` (closes both) and
 * `POST /logout` (closes both from a plain HTML form, then redirects to `logoutRedirect`).
 */
export function oktaAuthn(options: OktaAuthnOptions): OktaAuthnRouter {
  const resolved = resolveOptions('oktaAuthn()', options);
  if (!resolved.appOrigin) {
    throw new TypeError('oktaAuthn(): option "appOrigin" is required: the origin of this app, e.g. "https://app.example.com"');
  }
  const appOrigin = new URL(resolved.appOrigin).origin;
  const redirectUrl = resolved.redirectUrl ?? `${appOrigin}/`;
  const allowedOrigins = originSet(appOrigin, resolved.allowedOrigins);
  const { client, release } = shareClient(options, resolved);
  const check = createSessionCheck(client, { rolling: false, share: false, profile: resolved.profile });
  const { max, window, maxPerClient } = resolved.exchangeAttempts;
  const attempts = resolved.attemptStore ?? memoryAttemptStore(resolved.now);
  // Seconds until `key` may try again (0: now), or EATTEMPTSTORE when the store cannot count: fail closed.
  const wait = async (key: string, limit: number): Promise<number> => {
    let counted;
    try {
      counted = await attempts.hit(key, window);
    } catch (error) {
      log('sign-in attempt refused: the attempt store failed (%s)', error instanceof Error ? error.message : typeof error);
      throw new OktaAuthnError('EATTEMPTSTORE', 'Sign-in is unavailable right now: attempts cannot be counted; try again later', {
        cause: error,
        retryAfter: resolved.retryAfter,
      });
    }
    return counted.count <= limit ? 0 : Math.max(1, Math.ceil(counted.resetInMs / 1000));
  };
  const router = express.Router();

  router.use(function requireExpressSession(req: Request, _res: Response, next: NextFunction) {
    if (!req.session) return next(sessionMissingError());
    next();
  });

  router.get('/csrf', handle(async (req, res) => {
    const created = req.session.oktaCsrfToken === undefined;
    const token = csrfToken(req);
    // Stored before it is answered: a token whose session the store did not keep would only fail at sign-in.
    if (created) await save(req, resolved.retryAfter);
    res.set('cache-control', 'no-store').json({ csrfToken: token });
  }));

  router.post('/session', (req, _res, next) => {
    verifyCsrf(req, allowedOrigins);
    next();
  });
  router.post('/session', parsedBody(express.json({ limit: '16kb', strict: true, type: () => true }), 'JSON { "sessionToken": "…" }', '16 KB'), handle(async (req, res) => {
    const body = ExchangeBodySchema.safeParse(req.body);
    if (!body.success) {
      throw new OktaAuthnError('EBADREQUEST', 'The body must be JSON { "sessionToken": "…" }', {
        causes: body.error.issues.map((issue) => issue.message),
      });
    }
    // One client's junk tokens must not use up the org's rate limit for every user: few tries per app
    // session, and, since a new app session is one GET away, a bounded number per client address.
    const sessionWait = await wait(`session:${req.sessionID}`, max);
    const clientWait = req.ip === undefined ? 0 : await wait(`client:${req.ip}`, maxPerClient);
    if (sessionWait > 0 || clientWait > 0) {
      const from = sessionWait > 0 ? 'this session' : 'this address';
      log('sign-in attempt refused: more than %d in %d ms from %s', sessionWait > 0 ? max : maxPerClient, window, from);
      throw new OktaAuthnError('ETOOMANYATTEMPTS', `Too many sign-in attempts from ${from}; try again later`, { retryAfter: Math.max(sessionWait, clientWait) });
    }
    const exchanged: ExchangedSession =
      resolved.exchange === 'sessions-api'
        ? await client.createSession(body.data.sessionToken)
        : await client.exchangeViaRedirect(body.data.sessionToken, redirectUrl);
    const ref = { id: exchanged.session.id, sid: exchanged.sid };
    if (exchanged.session.status !== 'ACTIVE') {
      await client.close(ref).catch(() => undefined);
      throw new OktaAuthnError('ESESSIONNOTACTIVE', `The Okta session is ${exchanged.session.status}, not ACTIVE; finish sign-in first`);
    }
    const profile = resolved.profile ? await readProfile(ref) : undefined;
    const previous = readOktaData(req.session);
    const carried = new Map<string, unknown>();
    for (const key of resolved.carryOver) {
      const value = (req.session as unknown as Record<string, unknown>)[key];
      if (value !== undefined) carried.set(key, value);
    }
    const now = resolved.now();
    let returnTo: string | undefined;
    let token: string;
    try {
      await regenerate(req, resolved.retryAfter);
      for (const [key, value] of carried) (req.session as unknown as Record<string, unknown>)[key] = value;
      req.session.okta = { sid: exchanged.sid, session: exchanged.session, authenticatedAt: now, lastSeenAt: now, checkedAt: now, ...(profile ? { profile } : {}) };
      returnTo = safeReturnTo(req.session.returnTo);
      delete req.session.returnTo;
      token = csrfToken(req);
      await save(req, resolved.retryAfter);
    } catch (error) {
      // Nobody can use an Okta session whose app session was not stored: close it.
      await client.close(ref).catch(() => undefined);
      throw error;
    }
    log('signed in user %s', exchanged.session.userId);
    if (previous && previous.sid !== exchanged.sid) {
      // The replaced Okta session was held only by this server; close it rather than leave it orphaned.
      await client.close({ id: previous.session.id, sid: previous.sid }).catch(() => undefined);
    }
    req.okta = contextOf(exchanged.session, profile);
    res.set('cache-control', 'no-store').json({
      user: req.okta.user,
      session: publicSession(exchanged.session),
      csrfToken: token,
      returnTo: returnTo ?? null,
    });
  }));

  router.get('/session', handle(async (req, res) => {
    const data = readOktaData(req.session);
    if (!data) throw new OktaAuthnError('ENOSESSION', 'Not signed in');
    const now = resolved.now();
    const expired = expiredBy(data, resolved, now);
    if (expired) {
      delete req.session.okta;
      throw expiredError(expired);
    }
    const checked = await check(data);
    if (!checked) {
      log('Okta session has ended; unbinding the app session');
      delete req.session.okta;
      throw new OktaAuthnError('ENOSESSION', 'The Okta session has ended; sign in again');
    }
    const { session, profile } = checked;
    if (session.status !== 'ACTIVE') throw new OktaAuthnError('ESESSIONNOTACTIVE', `The Okta session is ${session.status}, not ACTIVE`);
    data.session = session;
    data.checkedAt = now;
    data.lastSeenAt = now;
    if (profile) data.profile = profile;
    req.okta = contextOf(session, data.profile);
    res.set('cache-control', 'no-store').json({ user: req.okta.user, session: publicSession(session), csrfToken: csrfToken(req) });
  }));

  router.delete('/session', handle(async (req, res) => {
    verifyOrigin(req, allowedOrigins);
    const data = readOktaData(req.session);
    if (!data) {
      // Already signed out: nothing to change, so the page's old CSRF token is not needed (idempotent).
      res.set('cache-control', 'no-store').json({ okta: 'none', csrfToken: csrfToken(req) } satisfies LogoutAnswer);
      return;
    }
    verifyCsrf(req, allowedOrigins);
    res.set('cache-control', 'no-store').json(await signOut(req, data));
  }));

  // A browser's form post answers with pages: its errors go to the app's error handler, not to JSON.
  const formPosts = new WeakSet<Request>();
  router.post(
    '/logout',
    (req, _res, next) => {
      if (req.accepts(['json', 'html']) === 'html') formPosts.add(req);
      verifyOrigin(req, allowedOrigins);
      next();
    },
    parsedBody(express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 20 }), `a form (application/x-www-form-urlencoded) with the ${CSRF_FIELD} field`, '4 KB'),
    handle(async (req, res) => {
      const data = readOktaData(req.session);
      // Without a sign-in there is nothing to end: like DELETE /session, the token is not needed (a second click, another tab).
      if (data) {
        const field: unknown = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
        if (typeof field === 'string') verifyCsrf(req, allowedOrigins, field, `the ${CSRF_FIELD} form field`);
        else verifyCsrf(req, allowedOrigins, req.get(CSRF_HEADER), `the ${CSRF_FIELD} form field (or the ${CSRF_HEADER} header)`);
        await signOut(req, data);
      }
      res.set('cache-control', 'no-store').redirect(303, resolved.logoutRedirect);
    }),
  );

  // Signs the app session out first, whatever Okta says (a logout must never fail open), then closes the Okta session best effort.
  const signOut = async (req: Request, data: OktaAuthnSessionData): Promise<LogoutAnswer> => {
    const ref = { id: data.session.id, sid: data.sid };
    // The app session is signed out first, whatever Okta says: a logout must never fail open.
    let token: string;
    try {
      delete req.session.okta;
      delete req.session.oktaCsrfToken;
      await save(req, resolved.retryAfter);
      await regenerate(req, resolved.retryAfter);
      token = csrfToken(req);
      await save(req, resolved.retryAfter);
    } catch (error) {
      await closeAtOkta(ref, data.session.userId);
      throw error;
    }
    const okta = await closeAtOkta(ref, data.session.userId);
    return { okta, csrfToken: token };
  };

  // The profile is part of signing in: when it cannot be read, nobody can use the new Okta session, so it is closed.
  const readProfile = async (ref: { id: string; sid: string }) => {
    try {
      const profile = await client.profile(ref);
      if (!profile) throw new OktaAuthnError('EOKTAERROR', 'Okta does not know the session it has just created');
      return profile;
    } catch (error) {
      await client.close(ref).catch(() => undefined);
      throw error;
    }
  };

  // Best effort: the app session is already signed out; report whether Okta's session is closed too.
  const closeAtOkta = async (ref: { id: string; sid: string }, userId: string): Promise<'closed' | 'not-closed'> => {
    try {
      const closed = await client.close(ref);
      log('signed out user %s (Okta session %s)', userId, closed ? 'closed' : 'already gone');
      return 'closed';
    } catch (error) {
      const reason = error instanceof OktaAuthnError ? error.code : 'unexpected error';
      log('signed out user %s from the app; the Okta session could not be closed (%s)', userId, reason);
      return 'not-closed';
    }
  };

  router.use(function oktaAuthnErrors(error: unknown, req: Request, res: Response, next: NextFunction) {
    if (error instanceof OktaAuthnError && error.code !== 'ESESSIONMISSING') {
      if (error.status >= 500) log('%s %s (errorId %s)', error.code, error.message, error.errorId);
      if (!formPosts.has(req)) return sendError(res, error);
      // A form post's error page is the app's: its error handler gets the error (status, code) and the Retry-After.
      if (error.retryAfter !== undefined) res.set('retry-after', String(error.retryAfter));
    }
    next(error);
  });

  return Object.assign(router, { close: release });
}

// Express 4 does not forward a rejected promise to the error handlers; Express 5 does. Work with both.
function handle(fn: (req: Request, res: Response) => Promise<void>): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    fn(req, res).catch(next);
  };
}

/**
 * The body parser, with every client-side failure (not `expected`, too large, a charset or `Content-Encoding` it
 * cannot decode, a body that does not inflate) turned into `EBADREQUEST`: never the parser's or zlib's own code.
 */
function parsedBody(parser: RequestHandler, expected: string, maxSize: string): RequestHandler {
  return function oktaParsedBody(req, res, next) {
    parser(req, res, (error?: unknown) => {
      if (error === undefined || error === null || error === 'route' || error === 'router') return next(error as undefined);
      const status = typeof error === 'object' ? (error as { status?: unknown }).status : undefined;
      if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
      next(new OktaAuthnError('EBADREQUEST', `The body must be ${expected}`, { causes: [bodyProblem(error as { type?: unknown }, maxSize)] }));
    });
  };
}

function bodyProblem(error: { type?: unknown }, maxSize: string): string {
  switch (error.type) {
    case 'entity.too.large':
      return `The body is larger than ${maxSize}`;
    case 'parameters.too.many':
      return 'The form has too many fields';
    case 'entity.parse.failed':
      return 'The body is not valid JSON';
    case 'encoding.unsupported':
      return 'The Content-Encoding of the body is not supported';
    case 'charset.unsupported':
      return 'The charset of the body is not supported (use UTF-8)';
    case 'request.aborted':
    case 'request.size.invalid':
      return 'The body does not match its Content-Length';
    default:
      return 'The body could not be decoded with its Content-Encoding';
  }
}
