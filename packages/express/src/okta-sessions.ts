import { OktaSessionSchema, parseOktaError, readRateLimit } from '@okta-authn/core';
import type { OktaSession } from '@okta-authn/core';
import { Pool } from 'undici';
import * as z from 'zod';
import { OktaAuthnError } from './errors.js';
import { log } from './log.js';
import type { ResolvedOptions } from './options.js';
import type { OktaUserProfile } from './types.js';

/** The whole-request deadline to Okta has passed. */
class DeadlineError extends Error {
  override name = 'DeadlineError';
  constructor(total: number) {
    super(`no complete answer from Okta within ${total} ms`);
  }
}

/** How the middleware finds an Okta session again: its id, and the `sid` cookie value that proves it. */
export interface OktaSessionRef {
  /** Okta session id. */
  id: string;
  /** Value of Okta's `sid` cookie for this session (a bearer secret). */
  sid: string;
}

/** An Okta session the middleware now holds. */
export interface ExchangedSession {
  /** Value of the `sid` cookie. */
  sid: string;
  /** The session as Okta describes it. */
  session: OktaSession;
}

/** Settings of {@link OktaSessionsClient}. */
export interface OktaSessionsClientOptions {
  /** Okta org origin. */
  orgUrl: string;
  /** Okta API token; when set, sessions are checked, refreshed and closed by id with `SSWS`. */
  apiToken?: string | undefined;
  /** Timeouts in ms: connect, headers and each body chunk (undici's), and `total`, one deadline for the whole request. */
  timeouts: { connect: number; headers: number; body: number; total: number };
  /** Maximum keep-alive connections. */
  connections: number;
  /** `Retry-After` seconds when a 429 gives no reset time. */
  retryAfter: number;
  /** Longest pause (ms) after a 429, whatever reset time Okta announces. */
  maxRateLimitPause: number;
  /** Current time in epoch ms. */
  now: () => number;
}

interface OktaResponse {
  status: number;
  headers: Headers;
  json: unknown;
  setCookies: string[];
}

const SID_COOKIE = /^\s*sid=([^;]*)/i;

const profileText = z.string().nullable().optional();
// The base attributes are checked; custom ones of the org's schema pass through as Okta sent them.
const UserSchema = z.object({
  profile: z.looseObject({
    login: z.string().min(1),
    email: profileText,
    firstName: profileText,
    lastName: profileText,
    displayName: profileText,
    locale: profileText,
    timeZone: profileText,
  }),
});

/**
 * Okta's rate-limit buckets this client calls: redeeming a sessionToken (`/login/sessionCookieRedirect`
 * and `POST /api/v1/sessions`), and reading, refreshing or closing a session (`/api/v1/sessions/*`).
 * A 429 in one pauses only that one.
 */
export type RateLimitBucket = 'exchange' | 'sessions';

/** Talks to Okta's session endpoints over one keep-alive undici pool, with timeouts and 429 back-off. */
export class OktaSessionsClient {
  readonly #pool: Pool;
  readonly #options: OktaSessionsClientOptions;
  readonly #blockedUntil = new Map<RateLimitBucket, number>();

