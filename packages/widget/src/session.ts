import { AuthnError, OktaApiError, UnsupportedStatusError } from '@okta-authn/core';

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

/** What a {@link ConfigurationError} says when the element has no `base-url`. */
export const NO_BASE_URL = 'base-url is required: the URL of your Okta org';

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

const SECRET_KEYS = new Set(['stateToken', 'sessionToken', 'recoveryToken']);

/** A copy of a response body without `stateToken`, `sessionToken` or `recoveryToken` at any depth. */
export function withoutTokens(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => withoutTokens(item, depth + 1));
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SECRET_KEYS.has(key)).map(([key, item]) => [key, withoutTokens(item, depth + 1)]));
}

/** The error as fired in `okta-authn-error`: response bodies without `stateToken`, `sessionToken` or `recoveryToken`. */
export function withoutSecrets(error: Error): Error {
  if (error instanceof OktaApiError) Object.assign(error, { body: withoutTokens(error.body) });
  if (error instanceof UnsupportedStatusError) Object.assign(error, { raw: withoutTokens(error.raw) });
  return error;
}
