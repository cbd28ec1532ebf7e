import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import * as z from 'zod';
import { OktaAuthnError, sessionMissingError } from './errors.js';
import { log } from './log.js';

/** Request header that carries the CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';

/** Form field that carries the CSRF token in the plain-form logout (`POST {mount}/logout`, urlencoded). */
export const CSRF_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token of this app session, created on first use; give it to the page (the widget sends it back). */
export function csrfToken(req: Request): string {
  if (!req.session) throw sessionMissingError();
  req.session.oktaCsrfToken ??= randomBytes(32).toString('base64url');
  return req.session.oktaCsrfToken;
}

/**
 * Throws `EBADCSRFTOKEN` unless the request comes from an allowed origin and carries this session's CSRF
 * token: by default in the `x-csrf-token` header; `sent` and `where` name another place (a form field).
 */
export function verifyCsrf(req: Request, allowedOrigins: ReadonlySet<string>, sent: string | undefined = req.get(CSRF_HEADER), where = `the ${CSRF_HEADER} header`): void {
  verifyOrigin(req, allowedOrigins);
  const expected = req.session?.oktaCsrfToken;
  if (!sent || !expected || !sameSecret(sent, expected)) {
    log('%s %s refused: %s CSRF token', req.method, req.path, sent ? 'wrong' : 'missing');
    throw new OktaAuthnError('EBADCSRFTOKEN', `Invalid or missing CSRF token: send the token of this session in ${where}`);
  }
}

/**
 * Throws `EBADCSRFTOKEN` unless the request's `Origin` (or, without one, `Referer`) is an allowed origin, or
 * the browser withheld both (`Origin: null`) and says `Sec-Fetch-Site: same-origin`.
 */
export function verifyOrigin(req: Request, allowedOrigins: ReadonlySet<string>): void {
  if (!req.session) throw sessionMissingError();
  const origin = requestOrigin(req);
  // A browser that withholds the origin (under `Referrer-Policy: no-referrer` a form post says `Origin: null`)
  // still says where the request comes from in Sec-Fetch-Site, a header no page can set.
  if ((origin === undefined || origin === 'null') && req.get('sec-fetch-site') === 'same-origin') return;
  if (origin === undefined) {
    log('%s %s refused: no Origin or Referer', req.method, req.path);
    throw new OktaAuthnError('EBADCSRFTOKEN', 'Cross-site request refused: the request has no Origin or Referer header');
  }
  if (!allowedOrigins.has(origin)) {
    log('%s %s refused: origin %s is not allowed', req.method, req.path, origin);
    throw new OktaAuthnError('EBADCSRFTOKEN', 'Cross-site request refused: the request comes from another origin');
  }
}

/** Options of {@link csrfProtection}. */
export interface CsrfProtectionOptions {
  /** This app's origin, e.g. `https://app.example.com`. */
  appOrigin: string;
  /** More origins allowed to send state-changing requests. Default `[]`. */
  allowedOrigins?: string[];
}

const csrfOptionsSchema = z.strictObject({
  appOrigin: z.url({ protocol: /^https?$/, error: 'must be an http(s) origin' }),
  allowedOrigins: z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) origin' })).default([]),
});

/** Guards the app's own state-changing routes with the same CSRF token and same-origin check as `oktaAuthn()`. */
export function csrfProtection(options: CsrfProtectionOptions): RequestHandler {
  const parsed = csrfOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`csrfProtection(): option "${issue?.path.map(String).join('.') ?? ''}": ${issue?.message ?? 'invalid'}`);
  }
  const allowed = originSet(parsed.data.appOrigin, parsed.data.allowedOrigins);
  return function oktaCsrfProtection(req: Request, res: Response, next: NextFunction) {
    if (SAFE_METHODS.has(req.method)) return next();
    try {
      verifyCsrf(req, allowed);
    } catch (error) {
      if (error instanceof OktaAuthnError && error.code === 'EBADCSRFTOKEN') {
        res.status(error.status).set('cache-control', 'no-store').json(error);
        return;
      }
      return next(error);
    }
    next();
  };
}

/** The set of origins (normalised) allowed to send state-changing requests. */
export function originSet(appOrigin: string, allowedOrigins: readonly string[]): ReadonlySet<string> {
  return new Set([appOrigin, ...allowedOrigins].map((value) => new URL(value).origin));
}

function requestOrigin(req: Request): string | undefined {
  const origin = req.get('origin');
  if (origin && origin !== 'null') return normaliseOrigin(origin);
  if (origin === 'null') return 'null';
  const referer = req.get('referer');
  return referer ? normaliseOrigin(referer) : undefined;
}

function normaliseOrigin(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return 'null';
  }
}

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
