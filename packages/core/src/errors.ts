/** Rate-limit state read from `X-Rate-Limit-*` and `Retry-After` headers. */
export interface RateLimitInfo {
  /** Ceiling of the bucket that applied (`X-Rate-Limit-Limit`). */
  limit?: number;
  /** Requests left in the window (`X-Rate-Limit-Remaining`). */
  remaining?: number;
  /** When the window resets, UTC epoch seconds (`X-Rate-Limit-Reset`). */
  reset?: number;
  /** Milliseconds to wait before retrying, from `Retry-After` or `reset`. */
  retryAfterMs?: number;
}

/** Base class of every error this library throws; branch on `code`. */
export class AuthnError extends Error {
  /** Stable, machine-readable code. */
  declare readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthnError';
    this.code = code;
  }
}

/** Thrown for bad arguments before any request is sent; `code` is `INVALID_INPUT`. */
export class InvalidInputError extends AuthnError {
  /** One line per problem, `field: problem`. */
  readonly issues: string[];
  constructor(what: string, issues: string[]) {
    super('INVALID_INPUT', `Invalid ${what}: ${issues.join('; ')}`);
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}

/** What {@link OktaApiError} is built from. */
export interface OktaApiErrorInit {
  /** Okta's error code (`E0000068`), or this library's (`UNEXPECTED_RESPONSE`). */
  errorCode: string;
  /** Human-readable summary; becomes the error's `message`. */
  errorSummary: string;
  /** Detail entries (e.g. each unmet password rule); absent means none. */
  errorCauses?: { errorSummary: string }[];
  /** Okta's id of the failing request. */
  errorId?: string;
  /** HTTP status of the response. */
  status: number;
  /** Rate-limit headers of the response. */
  rateLimit?: RateLimitInfo;
  /** The response body as received. */
  body?: unknown;
}

/** An error response from Okta (or the simulator), in Okta's error shape. */
export class OktaApiError extends AuthnError {
  /** Okta's stable error code, e.g. `E0000068`; `UNEXPECTED_RESPONSE` for a body that is not Okta's. */
  declare readonly errorCode: string;
  /** Human-readable summary (may change between Okta releases). */
  declare readonly errorSummary: string;
  /** Detail entries; `[]` when Okta sent none. */
  declare readonly errorCauses: { errorSummary: string }[];
  /** Okta's id of the failing request, when given. */
  declare readonly errorId: string | undefined;
  /** HTTP status. */
  declare readonly status: number;
  /** Rate-limit headers of the response, when present. */
  declare readonly rateLimit: RateLimitInfo | undefined;
  /** The response body as received. */
  declare readonly body: unknown;

  constructor(init: OktaApiErrorInit) {
    super(init.errorCode, init.errorSummary);
    this.name = 'OktaApiError';
    Object.assign(this, { errorId: undefined, rateLimit: undefined, body: undefined }, init, { errorCauses: init.errorCauses ?? [] });
  }
}

/** `E0000011`: the stateToken (or recoveryToken) is expired, revoked or unknown; start over. */
export class TransactionExpiredError extends OktaApiError {
  constructor(init: OktaApiErrorInit) {
    super(init);
    this.name = 'TransactionExpiredError';
  }
}

/** The request never got an HTTP response (offline, DNS, refused, or no answer within `timeoutMs`). */
export class NetworkError extends AuthnError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NETWORK_ERROR', message, options);
    this.name = 'NetworkError';
  }
}

/** A response that is not a valid authn transaction (wrong shape, not JSON). */
export class InvalidResponseError extends AuthnError {
  /** Why the response was refused, one line per problem. */
  declare readonly issues: string[];
  constructor(message: string, issues: string[] = []) {
    super('INVALID_RESPONSE', issues.length ? `${message}: ${issues.join('; ')}` : message);
    this.name = 'InvalidResponseError';
    this.issues = issues;
  }
}

/** A transaction whose `status` is not one of the twelve documented states. */
export class UnsupportedStatusError extends AuthnError {
  /** The status received. */
  declare readonly status: string;
  /** The response as received. */
  declare readonly raw: unknown;
  constructor(status: string, raw: unknown) {
    super('UNSUPPORTED_STATUS', `Unsupported transaction status "${status}"`);
    this.name = 'UnsupportedStatusError';
    this.status = status;
    this.raw = raw;
  }
}
