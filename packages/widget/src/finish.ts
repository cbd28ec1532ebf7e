import { NetworkError } from '@okta-authn/core';
import type { AuthnUser, Transaction } from '@okta-authn/core';
import { httpUrl } from './config.js';
import { successEvent } from './events.js';
import { ConfigurationError, NO_BASE_URL, SessionEndpointError, UnsafeLinkError } from './session.js';

/**
 * What happens at `SUCCESS`: the event, then (unless the host prevents it) the step-up redirect, the
 * org's session-cookie redirect, or the POST of the sessionToken to the session endpoint and the
 * redirect after it. It comes with the client's chunk: a SUCCESS only ever arrives through the client.
 */

/**
 * `href` resolved against `base` when it is an http(s) URL whose origin is `origin`; else `undefined`
 * (`javascript:`, `data:`, another origin, not a URL).
 */
function sameOriginUrl(href: string, base: string, origin: string): URL | undefined {
  const url = httpUrl(href, base);
  return url?.origin === origin ? url : undefined;
}

/**
 * `href` (an attribute: `session-endpoint`, `redirect-to`) resolved against the document's base
 * URL; throws {@link ConfigurationError} unless it is http(s) on the page's own origin.
 */
function pageUrl(href: string, attribute: string, doc: Document): URL {
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
function sessionCookieRedirectUrl(baseUrl: string, sessionToken: string, redirect: string, doc: Document): URL {
  const org = originOf(baseUrl);
  if (!org) throw new ConfigurationError(NO_BASE_URL);
  const target = httpUrl(redirect, doc.baseURI);
  if (!target) throw new ConfigurationError('okta-session-redirect must be an http(s) URL');
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/login/sessionCookieRedirect`);
  url.searchParams.set('token', sessionToken);
  url.searchParams.set('redirectUrl', target.href);
  return url;
}

/** The CSRF token the page provides: the `csrf-token` attribute, else `<meta name="csrf-token">`. */
function pageCsrfToken(explicit: string | undefined, doc: Document | undefined): string | undefined {
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
async function postSessionToken(
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

/** The origin of an absolute URL, or `''`. */
function originOf(href: string): string {
  try {
    return new URL(href).origin;
  } catch {
    return '';
  }
}

/** The step-up `original` link of a `SUCCESS` (GET), if any. */
function findOriginal(tx: Transaction): string | undefined {
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

/** The element's configuration {@link finishSignIn} reads (its public properties). */
export interface FinishHost {
  readonly baseUrl: string;
  readonly sessionEndpoint: string | undefined;
  readonly redirectTo: string | undefined;
  readonly oktaSessionRedirect: string | undefined;
  readonly csrfHeader: string;
  readonly csrfToken: string | undefined;
  readonly ownerDocument: Document;
  readonly isConnected: boolean;
  dispatchEvent(event: Event): boolean;
}

/** The element's own moves {@link finishSignIn} uses. */
export interface FinishMoves {
  /** Forgets what the steps kept (typed values, view state). */
  forget(): void;
  /** Shows an error (and fires `okta-authn-error`). */
  fail(error: unknown): void;
  /** The element's `fetch`. */
  request(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Runs an action as the element does for a step: busy while it runs, its error shown with "Try again". */
  run(action: () => Promise<void>): Promise<unknown>;
}

/** Finishes a `SUCCESS` transaction: fires `okta-authn-success` and, unless prevented, hands the session over. */
export async function finishSignIn(host: FinishHost, tx: Transaction, moves: FinishMoves): Promise<void> {
  if (tx.recoveryType === 'UNLOCK') return;
  const embedded = tx._embedded as { user?: AuthnUser } | undefined;
  const proceed = host.dispatchEvent(successEvent({ sessionToken: tx.sessionToken, user: embedded?.user }));
  moves.forget();
  if (!proceed) return;
  const original = findOriginal(tx);
  if (!tx.sessionToken && original !== undefined) {
    // Only an http(s) link on the org's own origin: never `javascript:`, never an open redirect.
    const org = originOf(host.baseUrl);
    const url = org ? sameOriginUrl(original, `${org}/`, org) : undefined;
    if (url) window.location.assign(url.href);
    else moves.fail(new UnsafeLinkError(`The step-up link is not an http(s) URL of ${org || 'the org'}; not followed`));
    return;
  }
  const endpoint = host.sessionEndpoint;
  const sessionToken = tx.sessionToken;
  if (!endpoint && sessionToken && host.oktaSessionRedirect) {
    try {
      window.location.assign(sessionCookieRedirectUrl(host.baseUrl, sessionToken, host.oktaSessionRedirect, host.ownerDocument).href);
    } catch (error) {
      moves.fail(error);
    }
    return;
  }
  if (!endpoint || !sessionToken) return;
  // SUCCESS usually arrives inside a running action; let it finish (busy cleared) before the POST runs as its own action.
  await Promise.resolve();
  // The redirect is part of the action so that "Try again" after a failed POST still redirects.
  await moves.run(async () => {
    const doc = host.ownerDocument;
    const redirect = host.redirectTo ? pageUrl(host.redirectTo, 'redirect-to', doc) : undefined;
    try {
      await postSessionToken(endpoint, sessionToken, { header: host.csrfHeader, token: pageCsrfToken(host.csrfToken, doc) }, doc, moves.request);
    } catch (error) {
      throw error instanceof TypeError ? new NetworkError('The session endpoint could not be reached', { cause: error }) : error;
    }
    if (redirect && host.isConnected) window.location.assign(redirect.href);
  });
}
