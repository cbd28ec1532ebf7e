import { listOf, object, optional, schema, text } from './check.js';
import type { Links } from './link.js';
import { links } from './shapes.js';

/** Values of a session's `status`. */
export const SESSION_STATUSES = ['ACTIVE', 'MFA_REQUIRED', 'MFA_ENROLL'] as const;

/** Authentication method references that may appear in `amr`. */
export const AMR_VALUES = ['pwd', 'swk', 'hwk', 'otp', 'sms', 'tel', 'geo', 'fpt', 'kba', 'mfa', 'mca', 'sc'] as const;

/** An Okta session. */
export interface OktaSession {
  /** Session id (also the value of Okta's `sid` cookie). */
  id: string;
  /** Id of the signed-in user. */
  userId: string;
  /** The user's login. */
  login: string;
  /** When the session was created (ISO 8601); `/sessions/me` includes it. */
  createdAt?: string;
  /** When the session ends unless refreshed (ISO 8601). */
  expiresAt: string;
  /** `ACTIVE`, or `MFA_REQUIRED` / `MFA_ENROLL` when a second factor is still due (see {@link SESSION_STATUSES}). */
  status: string;
  /** Last password check (ISO 8601), or null. */
  lastPasswordVerification?: string | null;
  /** Last MFA verification (ISO 8601), or null. */
  lastFactorVerification?: string | null;
  /** Authentication methods used (`pwd`, `otp`, `swk`, `mfa`, … see {@link AMR_VALUES}). */
  amr: string[];
  /** Identity provider that authenticated the user: `type` `OKTA`, `ACTIVE_DIRECTORY`, `LDAP`, `FEDERATION` or `SOCIAL`. */
  idp?: { id: string; type: string; [key: string]: unknown };
  /** Deprecated by Okta: whether the user has a factor enrolled; prefer `lastFactorVerification` and `amr`. */
  mfaActive?: boolean;
  /** `self`, `refresh` and `user` links. */
  _links?: Links;
  [key: string]: unknown;
}

/** An Okta session, as `/api/v1/sessions/me`, `/api/v1/sessions` and `/api/v1/sessions/{id}` return it. */
export const OktaSessionSchema = schema<OktaSession>(
  object({ id: text, userId: text, login: text, expiresAt: text, status: text, amr: listOf(text), _links: optional(links) }),
);
