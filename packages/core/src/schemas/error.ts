import { listOf, object, optional, schema, text } from './check.js';

/** The JSON body of an Okta error response. */
export interface OktaErrorBody {
  /** Stable code, e.g. `E0000068`. */
  errorCode: string;
  /** Human-readable summary. */
  errorSummary: string;
  /** Okta repeats the code here. */
  errorLink?: string;
  /** Id of the failing request, for Okta support. */
  errorId?: string;
  /** Details, e.g. one entry per unmet password rule. */
  errorCauses?: { errorSummary: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

const errorCause = object({ errorSummary: text });

/** One entry of `errorCauses`. */
export const ErrorCauseSchema = schema<{ errorSummary: string; [key: string]: unknown }>(errorCause);

/** Okta's error body: `errorCode`, `errorSummary`, `errorLink`, `errorId`, `errorCauses`. */
export const OktaErrorBodySchema = schema<OktaErrorBody>(
  object({ errorCode: text, errorSummary: text, errorCauses: optional(listOf(errorCause)) }),
);
