import { OktaApiError, TransactionExpiredError, readRateLimit } from './errors.js';
import { OktaErrorBodySchema } from './schemas/error.js';

// Apart from the error classes, so that code which only throws or tells errors apart (a browser
// build's first form) does not bring the response schemas with it.

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
