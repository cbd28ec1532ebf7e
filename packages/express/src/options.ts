import type { NextFunction, Request, Response } from 'express';
import * as z from 'zod';
import type { OktaAuthnError } from './errors.js';
import type { AttemptStore } from './throttle.js';

/** An http(s) origin without path, query or credentials; `what` names it in the message. */
export const originString = (what: string) =>
  z.string().refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username;
    } catch {
      return false;
    }
  }, `must be ${what}: an http(s) origin without path, query or credentials, e.g. "https://example.okta.com"`);

const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL');

/** A same-site path (`/…`, never `//…` or `/\…`) or an absolute http(s) URL. */
const pathOrHttpUrl = z
  .string()
  .min(1, 'must not be empty')
  .refine((value) => (value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) || httpUrl.safeParse(value).success, 'must be a path starting with "/" or an absolute http(s) URL');

const milliseconds = z.number().int('must be a whole number of milliseconds').nonnegative('must be 0 or more milliseconds').finite();
const positiveMilliseconds = z.number().int('must be a whole number of milliseconds').positive('must be more than 0 milliseconds').finite();

/** Called for HTML requests when Okta cannot answer a session check; render an error page. */
export type UnavailableHandler = (error: OktaAuthnError, req: Request, res: Response, next: NextFunction) => void;

/**
 * App-session keys `carryOver` may not name: this package's own (`okta`, `oktaCsrfToken` — a carried
 * binding or CSRF token would undo the regenerate) and express-session's (`cookie`, `id`, methods).
 */
export const RESERVED_SESSION_KEYS: readonly string[] = [
  'okta',
  'oktaCsrfToken',
  'cookie',
  'id',
  'req',
  'regenerate',
  'destroy',
  'reload',
  'resetMaxAge',
  'save',
  'touch',
  '__proto__',
  'constructor',
  'prototype',
];

const carryOverKey = z
  .string()
  .min(1, 'must not contain an empty key')
  .superRefine((key, context) => {
    if (RESERVED_SESSION_KEYS.includes(key)) {
      context.addIssue({ code: 'custom', message: `"${key}" is reserved and cannot be carried over (reserved: ${RESERVED_SESSION_KEYS.join(', ')})` });
    }
  });

const optionsSchema = z.strictObject({
  orgUrl: originString('the Okta org origin'),
  apiToken: z.string().min(1, 'must be a non-empty API token').optional(),
  appOrigin: originString("this app's origin").optional(),
  allowedOrigins: z.array(originString('an origin')).default([]),
  redirectUrl: httpUrl.optional(),
  exchange: z.enum(['cookie-redirect', 'sessions-api']).default('cookie-redirect'),
  carryOver: z.array(carryOverKey).default(['returnTo']),
  checkInterval: milliseconds.default(5_000),
  rolling: z.boolean().default(false),
  profile: z.boolean().default(false),
  idleTimeout: milliseconds.default(30 * 60_000),
  absoluteTimeout: milliseconds.default(8 * 60 * 60_000),
  loginUrl: pathOrHttpUrl.default('/login'),
  logoutRedirect: pathOrHttpUrl.default('/'),
  retryAfter: z.number().int().positive().default(5),
  maxRateLimitPause: positiveMilliseconds.default(60_000),
  exchangeAttempts: z
    .strictObject({
      max: z.number().int('must be a whole number').positive('must be 1 or more').default(5),
      window: positiveMilliseconds.default(60_000),
      maxPerClient: z.number().int('must be a whole number').positive('must be 1 or more').default(60),
    })
    .default({ max: 5, window: 60_000, maxPerClient: 60 }),
  attemptStore: z
    .custom<AttemptStore>((value) => typeof value === 'object' && value !== null && typeof (value as { hit?: unknown }).hit === 'function', 'must be an attempt store: an object with hit(key, windowMs)')
    .optional(),
  onUnavailable: z.custom<UnavailableHandler>((value) => typeof value === 'function', 'must be a function (error, req, res, next) => void').optional(),
  timeouts: z
    .strictObject({
      connect: positiveMilliseconds.default(3_000),
      headers: positiveMilliseconds.default(5_000),
      body: positiveMilliseconds.default(5_000),
      total: positiveMilliseconds.default(10_000),
    })
    .default({ connect: 3_000, headers: 5_000, body: 5_000, total: 10_000 }),
  connections: z.number().int().positive().default(10),
  clock: z.custom<() => number>((value) => typeof value === 'function', 'must be a function returning epoch milliseconds').optional(),
});

/**
 * Options of {@link oktaAuthn} and {@link requireSession}. Both accept the same object, so one
 * options object can configure both; each ignores the keys it does not use. Middleware built from
 * the same object share one Okta client: one connection pool and one rate-limit pause.
 */