  constructor(options: OktaSessionsClientOptions) {
    this.#options = options;
    this.#pool = new Pool(options.orgUrl, {
      connections: options.connections,
      connectTimeout: options.timeouts.connect,
      headersTimeout: options.timeouts.headers,
      bodyTimeout: options.timeouts.body,
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
    });
  }

  /** Redeems a sessionToken the way a browser does: `GET /login/sessionCookieRedirect`, keeping the `sid` cookie. */
  async exchangeViaRedirect(sessionToken: string, redirectUrl: string): Promise<ExchangedSession> {
    const query = new URLSearchParams({ token: sessionToken, redirectUrl });
    const response = await this.#send('GET', `/login/sessionCookieRedirect?${query}`, {
      logPath: '/login/sessionCookieRedirect',
      bucket: 'exchange',
      headers: { accept: 'text/html,application/json;q=0.9,*/*;q=0.8' },
    });
    const sid = response.status >= 300 && response.status < 400 ? readSidCookie(response.setCookies) : undefined;
    if (!sid && response.status === 400) {
      // A validation error here is about the request we built (redirectUrl), not about the user's token.
      const causes = oktaCauses(response);
      log('sessionCookieRedirect refused the request (HTTP 400)%s', causes.length ? `: ${causes.join('; ')}` : '');
      throw new OktaAuthnError(
        'EOKTAERROR',
        "Okta refused the sessionCookieRedirect request: is the redirectUrl's origin a Trusted Origin (Redirect) of the org?",
        { causes },
      );
    }
    if (!sid) throw invalidToken(response);
    const session = await this.#getByCookie(sid);
    if (!session) throw new OktaAuthnError('EOKTAERROR', 'Okta set a session cookie but does not know the session it names');
    return { sid, session };
  }

  /** Redeems a sessionToken with `POST /api/v1/sessions`; the session id is then the `sid`. */
  async createSession(sessionToken: string): Promise<ExchangedSession> {
    const response = await this.#send('POST', '/api/v1/sessions', { body: JSON.stringify({ sessionToken }), admin: true, bucket: 'exchange' });
    if (response.status !== 200) throw isTokenRefusal(response) ? invalidToken(response) : unexpected(response);
    const session = parseSession(response.json);
    return { sid: readSidCookie(response.setCookies) ?? session.id, session };
  }

  /** The Okta session as it is now, or `null` when Okta no longer knows it. */
  async get(ref: OktaSessionRef): Promise<OktaSession | null> {
    if (!this.#options.apiToken) return this.#getByCookie(ref.sid);
    return this.#sessionOrNull(await this.#send('GET', byId(ref), { admin: true, logPath: '/api/v1/sessions/{id}' }));
  }

  /** Extends the Okta session (`/lifecycle/refresh`); `null` when Okta no longer knows it. */
  async refresh(ref: OktaSessionRef): Promise<OktaSession | null> {
    const response = this.#options.apiToken
      ? await this.#send('POST', `${byId(ref)}/lifecycle/refresh`, { admin: true, body: '', logPath: '/api/v1/sessions/{id}/lifecycle/refresh' })
      : await this.#send('POST', '/api/v1/sessions/me/lifecycle/refresh', { sid: ref.sid, body: '' });
    return this.#sessionOrNull(response);
  }

  /**
   * The user's Okta profile (`GET /api/v1/users/me` with the session cookie: the user's own session, never
   * the API token), or `null` when Okta no longer knows the session.
   */
  async profile(ref: OktaSessionRef): Promise<OktaUserProfile | null> {
    const response = await this.#send('GET', '/api/v1/users/me', { sid: ref.sid });
    if (response.status === 404 || response.status === 401 || response.status === 403) return null;
    if (response.status !== 200) throw unexpected(response);
    const parsed = UserSchema.safeParse(response.json);
    if (!parsed.success) throw new OktaAuthnError('EOKTAERROR', 'Okta answered /api/v1/users/me with something that is not a user object');
    return parsed.data.profile;
  }

  /** Closes the Okta session; `false` when it was already gone. */
  async close(ref: OktaSessionRef): Promise<boolean> {
    const response = this.#options.apiToken
      ? await this.#send('DELETE', byId(ref), { admin: true, logPath: '/api/v1/sessions/{id}' })
      : await this.#send('DELETE', '/api/v1/sessions/me', { sid: ref.sid });
    if (response.status === 204 || response.status === 200) return true;
    if (this.#isGone(response.status)) return false;
    throw unexpected(response);
  }

  /** Closes the connection pool. */
  async destroy(): Promise<void> {
    await this.#pool.close();
  }

  async #getByCookie(sid: string): Promise<OktaSession | null> {
    return this.#sessionOrNull(await this.#send('GET', '/api/v1/sessions/me', { sid }));
  }

  #sessionOrNull(response: OktaResponse): OktaSession | null {
    if (response.status === 200) return parseSession(response.json);
    if (this.#isGone(response.status)) return null;
    throw unexpected(response);
  }

  // Without an API token, a 401/403 to a cookie call means Okta refuses that sid; with one it means the token is wrong.
  #isGone(status: number): boolean {
    return status === 404 || (!this.#options.apiToken && (status === 401 || status === 403));
  }

  async #send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    init: { sid?: string; admin?: boolean; body?: string; headers?: Record<string, string>; logPath?: string; bucket?: RateLimitBucket },
  ): Promise<OktaResponse> {
    const logPath = init.logPath ?? path;
    const bucket = init.bucket ?? 'sessions';
    const now = this.#options.now();
    const blockedUntil = this.#blockedUntil.get(bucket) ?? 0;
    // A clock moved backwards must not turn a short pause into a long one.
    if (now < blockedUntil && blockedUntil - now <= this.#options.maxRateLimitPause) {
      const retryAfter = Math.max(1, Math.ceil((blockedUntil - now) / 1000));
      log('%s %s not sent: Okta rate limit (%s) resets in %ds', method, logPath, bucket, retryAfter);
      throw new OktaAuthnError('EOKTARATELIMITED', 'Okta is rate-limiting this app; try again later', { retryAfter });
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'okta-authn-express',
      ...init.headers,
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.sid !== undefined) headers.cookie = `sid=${init.sid}`;
    if (init.admin && this.#options.apiToken) headers.authorization = `SSWS ${this.#options.apiToken}`;
    const started = performance.now();
    let status: number;
    let rawHeaders: Record<string, string | string[] | undefined>;
    let text: string;
    // undici's bodyTimeout is per chunk: an Okta that trickles its body would hold the request for ever.
    const deadline = new AbortController();
    const total = this.#options.timeouts.total;
    const timer = setTimeout(() => deadline.abort(new DeadlineError(total)), total);
    try {
      const response = await this.#pool.request({ method, path, headers, body: init.body, signal: deadline.signal });
      status = response.statusCode;
      rawHeaders = response.headers;
      text = await response.body.text();
    } catch (error) {
      const reason = deadline.signal.aborted ? `no complete answer within ${total} ms` : describeNetworkError(error);
      log('%s %s failed: %s', method, logPath, reason);
      throw new OktaAuthnError('EOKTAUNAVAILABLE', `Okta could not be reached (${reason})`, {
        cause: error,
        retryAfter: this.#options.retryAfter,
      });
    } finally {
      clearTimeout(timer);
    }
    log('%s %s → %d (%d ms)', method, logPath, status, Math.round(performance.now() - started));
    const responseHeaders = toHeaders(rawHeaders);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (status === 429) {
      const rateLimit = readRateLimit(responseHeaders, now);
      const announcedMs = rateLimit?.retryAfterMs ?? this.#options.retryAfter * 1000;
      const waitMs = Math.min(Math.max(0, announcedMs), this.#options.maxRateLimitPause);
      if (waitMs < announcedMs) log('%s %s: Okta announced a %ds rate-limit pause; capped at %ds', method, logPath, Math.ceil(announcedMs / 1000), waitMs / 1000);
      this.#blockedUntil.set(bucket, now + waitMs);
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      throw new OktaAuthnError('EOKTARATELIMITED', 'Okta is rate-limiting this app; try again later', { retryAfter });
    }
    if (status >= 500) {
      throw new OktaAuthnError('EOKTAUNAVAILABLE', `Okta answered HTTP ${status}`, { retryAfter: this.#options.retryAfter });
    }
    const setCookie = rawHeaders['set-cookie'];
    const setCookies = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
    return { status, headers: responseHeaders, json, setCookies };
  }
}

/** One middleware's share of an {@link OktaSessionsClient}. */
export interface ClientShare {
  /** The client, shared by every middleware built from the same options object. */
  client: OktaSessionsClient;
  /** Gives this share back; the last one closes the connection pool. Safe to call more than once. */
  release(): Promise<void>;
}

interface SharedClient {
  settings: OktaSessionsClientOptions;
  client: OktaSessionsClient;
  holders: number;
}

// Keyed by the options object the app passed, so the router and every guard built from it share one
// pool and one rate-limit pause, and the entry goes when the app drops the object.
const sharedClients = new WeakMap<object, SharedClient[]>();

/**
 * The Okta client for middleware built from `options`: shared with every other middleware built from
 * the same object with the same connection settings, so a 429 seen by one pauses them all.
 */
export function shareClient(options: object, resolved: ResolvedOptions): ClientShare {
  const settings: OktaSessionsClientOptions = {
    orgUrl: resolved.orgUrl,
    apiToken: resolved.apiToken,
    timeouts: resolved.timeouts,
    connections: resolved.connections,
    retryAfter: resolved.retryAfter,
    maxRateLimitPause: resolved.maxRateLimitPause,
    now: resolved.now,
  };
  const entries = sharedClients.get(options) ?? [];
  sharedClients.set(options, entries);
  // The object may have been changed between two calls: only identical connection settings share.
  let entry = entries.find((candidate) => sameSettings(candidate.settings, settings));
  if (!entry) {
    entry = { settings, client: new OktaSessionsClient(settings), holders: 0 };
    entries.push(entry);
  }
  entry.holders += 1;
  const held = entry;
  let released = false;
  return {
    client: held.client,
    release: async () => {
      if (released) return;
      released = true;
      held.holders -= 1;
      if (held.holders > 0) return;
      entries.splice(entries.indexOf(held), 1);
      await held.client.destroy();
    },
  };
}

function sameSettings(a: OktaSessionsClientOptions, b: OktaSessionsClientOptions): boolean {
  return (
    a.orgUrl === b.orgUrl &&
    a.apiToken === b.apiToken &&
    a.connections === b.connections &&
    a.retryAfter === b.retryAfter &&
    a.maxRateLimitPause === b.maxRateLimitPause &&
    a.now === b.now &&
    a.timeouts.connect === b.timeouts.connect &&
    a.timeouts.headers === b.timeouts.headers &&
    a.timeouts.body === b.timeouts.body &&
    a.timeouts.total === b.timeouts.total
  );
}

/**
 * An Okta session id as it may appear in a URL path: URL-safe characters only, and never `.` or `..`,
 * which `encodeURIComponent` leaves as they are and which would move the request to another resource.
 */
const SessionIdSegment = z
  .string()
  .regex(/^[\w.~-]{1,256}$/, 'must be 1 to 256 URL-safe characters')
  .refine((value) => value !== '.' && value !== '..', 'must not be "." or ".."');

// The session id is also the value of Okta's sid cookie, so it never goes into a log line.
function byId(ref: OktaSessionRef): string {
  if (!SessionIdSegment.safeParse(ref.id).success) throw unusableSessionId();
  return `/api/v1/sessions/${encodeURIComponent(ref.id)}`;
}

function unusableSessionId(): OktaAuthnError {
  return new OktaAuthnError('EOKTAERROR', 'Okta answered a session id that cannot be used in a URL');
}

function readSidCookie(setCookies: string[]): string | undefined {
  for (const cookie of setCookies) {
    const match = SID_COOKIE.exec(cookie);
    const value = match?.[1]?.trim();
    if (value && !/max-age=0\b/i.test(cookie)) return value;
  }
  return undefined;
}

function parseSession(json: unknown): OktaSession {
  const parsed = OktaSessionSchema.safeParse(json);
  if (!parsed.success) throw new OktaAuthnError('EOKTAERROR', 'Okta answered with something that is not a session object');
  if (!SessionIdSegment.safeParse(parsed.data.id).success) throw unusableSessionId();
  return parsed.data;
}

function oktaCauses(response: OktaResponse): string[] {
  if (response.json === undefined) return [];
  const error = parseOktaError(response.json, response.status, response.headers);
  return error.errorCode === 'UNEXPECTED_RESPONSE' ? [] : [`Okta: ${error.errorCode} ${error.errorSummary}`];
}

// POST /api/v1/sessions refuses a bad sessionToken with 401 E0000004 (or 400 for a malformed body). A 401
// E0000011 "Invalid token provided" there is about the SSWS API token, and a 403 about its permissions:
// the app's configuration, not the user's token.
function isTokenRefusal(response: OktaResponse): boolean {
  if (response.status === 400) return true;
  if (response.status !== 401) return false;
  const code = response.json === undefined ? undefined : parseOktaError(response.json, response.status, response.headers).errorCode;
  return code !== 'E0000011';
}

function invalidToken(response: OktaResponse): OktaAuthnError {
  const causes = oktaCauses(response);
  log('sessionToken refused by Okta (HTTP %d)%s', response.status, causes.length ? `: ${causes.join('; ')}` : '');
  return new OktaAuthnError('EINVALIDTOKEN', 'The sessionToken is invalid, expired or already used; sign in again', { causes });
}

function unexpected(response: OktaResponse): OktaAuthnError {
  const causes = oktaCauses(response);
  log('unexpected Okta answer HTTP %d%s', response.status, causes.length ? `: ${causes.join('; ')}` : '');
  return new OktaAuthnError('EOKTAERROR', `Okta answered HTTP ${response.status} unexpectedly`, { causes });
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return 'unknown error';
}
