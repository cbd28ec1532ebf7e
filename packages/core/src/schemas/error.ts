import * as z from 'zod/mini';

/** One entry of `errorCauses`. */
export const ErrorCauseSchema = z.looseObject({ errorSummary: z.string() });

/** Okta's error body: `errorCode`, `errorSummary`, `errorLink`, `errorId`, `errorCauses`. */
export const OktaErrorBodySchema = z.looseObject({
  errorCode: z.string(),
  errorSummary: z.string(),
  errorLink: z.optional(z.string()),
  errorId: z.optional(z.string()),
  errorCauses: z.optional(z.array(ErrorCauseSchema)),
});
/** The JSON body of an Okta error response. */
export type OktaErrorBody = z.infer<typeof OktaErrorBodySchema>;
