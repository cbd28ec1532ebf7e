import type * as z from 'zod/mini';
import type { Check } from './check.js';
import { like, listOf, object, oneOrList, optional, satisfies, schema, text } from './check.js';
import type { Challenge, Factor } from './factor.js';
import type { Link, Links } from './link.js';
import type { PasswordPolicy, RememberDevicePolicy } from './policy.js';
import type { AuthnUser } from './user.js';
import { factor, links as linksShape, user } from './shapes.js';

/** The twelve documented transaction states. */
export const TRANSACTION_STATUSES = [
  'UNAUTHENTICATED',
  'PASSWORD_WARN',
  'PASSWORD_EXPIRED',
  'RECOVERY',
  'RECOVERY_CHALLENGE',
  'PASSWORD_RESET',
  'LOCKED_OUT',
  'MFA_ENROLL',
  'MFA_ENROLL_ACTIVATE',
  'MFA_REQUIRED',
  'MFA_CHALLENGE',
  'SUCCESS',
] as const;
/** A transaction state. */
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** Kinds of recovery transaction. */
export const RECOVERY_TYPES = ['PASSWORD', 'UNLOCK', 'ACCOUNT_ACTIVATION'] as const;

/** Fields any transaction may carry (§1.1 of the API digest). */
export interface TransactionFields {
  /** Handle of the transaction; sent back on every move. It may change between responses: always use the latest. */
  stateToken?: string;
  /** Step-up transactions: `SESSION_STEP_UP`. */
  type?: string;
  /** Expiry (ISO 8601) of the token this response carries: stateToken (sliding), recoveryToken or sessionToken. */
  expiresAt?: string;
  /** The value given when the transaction started, echoed untouched; untrusted, escape before rendering. */
  relayState?: string | null;
  /** Outcome of the last factor attempt: `WAITING` (poll), `REJECTED`, `TIMEOUT`, `CHALLENGE`, … */
  factorResult?: string;
  /** Extra message with `factorResult` (custom factors; `OKTA_VERIFY_UPGRADE_REQUIRED`). */
  factorResultMessage?: string | null;
  /** `FACTOR` or `FACTOR_TYPE` (WebAuthn verify by type). */
  challengeType?: string;
  /** `RECOVERY_CHALLENGE`: the recovery factor (`EMAIL`, `SMS`, `CALL`); WebAuthn verify by type: `webauthn`. */
  factorType?: string;
  /** Trusted-app `RECOVERY`: the one-time token to deliver out of band. */
  recoveryToken?: string;
  /** `PASSWORD`, `UNLOCK` or `ACCOUNT_ACTIVATION` (see {@link RECOVERY_TYPES}). */
  recoveryType?: string;
  /** `SUCCESS`: the one-time, five-minute token that creates the Okta session. */
  sessionToken?: string;
  /** The moves the state publishes: `next`, `prev`, `skip`, `cancel`, `resend`. */
  _links?: Links;
  [key: string]: unknown;
}

/** `_embedded.target` of a step-up transaction. */
export interface StepUpTarget {
  /** `APP`. */
  type?: string;
  /** The app's internal name. */
  name?: string;
  /** The app's display name. */
  label?: string;
  /** `logo`: one link or an array of named image links. */
  _links?: Links;
  [key: string]: unknown;
}

