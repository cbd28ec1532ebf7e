import * as z from 'zod/mini';
import { listOf } from './util.js';

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

/** One entry of `errorCauses`. */
export const ErrorCauseSchema = z.looseObject({ errorSummary: z.string() });

/** Okta's error body: `errorCode`, `errorSummary`, `errorLink`, `errorId`, `errorCauses`. */
export const OktaErrorBodySchema = z.looseObject({
  errorCode: z.string(),
  errorSummary: z.string(),
  errorCauses: z.optional(listOf(ErrorCauseSchema, 'expected an array of { errorSummary }')),
}) as z.ZodMiniType<OktaErrorBody>;
