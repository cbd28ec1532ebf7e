import * as z from 'zod/mini';
import { listOf } from './util.js';

/** The JSON body of an Okta error response. */
export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink?: string;
  errorId?: string;
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