/** `_embedded.authentication` of a step-up transaction. */
export interface StepUpAuthentication {
  /** `SAML2.0`, `SAML1.1` or `WS-FED`. */
  protocol?: string;
  /** The app's identity as the protocol names it: `id`, `name`, `uri`. */
  issuer?: { id?: string; name?: string; uri?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** Embedded resources keyed by name; unknown keys are kept. */
type Embedded<T> = T & { [key: string]: unknown };
/** A state whose transaction can be continued (it carries a stateToken). */
type Continuable = { stateToken: string };

/**
 * The user is not authenticated yet: an SP-initiated step-up (sign in within this transaction), or
 * a passwordless sign-in, which lists the `factors` to verify in place of the password (no `user`).
 */
export type UnauthenticatedBody = TransactionFields &
  Continuable & {
    status: 'UNAUTHENTICATED';
    _embedded?: Embedded<{ target?: StepUpTarget; authentication?: StepUpAuthentication; factors?: Factor[]; policy?: RememberDevicePolicy }>;
  };
/** Password accepted but about to expire; change it or skip. */
export type PasswordWarnBody = TransactionFields & Continuable & { status: 'PASSWORD_WARN'; _embedded: Embedded<{ user: AuthnUser; policy?: PasswordPolicy }> };
/** Password accepted but expired; it must be changed. */
export type PasswordExpiredBody = TransactionFields & Continuable & { status: 'PASSWORD_EXPIRED'; _embedded: Embedded<{ user: AuthnUser; policy?: PasswordPolicy }> };
/** Recovery: either a trusted-app `recoveryToken`, or a `stateToken` with the recovery question. */
export type RecoveryBody = TransactionFields & { status: 'RECOVERY'; _embedded?: Embedded<{ user?: AuthnUser }> };
/** A recovery factor (SMS, call, email) must be proven; email has no token or links. */
export type RecoveryChallengeBody = TransactionFields & { status: 'RECOVERY_CHALLENGE'; _embedded?: Embedded<object> };
/** A new password must be set (recovery, or account activation without a password). */
export type PasswordResetBody = TransactionFields & Continuable & { status: 'PASSWORD_RESET'; _embedded: Embedded<{ user: AuthnUser; policy?: PasswordPolicy }> };
/** The account is locked; self-service unlock may be offered. */
export type LockedOutBody = TransactionFields & { status: 'LOCKED_OUT'; _embedded?: Embedded<object> };
/** Factors to enroll (required and optional). */
export type MfaEnrollBody = TransactionFields & Continuable & { status: 'MFA_ENROLL'; _embedded: Embedded<{ user: AuthnUser; factors: Factor[] }> };
/** A factor was enrolled and must now be activated. */
export type MfaEnrollActivateBody = TransactionFields & Continuable & { status: 'MFA_ENROLL_ACTIVATE'; _embedded: Embedded<{ user: AuthnUser; factor: Factor }> };
/** A factor type the user may verify with any of its factors (`_embedded.factorTypes`, WebAuthn). */
export interface FactorTypeEntry {
  /** `webauthn` (or `u2f`). */
  factorType: string;
  /** `next` (name `verify`): `/api/v1/authn/factors/webauthn/verify`. */
  _links?: Links;
  [key: string]: unknown;
}
/** A second factor must be verified; pick one of `factors` (WebAuthn also by type, `factorTypes`). */
export type MfaRequiredBody = TransactionFields & Continuable & {
  status: 'MFA_REQUIRED';
  _embedded: Embedded<{ user: AuthnUser; factors: Factor[]; factorTypes?: FactorTypeEntry[]; policy?: RememberDevicePolicy }>;
};
/**
 * A challenge is outstanding (code sent, push pending, nonce issued) for one `factor`, or, verifying
 * WebAuthn by type (`challengeType: FACTOR_TYPE`), for every one of `factors` with one shared
 * `challenge` (older documentation put that list under `factor`).
 */
export type MfaChallengeBody = TransactionFields & Continuable & {
  status: 'MFA_CHALLENGE';
  _embedded: Embedded<{ user: AuthnUser; factor?: Factor | Factor[]; factors?: Factor[]; policy?: RememberDevicePolicy; challenge?: Challenge }>;
};
/** The transaction finished: a one-time `sessionToken` (absent in step-up, which links `original`). */
export type SuccessBody = TransactionFields & { status: 'SUCCESS'; _embedded?: Embedded<{ user?: AuthnUser; target?: StepUpTarget; authentication?: StepUpAuthentication }> };

/** The JSON body of an authn response, as validated. */
export type TransactionBody =
  | UnauthenticatedBody
  | PasswordWarnBody
  | PasswordExpiredBody
  | RecoveryBody
  | RecoveryChallengeBody
  | PasswordResetBody
  | LockedOutBody
  | MfaEnrollBody
  | MfaEnrollActivateBody
  | MfaRequiredBody
  | MfaChallengeBody
  | SuccessBody;

/** The body of a transaction in one state. */
export type TransactionBodyOf<S extends TransactionStatus> = Extract<TransactionBody, { status: S }>;

/** A link as kept in `AuthnTransaction.links`. */
export type TransactionLink = Link;

// Run-time checks cover what the client and the widget rely on: the status, the stateToken of
// continuable states, the user, the factors and every link. Other fields are typed, not checked.
const links = optional(linksShape);
const anyObject = object();
const factors = listOf(factor);

/** Builds the schema of one state; `embedded` undefined means `_embedded` is an optional object. */
function state<S extends TransactionStatus>(status: S, continuable: boolean, embedded: Check = optional(anyObject)) {
  return schema<TransactionBodyOf<S>>(
    object({
      status: satisfies((value) => value === status, `expected ${status}`),
      stateToken: continuable ? text : optional(text),
      _links: links,
      _embedded: embedded,
    }),
  );
}
const withUser = (extra: Record<string, Check> = {}) => object({ user, ...extra });
const optionalUser = optional(object({ user: optional(user) }));

const stepUpTarget = object({ _links: links });

/** `_embedded.target` of a step-up transaction. */
export const StepUpTargetSchema = schema<StepUpTarget>(stepUpTarget);
/** `_embedded.authentication` of a step-up transaction. */
export const StepUpAuthenticationSchema = schema<StepUpAuthentication>(anyObject);

/** Not authenticated yet: a step-up to sign in within, or a passwordless sign-in listing the factors to verify. */
export const UnauthenticatedSchema = state('UNAUTHENTICATED', true, optional(object({ target: optional(stepUpTarget), factors: optional(factors) })));
/** Password accepted but about to expire; change it or skip. */
export const PasswordWarnSchema = state('PASSWORD_WARN', true, withUser());
/** Password accepted but expired; it must be changed. */
export const PasswordExpiredSchema = state('PASSWORD_EXPIRED', true, withUser());
/** Recovery: either a trusted-app `recoveryToken`, or a `stateToken` with the recovery question. */
export const RecoverySchema = state('RECOVERY', false, optionalUser);
/** A recovery factor (SMS, call, email) must be proven; email has no token or links. */
export const RecoveryChallengeSchema = state('RECOVERY_CHALLENGE', false);
/** A new password must be set (recovery, or account activation without a password). */
export const PasswordResetSchema = state('PASSWORD_RESET', true, withUser());
/** The account is locked; self-service unlock may be offered. */
export const LockedOutSchema = state('LOCKED_OUT', false);
/** Factors to enroll (required and optional). */
export const MfaEnrollSchema = state('MFA_ENROLL', true, withUser({ factors }));
/** A factor was enrolled and must now be activated. */
export const MfaEnrollActivateSchema = state('MFA_ENROLL_ACTIVATE', true, withUser({ factor }));
/** A second factor must be verified; pick one of `factors`. */
export const MfaRequiredSchema = state('MFA_REQUIRED', true, withUser({ factors, factorTypes: optional(listOf(object({ factorType: text, _links: links }))) }));
/** A challenge is outstanding for one `factor`, or (WebAuthn by type) for every one of `factors`. */
export const MfaChallengeSchema = state('MFA_CHALLENGE', true, (value, path, report) =>
  withUser({ factors: optional(factors), factor: (value as { factors?: unknown } | null)?.factors ? optional(oneOrList(factor)) : oneOrList(factor), challenge: optional(anyObject) })(value, path, report),
);
/** The transaction finished: a one-time `sessionToken` (absent in step-up, which links `original`). */
export const SuccessSchema = state('SUCCESS', false, optionalUser);

/** The schema of each state, for validating a response whose `status` is known. */
export const TRANSACTION_SCHEMAS: { [S in TransactionStatus]: z.ZodMiniType<TransactionBodyOf<S>> } = {
  UNAUTHENTICATED: UnauthenticatedSchema,
  PASSWORD_WARN: PasswordWarnSchema,
  PASSWORD_EXPIRED: PasswordExpiredSchema,
  RECOVERY: RecoverySchema,
  RECOVERY_CHALLENGE: RecoveryChallengeSchema,
  PASSWORD_RESET: PasswordResetSchema,
  LOCKED_OUT: LockedOutSchema,
  MFA_ENROLL: MfaEnrollSchema,
  MFA_ENROLL_ACTIVATE: MfaEnrollActivateSchema,
  MFA_REQUIRED: MfaRequiredSchema,
  MFA_CHALLENGE: MfaChallengeSchema,
  SUCCESS: SuccessSchema,
};

/** Any authn response, checked against the schema of its `status`; unknown fields are kept. */
export const TransactionSchema = schema<TransactionBody>((value, path, report) => {
  const known = TRANSACTION_SCHEMAS[(value as TransactionBody | null)?.status as TransactionStatus];
  if (known) like(known)(value, path, report);
  else object({ status: satisfies(() => false, `expected one of ${TRANSACTION_STATUSES.join(', ')}`) })(value, path, report);
});
