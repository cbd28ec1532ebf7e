import type { SimContext } from '../context.js';
import { oktaId } from '../ids.js';
import type { SimFactorType } from '../policy.js';
import type { FactorRecord, TransactionRecord, UserRecord } from '../store.js';

/** Data an enrollment request carries. */
export interface EnrollInput {
  provider: string;
  profile: Record<string, unknown> | undefined;
  passCode?: string | undefined;
  nextPassCode?: string | undefined;
}

/** Data a verification (or activation) request carries. */
export interface VerifyInput {
  passCode?: string | undefined;
  nextPassCode?: string | undefined;
  answer?: string | undefined;
  /** WebAuthn activation: `attestationObject`, base64. */
  attestation?: string | undefined;
  /** WebAuthn and U2F: `clientDataJSON`, base64. */
  clientData?: string | undefined;
  /** WebAuthn and U2F (through WebAuthn): the assertion's authenticator data, base64. */
  authenticatorData?: string | undefined;
  /** WebAuthn and U2F: the assertion's signature, base64. */
  signatureData?: string | undefined;
  /** The org origin the request came to (WebAuthn: the relying party, an expected page origin). */
  orgOrigin?: string | undefined;
  /** What the WebAuthn or U2F challenge belongs to: the authn transaction verifying, or the factor itself through the Factors API. */
  transaction?: TransactionRecord | FactorRecord | undefined;
}

/** One factor type: how it enrolls, shows itself, challenges and verifies. */
export interface FactorKind {
  /** Okta's `factorType`. */
  readonly type: SimFactorType;
  /** Providers offered for this type. */
  readonly providers: readonly string[];
  /** Session `amr` values a verification of this factor adds. */
  readonly amr: readonly string[];
  /** Id prefix per provider (§0.3). */
  idPrefix(provider: string): string;
  /** Validates the enrollment and creates the record (`ACTIVE` when no activation step is needed). */
  enroll(ctx: SimContext, user: UserRecord, input: EnrollInput): Promise<FactorRecord>;
  /** The profile as authn transactions show it (masked). */
  authnProfile(factor: FactorRecord): Record<string, unknown>;
  /** The profile as the Factors API shows it (unmasked, no secrets). */
  apiProfile(factor: FactorRecord): Record<string, unknown>;
  /** True when the request carries what `verify` checks (a passCode or an answer). */
  hasCredential(input: VerifyInput): boolean;
  /** Checks the credential; throws an Okta error when it is wrong. */
  verify(ctx: SimContext, factor: FactorRecord, user: UserRecord, input: VerifyInput): Promise<void>;
  /** Sends a code (sms, call, email); absent for factors without delivery. */
  sendCode?(ctx: SimContext, factor: FactorRecord, user: UserRecord, purpose: 'verification' | 'activation'): void;
  /** Issues a challenge to sign in transaction `tx`, or to the factor verified through the Factors API (WebAuthn, U2F); absent for factors without one. */
  issueChallenge?(ctx: SimContext, factor: FactorRecord, tx: TransactionRecord | FactorRecord): void;
  /** `factor._embedded.challenge` of `MFA_CHALLENGE` (or of a Factors API `CHALLENGE`) while `tx`'s challenge is open (WebAuthn, U2F). */
  challengeObject?(ctx: SimContext, factor: FactorRecord, tx: TransactionRecord | FactorRecord): Record<string, unknown> | undefined;
  /** `factor._embedded.activation` of `MFA_ENROLL_ACTIVATE`, for types that build their own (WebAuthn). */
  activation?(ctx: SimContext, origin: string, factor: FactorRecord, user: UserRecord): Record<string, unknown>;
  /** False when the org does not offer this type to `user` in `MFA_ENROLL` (WebAuthn unless the policy names it; U2F never). */
  offeredTo?(user: UserRecord): boolean;
  /** How many active factors of this type a user may have (several WebAuthn authenticators); 1 when absent. */
  readonly maxEnrolled?: number;
}

/**
 * True when a code or answer is missing or only whitespace. For a sending factor (sms, call,
 * email) that asks for a code to be sent, as Okta's own widget does with `passCode: ""`; for any
 * other factor nothing was guessed, so it never counts toward lockout.
 */
export function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim().length === 0;
}

/** A fresh factor record with no secrets. */
export function newFactor(
  ctx: SimContext,
  user: UserRecord,
  kind: FactorKind,
  provider: string,
  profile: Record<string, unknown>,
  status: FactorRecord['status'],
): FactorRecord {
  const now = ctx.clock.now();
  return {
    id: oktaId(kind.idPrefix(provider)),
    userId: user.id,
    factorType: kind.type,
    provider,
    status,
    created: now,
    lastUpdated: now,
    profile,
    secret: null,
    answerHash: null,
    lastUsedCounter: -1,
    code: null,
    lastSentAt: null,
    activationAttempts: [],
    pushActivation: null,
    push: null,
    qrToken: null,
  };
}
