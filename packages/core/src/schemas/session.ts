import * as z from 'zod/mini';
import { LinksSchema } from './link.js';

/** Values of a session's `status`. */
export const SESSION_STATUSES = ['ACTIVE', 'MFA_REQUIRED', 'MFA_ENROLL'] as const;

/** Authentication method references that may appear in `amr`. */
export const AMR_VALUES = ['pwd', 'swk', 'hwk', 'otp', 'sms', 'tel', 'geo', 'fpt', 'kba', 'mfa', 'mca', 'sc'] as const;

/** An Okta session, as `/api/v1/sessions/me`, `/api/v1/sessions` and `/api/v1/sessions/{id}` return it. */
export const OktaSessionSchema = z.looseObject({
  id: z.string(),
  userId: z.string(),
  login: z.string(),
  createdAt: z.optional(z.string()),
  expiresAt: z.string(),
  status: z.string(),
  lastPasswordVerification: z.optional(z.nullable(z.string())),
  lastFactorVerification: z.optional(z.nullable(z.string())),
  amr: z.array(z.string()),
  idp: z.optional(z.looseObject({ id: z.string(), type: z.string() })),
  mfaActive: z.optional(z.boolean()),
  _links: z.optional(LinksSchema),
});
/** An Okta session. */
export type OktaSession = z.infer<typeof OktaSessionSchema>;
