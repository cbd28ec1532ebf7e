import type { OktaSession } from '@okta-authn/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { OktaAuthnError, sessionMissingError } from './errors.js';
import { log } from './log.js';
import { shareClient } from './okta-sessions.js';
import type { OktaSessionRef, OktaSessionsClient } from './okta-sessions.js';
import { resolveOptions } from './options.js';
import type { OktaAuthnOptions, ResolvedOptions } from './options.js';
import { contextOf, expiredBy, expiredError, readOktaData, safeReturnTo, sendError, touch, wantsHtml } from './session-state.js';
import type { OktaAuthnSessionData, OktaUserProfile } from './types.js';

/** The guard returned by {@link requireSession}; `close()` releases its share of the connections to Okta. */
export type RequireSessionHandler = RequestHandler & {
  /** Releases this guard's share of the Okta client; the pool closes when every middleware built from the same options has been closed. */
  close(): Promise<void>;
};

/**
 * A guard that lets a request through only when its app session is bound to an Okta session that
 * Okta says is ACTIVE, and puts `{ session, user }` on `req.okta`. Browsers are redirected to the
 * login page, API calls get 401 JSON; when Okta cannot answer, 503 (never "signed in", never "signed out").
 * Built from the same options object as the router, it shares the router's Okta client.
 */
export function requireSession(options: OktaAuthnOptions): RequireSessionHandler {
  const resolved = resolveOptions('requireSession()', options);
  const { client, release } = shareClient(options, resolved);
  const check = createSessionCheck(client, { rolling: resolved.rolling, share: resolved.checkInterval > 0, profile: resolved.profile });

  // Synchronous on the cached path (no promise per request); only a real check goes async.
  const guard = function requireOktaSession(req: Request, res: Response, next: NextFunction): void {
    if (!req.session) return next(sessionMissingError());
    const data = readOktaData(req.session);
    if (!data) return deny(req, res, resolved, new OktaAuthnError('ENOSESSION', 'Sign-in required'));
    const now = resolved.now();
    const expired = expiredBy(data, resolved, now);
    if (expired) {
      log('app session %s timeout reached', expired);
      delete req.session.okta;
      return deny(req, res, resolved, expiredError(expired));
    }
    // A binding made without the profile (by a router without `profile`) is checked now to read it.
    const cached = resolved.checkInterval > 0 && now - data.checkedAt < resolved.checkInterval && data.checkedAt <= now;
    if (cached && (!resolved.profile || data.profile)) {
      touch(data, now);
      req.okta = contextOf(data.session, data.profile);
      return next();
    }
    check(data).then(
      (checked) => settle(req, res, next, data, checked, now),
      (error: unknown) => {
        if (!(error instanceof OktaAuthnError)) return next(error);
        unavailable(req, res, next, resolved, error);
      },
    )
      .catch(next);
  };

  const settle = (req: Request, res: Response, next: NextFunction, data: OktaAuthnSessionData, checked: CheckedSession | null, now: number): void => {
    if (!req.session) return next(sessionMissingError());
    if (!checked) {
      log('Okta session has ended; unbinding the app session');
      delete req.session.okta;
      return deny(req, res, resolved, new OktaAuthnError('ENOSESSION', 'The Okta session has ended; sign in again'));
    }
    const { session, profile } = checked;
    if (session.status !== 'ACTIVE') {
      return deny(req, res, resolved, new OktaAuthnError('ESESSIONNOTACTIVE', `The Okta session is ${session.status}, not ACTIVE`));
    }
    data.session = session;
    data.checkedAt = now;
    data.lastSeenAt = now;
    if (profile) data.profile = profile;
    req.okta = contextOf(session, data.profile);
    next();
  };
  return Object.assign(guard, { close: release });
}

/** What a session check learnt: the session, and the user's profile when the `profile` option asked for it. */
export interface CheckedSession {
  /** The Okta session as Okta describes it now. */
  session: OktaSession;
  /** The user's Okta profile; only with `profile` and only for an ACTIVE session. */
  profile?: OktaUserProfile;
}

/**
 * Asks Okta about a session (refreshing it when `rolling`), then, with `profile`, about its user
 * (`/api/v1/users/me`); `null` when Okta no longer knows the session. With `share`, concurrent callers
 * for one session share a single check; without it (checkInterval 0) every caller gets its own answer.
 */
export function createSessionCheck(
  client: OktaSessionsClient,
  options: { rolling: boolean; share: boolean; profile: boolean },
): (data: OktaAuthnSessionData) => Promise<CheckedSession | null> {
  const inflight = new Map<string, Promise<CheckedSession | null>>();
  const ask = async (ref: OktaSessionRef): Promise<CheckedSession | null> => {
    const session = await (options.rolling ? client.refresh(ref) : client.get(ref));
    if (!session || !options.profile || session.status !== 'ACTIVE') return session && { session };
    const profile = await client.profile(ref);
    return profile ? { session, profile } : null;
  };
  return (data) => {
    const ref = { id: data.session.id, sid: data.sid };
    if (!options.share) return ask(ref);
    const pending = inflight.get(data.sid);
    if (pending) return pending;
    const request = ask(ref).finally(() => inflight.delete(data.sid));
    inflight.set(data.sid, request);
    return request;
  };
}

function deny(req: Request, res: Response, options: ResolvedOptions, error: OktaAuthnError): void {
  if (wantsHtml(req)) {
    const returnTo = safeReturnTo(req.originalUrl);
    if (returnTo && req.session) req.session.returnTo = returnTo;
    const target = new URL(options.loginUrl, 'http://placeholder.invalid');
    if (returnTo) target.searchParams.set('returnTo', returnTo);
    const location = /^https?:\/\//.test(options.loginUrl) ? target.href : `${target.pathname}${target.search}${target.hash}`;
    res.set('cache-control', 'no-store').redirect(302, location);
    return;
  }
  sendError(res, error);
}

function unavailable(req: Request, res: Response, next: NextFunction, options: ResolvedOptions, error: OktaAuthnError): void {
  log('session check failed closed: %s (%s)', error.code, error.message);
  if (error.retryAfter !== undefined) res.set('retry-after', String(error.retryAfter));
  if (wantsHtml(req)) {
    if (options.onUnavailable) return options.onUnavailable(error, req, res, next);
    return next(error);
  }
  sendError(res, error);
}