export interface OktaAuthnOptions {
  /** The Okta org origin, e.g. `https://example.okta.com` (or the simulator's URL). Required. */
  orgUrl: string;
  /** Okta API token (`SSWS`). Enables the `sessions-api` exchange and checks by session id. Default: none. */
  apiToken?: string;
  /** This app's own origin, e.g. `https://app.example.com`: the only origin allowed to POST/DELETE. Required by `oktaAuthn()`. */
  appOrigin?: string;
  /** More origins allowed to send state-changing requests (e.g. a separate front-end origin). Default `[]`. */
  allowedOrigins?: string[];
  /** Where `/login/sessionCookieRedirect` is told to redirect; must be a Trusted Origin (Redirect) in Okta. Default `${appOrigin}/`. */
  redirectUrl?: string;
  /** How a sessionToken becomes an Okta session: follow `sessionCookieRedirect` (default) or `POST /api/v1/sessions` (needs `apiToken`). */
  exchange?: 'cookie-redirect' | 'sessions-api';
  /** App-session keys kept when the session is regenerated at sign-in. Default `['returnTo']`. */
  carryOver?: string[];
  /** How long (ms) a successful check against Okta is trusted before asking again; 0 asks on every request. Default 5000. */
  checkInterval?: number;
  /** Refresh the Okta session (`/lifecycle/refresh`) on each check, so activity keeps it alive. Default false. */
  rolling?: boolean;
  /**
   * Also read the user's Okta profile (`GET /api/v1/users/me` with the user's own session cookie, never the API
   * token) at sign-in and with every session check, into `req.okta.user.profile`. Default false.
   */
  profile?: boolean;
  /** App session ends after this many ms without a request; 0 disables. Default 30 minutes. */
  idleTimeout?: number;
  /** App session ends this many ms after sign-in whatever the activity; 0 disables. Default 8 hours. */
  absoluteTimeout?: number;
  /** Where browsers without a session are redirected (with `?returnTo=`). Default `/login`. */
  loginUrl?: string;
  /** Where `POST {mount}/logout` (the plain-form logout) sends the browser afterwards: a path or an absolute http(s) URL. Default `/`. */
  logoutRedirect?: string;
  /** `Retry-After` seconds sent with a 503 when Okta gave no reset time. Default 5. */
  retryAfter?: number;
  /** Longest pause (ms) after an Okta 429, whatever `X-Rate-Limit-Reset`/`Retry-After` says. Default 60000. */
  maxRateLimitPause?: number;
  /**
   * Sign-in attempts (`POST /session`) allowed in each `window` ms before 429 `ETOOMANYATTEMPTS`: `max` per app
   * session, `maxPerClient` per client address (`req.ip`, so set Express's `trust proxy` behind a proxy).
   * Default `{ max: 5, window: 60000, maxPerClient: 60 }`.
   */
  exchangeAttempts?: { max?: number; window?: number; maxPerClient?: number };
  /**
   * Where sign-in attempts are counted. Default: this process's memory. Behind a load balancer, give every
   * instance the same shared store (`redisAttemptStore(client)`) so the limits hold across instances.
   */
  attemptStore?: AttemptStore;
  /** Renders the error page for HTML requests when Okta cannot be asked. Default: `next(error)`. */
  onUnavailable?: UnavailableHandler;
  /**
   * Timeouts (ms) of each request to Okta: TCP/TLS connect, response headers, the wait for each body chunk, and
   * `total`, one deadline for the whole request from sending to the last byte. Defaults 3000 / 5000 / 5000 / 10000.
   */
  timeouts?: { connect?: number; headers?: number; body?: number; total?: number };
  /** Maximum keep-alive connections to Okta per middleware. Default 10. */
  connections?: number;
  /** Source of the current time in epoch ms, for tests. Default `Date.now`. */
  clock?: () => number;
}

/** The `TypeError` for options that failed validation: one clause per problem, each naming the option. */
export function optionsError(name: string, error: z.ZodError): TypeError {
  const lines = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `unknown option ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    const path = issue.path.map(String).join('.') || '(options)';
    return `option "${path}": ${issue.message}`;
  });
  return new TypeError(`${name}: ${lines.join('; ')}`);
}

/** Options after validation and defaults. */
export type ResolvedOptions = z.output<typeof optionsSchema> & { now: () => number };

/** Validates options eagerly; a bad option throws a `TypeError` that names it. */
export function resolveOptions(name: string, input: unknown): ResolvedOptions {
  if (input === null || typeof input !== 'object') {
    throw new TypeError(`${name}: options must be an object with at least { orgUrl }`);
  }
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) throw optionsError(name, parsed.error);
  const options = parsed.data;
  if (options.exchange === 'sessions-api' && !options.apiToken) {
    throw new TypeError(`${name}: option "exchange" is "sessions-api", which needs option "apiToken"`);
  }
  const clock = options.clock;
  return { ...options, now: clock ?? Date.now };
}
