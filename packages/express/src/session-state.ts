import type { OktaSession } from '@okta-authn/core';
import type { Request, Response } from 'express';
import type { Session, SessionData } from 'express-session';
import { OktaAuthnError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { OktaAuthnSessionData, OktaRequestContext, OktaUserProfile } from './types.js';

/** The Okta binding of an app session, or `undefined` when there is none (or it is not in this package's shape). */
export function readOktaData(session: Partial<SessionData>): OktaAuthnSessionData | undefined {
  const data = session.okta;
  if (
    !data ||
    typeof data.sid !== 'string' ||
    typeof data.session !== 'object' ||
    data.session === null ||
    typeof data.authenticatedAt !== 'number' ||
    typeof data.lastSeenAt !== 'number' ||
    typeof data.checkedAt !== 'number'
  ) {
    return undefined;
  }
  return data;
}

/** Which app-session timeout has passed, if any. */
export function expiredBy(data: OktaAuthnSessionData, options: ResolvedOptions, now: number): 'idle' | 'absolute' | undefined {
  if (options.absoluteTimeout > 0 && now - data.authenticatedAt >= options.absoluteTimeout) return 'absolute';
  if (options.idleTimeout > 0 && now - data.lastSeenAt >= options.idleTimeout) return 'idle';
  return undefined;
}

/** The error for an app session that passed a timeout. */
export function expiredError(reason: 'idle' | 'absolute'): OktaAuthnError {
  return new OktaAuthnError(
    'ESESSIONEXPIRED',
    reason === 'idle' ? 'The session ended after a period of inactivity; sign in again' : 'The session reached its maximum lifetime; sign in again',
  );
}

/** Records activity; at 1 s resolution, so a busy session is not rewritten to the store on every request. */
export function touch(data: OktaAuthnSessionData, now: number): void {
  if (now - data.lastSeenAt >= 1_000) data.lastSeenAt = now;
}

/** `req.okta` for a checked session, with the user's profile when it was read. */
export function contextOf(session: OktaSession, profile?: OktaUserProfile): OktaRequestContext {
  return { session, user: profile ? { id: session.userId, login: session.login, profile } : { id: session.userId, login: session.login } };
}

/** The Okta session as the browser may see it: without `id` (equal to the `sid` cookie at Okta) and `_links`. */
export function publicSession(session: OktaSession): Omit<OktaSession, 'id' | '_links'> {
  const { id: _id, _links: _unused, ...rest } = session;
  return rest;
}

/** How long each request may wait for the session store, when `guardSessionStore()` set a bound. */
export const storeTimeouts = new WeakMap<Request, number>();

/** Promise form of `req.session.regenerate()`; a store failure (or no answer within the guard's timeout) is `ESESSIONSTORE`. */
export function regenerate(req: Request, retryAfter: number): Promise<void> {
  return storeCall(req, 'regenerate', retryAfter, (done) => (req.session as Session).regenerate(done));
}

/** Promise form of `req.session.save()`; a store failure (or no answer within the guard's timeout) is `ESESSIONSTORE`. */
export function save(req: Request, retryAfter: number): Promise<void> {
  return storeCall(req, 'save', retryAfter, (done) => (req.session as Session).save(done));
}

function storeCall(req: Request, what: string, retryAfter: number, call: (done: (error?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timeout = storeTimeouts.get(req);
    const timer =
      timeout === undefined
        ? undefined
        : setTimeout(() => reject(toStoreError(new Error(`no answer within ${timeout} ms`), what, retryAfter)), timeout);
    call((error) => {
      clearTimeout(timer);
      if (error) reject(toStoreError(error, what, retryAfter));
      else resolve();
    });
  });
}

function toStoreError(error: unknown, what: string, retryAfter: number): OktaAuthnError {
  return new OktaAuthnError('ESESSIONSTORE', `The session store failed to ${what} the session`, { cause: error, retryAfter });
}

/** Whether the request is a browser page load (HTML wanted) rather than an API call. */
export function wantsHtml(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html';
}

/** Answers an error of this package as Okta-shaped JSON, with `Retry-After` when it has one. */
export function sendError(res: Response, error: OktaAuthnError): void {
  if (error.retryAfter !== undefined) res.set('retry-after', String(error.retryAfter));
  res.status(error.status).set('cache-control', 'no-store').json(error);
}

/** A same-site path safe to redirect to after sign-in, or `undefined`. */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  return value.length <= 2048 ? value : undefined;
}
