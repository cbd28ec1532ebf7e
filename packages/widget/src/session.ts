import { AuthnError, OktaApiError, UnsupportedStatusError } from '@okta-authn/core';
import type { Transaction } from '@okta-authn/core';

/** The session endpoint answered with an error status. */
export class SessionEndpointError extends AuthnError {
  /** HTTP status of the session endpoint's answer. */
  readonly status: number;
  constructor(status: number) {
    super('SESSION_ENDPOINT_FAILED', `The session endpoint answered HTTP ${status}`);
    this.name = 'SessionEndpointError';
    this.status = status;
  }
}

/**
 * The element is set up wrongly (no `base-url`; a `session-endpoint` or `redirect-to` that is not
 * an http(s) URL of the page's origin; an `okta-session-redirect` that is not http(s)). Nothing was sent.
 */
export class ConfigurationError extends AuthnError {
  constructor(message: string) {
    super('CONFIGURATION_ERROR', message);
    this.name = 'ConfigurationError';
  }
}

/** A hook of the host's (`processCreds`) threw: nothing was sent; the original error is the `cause`. */
export class HookError extends AuthnError {
  /** The hook that threw. */
  readonly hook: string;
  constructor(hook: string, cause: unknown) {
    super('HOOK_FAILED', `${hook} threw; nothing was sent`, { cause });
    this.name = 'HookError';
    this.hook = hook;
  }
}

/** A link from the server (a step-up `original`) that is not an http(s) URL of the org's origin: not followed. */
export class UnsafeLinkError extends AuthnError {
  constructor(message: string) {
    super('UNSAFE_LINK', message);
    this.name = 'UnsafeLinkError';
  }
}

/**
 * `href` resolved against `base` when it is an http(s) URL whose origin is `origin`; else `undefined`
 * (`javascript:`, `data:`, another origin, not a URL).
 */
export function sameOriginUrl(href: string, base: string, origin: string): URL | undefined {
  try {
    const url = new URL(href, base);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `href` (an attribute: `session-endpoint`, `redirect-to`) resolved against the document's base
 * URL; throws {@link ConfigurationError} unless it is http(s) on the page's own origin.
 */
export function pageUrl(href: string, attribute: string, doc: Document): URL {
  // The document's own origin (`location.origin` of an `about:srcdoc` frame is "null").
  const origin = doc.defaultView?.origin ?? '';
  const url = sameOriginUrl(href, doc.baseURI, origin);
  if (!url) throw new ConfigurationError(`${attribute} must be an http(s) URL on this page's origin (${origin})`);
  return url;
}

/**
 * Okta's `/login/sessionCookieRedirect` URL that trades `sessionToken` for the org's session cookie
 * and then sends the browser to `redirect` (the `okta-session-redirect` attribute, resolved against
 * the document's base URL). Throws {@link ConfigurationError} unless `redirect` is an http(s) URL;
 * Okta itself refuses a target that is not one of the org's trusted origins.
 */
export function sessionCookieRedirectUrl(baseUrl: string, sessionToken: string, redirect: string, doc: Document): URL {
  const org = originOf(baseUrl);
  if (!org) throw new ConfigurationError('base-url is required: the URL of your Okta org');
  let target: URL | undefined;
  try {
    target = new URL(redirect, doc.baseURI);
  } catch {
    target = undefined;
  }
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) throw new ConfigurationError('okta-session-redirect must be an http(s) URL');
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/login/sessionCookieRedirect`);
  url.searchParams.set('token', sessionToken);
  url.searchParams.set('redirectUrl', target.href);
  return url;
}

/** The CSRF token the page provides: the `csrf-token` attribute, else `<meta name="csrf-token">`. */
export function pageCsrfToken(explicit: string | undefined, doc: Document | undefined): string | undefined {
  if (explicit) return explicit;
  const meta = doc?.querySelector<HTMLMetaElement>('meta[name="csrf-token"]');
  return meta?.content || undefined;
}

/**
 * POSTs `{ sessionToken }` as JSON to the app's session endpoint — which must be on the page's
 * origin (checked first: {@link ConfigurationError}, nothing sent) — with same-origin credentials
 * and the CSRF header when a token is known, through `fetcher` (the element's `fetch`). Rejects
 * with {@link SessionEndpointError} on a non-2xx answer; a fetch failure rejects as fetch does.
 */
export async function postSessionToken(
  endpoint: string,
  sessionToken: string,
  csrf: { header: string; token: string | undefined },
  doc: Document,
  fetcher: typeof fetch = globalThis.fetch,
): Promise<void> {
  const url = pageUrl(endpoint, 'session-endpoint', doc);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (csrf.token) headers[csrf.header] = csrf.token;
  const response = await fetcher(url.href, {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify({ sessionToken }),
  });
  if (!response.ok) throw new SessionEndpointError(response.status);
}

const SECRET_KEYS = new Set(['stateToken', 'sessionToken', 'recoveryToken']);

/** A copy of a response body without `stateToken`, `sessionToken` or `recoveryToken` at any depth. */
export function withoutTokens(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => withoutTokens(item, depth + 1));
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SECRET_KEYS.has(key)).map(([key, item]) => [key, withoutTokens(item, depth + 1)]));
}

/** The origin of an absolute URL, or `''`. */
export function originOf(href: string): string {
  try {
    return new URL(href).origin;
  } catch {
    return '';
  }
}

/** The error as fired in `okta-authn-error`: response bodies without `stateToken`, `sessionToken` or `recoveryToken`. */
export function withoutSecrets(error: Error): Error {
  if (error instanceof OktaApiError) Object.assign(error, { body: withoutTokens(error.body) });
  if (error instanceof UnsupportedStatusError) Object.assign(error, { raw: withoutTokens(error.raw) });
  return error;
}

/** The step-up `original` link of a `SUCCESS` (GET), if any. */
export function findOriginal(tx: Transaction): string | undefined {
  const links = tx.links as Record<string, unknown>;
  const candidates = [links.next, links.original];
  for (const link of candidates) {
    if (link && typeof link === 'object' && !Array.isArray(link)) {
      const { href, name } = link as { href?: unknown; name?: unknown };
      if (typeof href === 'string' && (name === 'original' || links.original === link)) return href;
    }
  }
  return undefined;
}
