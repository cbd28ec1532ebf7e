import * as z from 'zod/mini';
import type { Links } from './link.js';
import { LinksSchema } from './link.js';
import { orNull } from './util.js';

/** Every factor type of the Classic API reference. */
export const FACTOR_TYPES = [
  'question',
  'sms',
  'call',
  'email',
  'token:software:totp',
  'push',
  'token',
  'token:hardware',
  'token:hotp',
  'web',
  'u2f',
  'webauthn',
] as const;
/** A factor type the API documents; other strings still parse (see {@link Factor}). */
export type KnownFactorType = (typeof FACTOR_TYPES)[number];

/** Every factor provider of the Classic API reference. */
export const FACTOR_PROVIDERS = ['OKTA', 'GOOGLE', 'RSA', 'SYMANTEC', 'YUBICO', 'CUSTOM', 'DUO', 'FIDO'] as const;
/** A factor provider the API documents. */
export type KnownFactorProvider = (typeof FACTOR_PROVIDERS)[number];

/** Values of `factorResult` on transactions, activations and Factors API results. */
export const FACTOR_RESULTS = [
  'WAITING',
  'SUCCESS',
  'REJECTED',
  'TIMEOUT',
  'CHALLENGE',
  'CANCELLED',
  'ERROR',
  'PASSCODE_REPLAYED',
  'TIME_WINDOW_EXCEEDED',
  'FAILED',
] as const;
/** A `factorResult` value. */
export type FactorResult = (typeof FACTOR_RESULTS)[number];

const text = z.string();
const anyObject = z.looseObject({});

/** Security-question factor profile (`question` key, display text, write-only answer). */
export interface QuestionProfile {
  question: string;
  questionText?: string | null;
  answer?: string | null;
  [key: string]: unknown;
}
/** SMS and voice-call factor profile (masked in authn responses). */
export interface PhoneProfile {
  phoneNumber: string;
  phoneExtension?: string | null;
  [key: string]: unknown;
}
/** Email factor profile (masked in authn responses). */
export interface EmailProfile {
  email: string;
  [key: string]: unknown;
}
/** Profile of TOTP, RSA/Symantec, YubiKey, custom HOTP and Duo factors. */
export interface CredentialProfile {
  credentialId: string;
  [key: string]: unknown;
}
/** Okta Verify push profile; `{}` before activation and in pre-auth responses. */
export interface PushProfile {
  credentialId?: string | null;
  deviceType?: string | null;
  name?: string | null;
  platform?: string | null;
  version?: string | null;
  keys?: Record<string, unknown>[];
  [key: string]: unknown;
}
/** U2F and WebAuthn profile. */
export interface FidoProfile {
  credentialId?: string | null;
  appId?: string | null;
  version?: string | null;
  authenticatorName?: string | null;
  [key: string]: unknown;
}

/** Security-question factor profile (`question` key, display text, write-only answer). */
export const QuestionProfileSchema = z.looseObject({ question: text }) as z.ZodMiniType<QuestionProfile>;
/** SMS and voice-call factor profile (masked in authn responses). */
export const PhoneProfileSchema = z.looseObject({ phoneNumber: text }) as z.ZodMiniType<PhoneProfile>;
/** Email factor profile (masked in authn responses). */
export const EmailProfileSchema = z.looseObject({ email: text }) as z.ZodMiniType<EmailProfile>;
/** Profile of TOTP, RSA/Symantec, YubiKey, custom HOTP and Duo factors. */
export const CredentialProfileSchema = z.looseObject({ credentialId: text }) as z.ZodMiniType<CredentialProfile>;
/** Okta Verify push profile; `{}` before activation and in pre-auth responses. */
export const PushProfileSchema = anyObject as z.ZodMiniType<PushProfile>;
/** U2F and WebAuthn profile. */
export const FidoProfileSchema = anyObject as z.ZodMiniType<FidoProfile>;

/** Profile shape per known factor type. */
export interface FactorProfiles {
  question: QuestionProfile;
  sms: PhoneProfile;
  call: PhoneProfile;
  email: EmailProfile;
  'token:software:totp': CredentialProfile;
  push: PushProfile;
  token: CredentialProfile;
  'token:hardware': CredentialProfile;
  'token:hotp': CredentialProfile;
  web: CredentialProfile;
  u2f: FidoProfile;
  webauthn: FidoProfile;
}

