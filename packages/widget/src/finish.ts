import { NetworkError } from '@okta-authn/core';
import type { AuthnUser, Transaction } from '@okta-authn/core';
import { successEvent } from './events.js';
import { UnsafeLinkError, findOriginal, originOf, pageCsrfToken, pageUrl, postSessionToken, sameOriginUrl, sessionCookieRedirectUrl } from './session.js';

/**
 * What happens at `SUCCESS`: the event, then (unless the host prevents it) the step-up redirect, the
 * org's session-cookie redirect, or the POST of the sessionToken to the session endpoint and the
 * redirect after it. It comes with the client's chunk: a SUCCESS only ever arrives through the client.
 */

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
