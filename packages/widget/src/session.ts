import { AuthnError } from '@okta-authn/core';

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

/** The CSRF token the page provides: the `csrf-token` attribute, else `<meta name="csrf-token">`. */
export function pageCsrfToken(explicit: string | undefined, doc: Document | undefined): string | undefined {
  if (explicit) return explicit;
  const meta = doc?.querySelector<HTMLMetaElement>('meta[name="csrf-token"]');
  return meta?.content || undefined;
}

/**
 * POSTs `{ sessionToken }` as JSON to the app's session endpoint with same-origin credentials
 * and the CSRF header when a token is known, through `fetcher` (the element's `fetch`). Rejects with {@link SessionEndpointError} on a
 * non-2xx answer; a fetch failure rejects as fetch does.
 */
export async function postSessionToken(
  endpoint: string,
  sessionToken: string,
  csrf: { header: string; token: string | undefined },
  fetcher: typeof fetch = globalThis.fetch,
): Promise<void> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (csrf.token) headers[csrf.header] = csrf.token;
  const response = await fetcher(endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify({ sessionToken }),
  });
  if (!response.ok) throw new SessionEndpointError(response.status);
}
