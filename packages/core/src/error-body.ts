import { OktaApiError, TransactionExpiredError } from './errors.js';
import type { RateLimitInfo } from './errors.js';
import { OktaErrorBodySchema } from './schemas/error.js';

// Apart from the error classes, so that code which only throws or tells errors apart (a browser
// build's first form) does not bring the response schemas and header parsing with it.

/**
 * Turns an error response body into an {@link OktaApiError} (a {@link TransactionExpiredError}
 * for `E0000011`). A body that is not Okta's shape (a proxy's HTML 502) still gives a clear error,
 * with `errorCode` `UNEXPECTED_RESPONSE`.
 */
export function parseOktaError(json: unknown, httpStatus: number, headers?: Headers): OktaApiError {
  const rateLimit = readRateLimit(headers);
  const parsed = OktaErrorBodySchema.safeParse(json);
  if (!parsed.success) {
    return new OktaApiError({
      errorCode: 'UNEXPECTED_RESPONSE',
      errorSummary: `Unexpected response from the server (HTTP ${httpStatus})`,
      status: httpStatus,
      rateLimit,
      body: json,
    });
  }
  const init = {
    errorCode: parsed.data.errorCode,
    errorSummary: parsed.data.errorSummary,
    // One widget fixture misspells the key `errorCause`; treat absent as [].
    errorCauses: (parsed.data.errorCauses ?? []).map((cause) => ({ errorSummary: cause.errorSummary })),
    errorId: parsed.data.errorId,
    status: httpStatus,
    rateLimit,
    body: json,
  };
  return init.errorCode === 'E0000011' ? new TransactionExpiredError(init) : new OktaApiError(init);
}

/** Reads `X-Rate-Limit-*` and `Retry-After` from response headers; `undefined` when none are set. */
export function readRateLimit(headers: Headers | undefined, now: number = Date.now()): RateLimitInfo | undefined {
  const read = (name: string): number | undefined => {
    const value = headers?.get(name)?.trim();
    return value && Number.isFinite(+value) ? +value : undefined;
  };
  const limit = read('x-rate-limit-limit');
  const remaining = read('x-rate-limit-remaining');
  const reset = read('x-rate-limit-reset');
  const retryAfter = headers?.get('retry-after');
  // Retry-After is either seconds or an HTTP date.
  const retryAt = retryAfter ? (Number.isFinite(+retryAfter) ? now + +retryAfter * 1000 : Date.parse(retryAfter)) : NaN;
  const resetAt = Number.isFinite(retryAt) ? retryAt : reset === undefined ? NaN : reset * 1000;
  const retryAfterMs = Number.isFinite(resetAt) ? Math.max(0, resetAt - now) : undefined;
  if (limit === undefined && remaining === undefined && reset === undefined && retryAfterMs === undefined) return undefined;
  return { limit, remaining, reset, retryAfterMs };
}
