import * as z from 'zod/mini';
import type { Links } from './link.js';
import { LinksSchema } from './link.js';
import { listOf } from './util.js';

/** Values of a session's `status`. */
export const SESSION_STATUSES = ['ACTIVE', 'MFA_REQUIRED', 'MFA_ENROLL'] as const;

/** Authentication method references that may appear in `amr`. */
export const AMR_VALUES = ['pwd', 'swk', 'hwk', 'otp', 'sms', 'tel', 'geo', 'fpt', 'kba', 'mfa', 'mca', 'sc'] as const;

/** An Okta session. */
export interface OktaSession {
  id: string;
  userId: string;
  login: string;
  createdAt?: string;
  expiresAt: string;
  status: string;
  lastPasswordVerification?: string | null;
  lastFactorVerification?: string | null;
  amr: string[];
  idp?: { id: string; type: string; [key: string]: unknown };
  mfaActive?: boolean;
  _links?: Links;
  [key: string]: unknown;
}

const text = z.string();

/** An Okta session, as `/api/v1/sessions/me`, `/api/v1/sessions` and `/api/v1/sessions/{id}` return it. */
export const OktaSessionSchema = z.looseObject({
  id: text,
  userId: text,
  login: text,
  expiresAt: text,
  status: text,
  amr: listOf(text, 'expected an array of strings'),
  _links: z.optional(LinksSchema),
}) as z.ZodMiniType<OktaSession>;
