import { AuthnClient } from './client.js';
import type { AuthnClientOptions } from './client.js';
import { InvalidInputError, InvalidResponseError, OktaApiError } from './errors.js';
import { issuesOf } from './schemas/check.js';
import { OktaSessionSchema } from './schemas/session.js';
import type { OktaSession } from './schemas/session.js';

export type { OktaSession } from './schemas/session.js';

/** Options of {@link OktaSessions}: the org, and optionally a `fetch`, extra headers and a timeout, as for `AuthnClient`. */
export type OktaSessionsOptions = Pick<AuthnClientOptions, 'baseUrl' | 'fetch' | 'headers' | 'timeoutMs'>;

/** Okta's answers that mean "this browser has no session": 404 `E0000007`, or 401 where a session was expected. */
function isNoSession(error: unknown): boolean {
  return error instanceof OktaApiError && (error.status === 404 || error.status === 401);
}

/**
 * The browser's own Okta session, through `/api/v1/sessions/me` and Okta's `sid` cookie
 * (sent with `credentials: 'include'`; the page's origin must be a CORS Trusted Origin).
 * "No session" is an answer (`null`, `false`); failing to ask is an error.
 */
export class OktaSessions {
  /** The org origin, without a trailing slash. */
  readonly baseUrl: string;
  // The authn client's request: same origin check, timeout and typed errors.
  readonly #client: AuthnClient;
  readonly #me: string;

  constructor(options: OktaSessionsOptions) {
    try {
      this.#client = new AuthnClient({ ...options, credentials: 'include' });
    } catch (error) {
      if (error instanceof InvalidInputError) throw new InvalidInputError('OktaSessions options', error.issues);
      throw error;
    }
    this.baseUrl = this.#client.baseUrl;
    this.#me = `${this.baseUrl}/api/v1/sessions/me`;
  }

  /** True when the browser has an `ACTIVE` Okta session (`MFA_REQUIRED` / `MFA_ENROLL` sessions are not yet signed in). */
  async exists(): Promise<boolean> {
    return (await this.get())?.status === 'ACTIVE';
  }

  /** The browser's Okta session (`GET /api/v1/sessions/me`), or `null` when it has none. */
  async get(): Promise<OktaSession | null> {
    return this.#session('GET', this.#me);
  }

  /** Extends the session (`POST /api/v1/sessions/me/lifecycle/refresh`) and answers it with its new `expiresAt`; `null` when there is none. */
  async refresh(): Promise<OktaSession | null> {
    return this.#session('POST', `${this.#me}/lifecycle/refresh`);
  }

  /** Signs the browser out of Okta (`DELETE /api/v1/sessions/me`): `true` when a session ended, `false` when there was none. */
  async close(): Promise<boolean> {
    try {
      await this.#client.request('DELETE', this.#me);
      return true;
    } catch (error) {
      if (isNoSession(error)) return false;
      throw error;
    }
  }

  async #session(method: 'GET' | 'POST', href: string): Promise<OktaSession | null> {
    let json: unknown;
    try {
      json = await this.#client.request(method, href);
    } catch (error) {
      if (isNoSession(error)) return null;
      throw error;
    }
    const issues = issuesOf(OktaSessionSchema, json);
    if (issues.length) throw new InvalidResponseError('Invalid session response', issues);
    return json as OktaSession;
  }
}