/** The schema that checks a profile of each known factor type. */
export const FACTOR_PROFILE_SCHEMAS = {
  question: QuestionProfileSchema,
  sms: PhoneProfileSchema,
  call: PhoneProfileSchema,
  email: EmailProfileSchema,
  'token:software:totp': CredentialProfileSchema,
  push: PushProfileSchema,
  token: CredentialProfileSchema,
  'token:hardware': CredentialProfileSchema,
  'token:hotp': CredentialProfileSchema,
  web: CredentialProfileSchema,
  u2f: FidoProfileSchema,
  webauthn: FidoProfileSchema,
} as const;

/**
 * How to activate a freshly enrolled factor: TOTP (`sharedSecret`, `qrcode` link), push
 * (`expiresAt`, `qrcode` and `send` links), U2F (`nonce`), WebAuthn (creation options), Duo.
 */
export interface Activation {
  expiresAt?: string | null;
  factorResult?: string | null;
  timeStep?: number | string;
  sharedSecret?: string | null;
  encoding?: string | null;
  keyLength?: number;
  nonce?: string | null;
  timeoutSeconds?: number;
  appId?: string | null;
  version?: string | null;
  challenge?: string | null;
  host?: string | null;
  signature?: string | null;
  _links?: Links;
  [key: string]: unknown;
}

/** Challenge data of a factor being verified: push number challenge, U2F nonce, WebAuthn options. */
export interface Challenge {
  correctAnswer?: number;
  nonce?: string | null;
  timeoutSeconds?: number;
  challenge?: string | null;
  userVerification?: string | null;
  [key: string]: unknown;
}

/** A phone already on the user, offered when enrolling SMS/call (`_embedded.phones`). */
export interface EnrolledPhone {
  id?: string | null;
  status?: string | null;
  profile?: { phoneNumber?: string | null; [key: string]: unknown };
  [key: string]: unknown;
}

/** A factor: enrolled (with `id`) or enrollable (in `MFA_ENROLL`, without). */
export interface Factor {
  id?: string | null;
  factorType: string;
  provider: string;
  vendorName?: string | null;
  status?: string | null;
  enrollment?: string | null;
  created?: string | null;
  lastUpdated?: string | null;
  profile?: Record<string, unknown> | null;
  policy?: Record<string, unknown> | null;
  _links?: Links;
  _embedded?: {
    activation?: Activation | null;
    challenge?: Challenge | null;
    verification?: Record<string, unknown> | null;
    phones?: EnrolledPhone[];
    emails?: Record<string, unknown>[];
    [key: string]: unknown;
  } | null;
  [key: string]: unknown;
}

/** `factor._embedded.activation` (its `_links` checked at run time). */
export const ActivationSchema = z.looseObject({ _links: z.optional(LinksSchema) }) as z.ZodMiniType<Activation>;

/** `factor._embedded.challenge`. */
export const ChallengeSchema = anyObject as z.ZodMiniType<Challenge>;

/** A phone already on the user, offered when enrolling SMS/call (`_embedded.phones`). */
export const EnrolledPhoneSchema = anyObject as z.ZodMiniType<EnrolledPhone>;

/**
 * A factor inside a transaction (or a Factors API factor). `factorType` and `provider` are any
 * string, so a type this library does not know still parses; narrow with {@link isFactorType}.
 */
export const FactorSchema = z.looseObject({
  factorType: text,
  provider: text,
  _links: z.optional(LinksSchema),
  _embedded: z.optional(orNull(z.looseObject({ activation: z.optional(orNull(ActivationSchema, 'expected an activation object')) }), 'expected an object')),
}) as z.ZodMiniType<Factor>;

/** A factor whose profile has the shape of its (known) type. */
export type FactorOf<T extends KnownFactorType> = Factor & {
  factorType: T;
  profile?: FactorProfiles[T] | null;
};

/** True when `factor` has the given type; narrows its profile. */
export function isFactorType<T extends KnownFactorType>(factor: Factor, type: T): factor is FactorOf<T> {
  return factor.factorType === type;
}

/** True when the factor type is one the API reference documents. */
export function isKnownFactorType(type: string): type is KnownFactorType {
  return (FACTOR_TYPES as readonly string[]).includes(type);
}
