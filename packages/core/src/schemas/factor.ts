import * as z from 'zod/mini';
import { LinksSchema } from './link.js';

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

const optionalString = z.optional(z.nullable(z.string()));

/** Security-question factor profile (`question` key, display text, write-only answer). */
export const QuestionProfileSchema = z.looseObject({ question: z.string(), questionText: optionalString, answer: optionalString });
/** SMS and voice-call factor profile (masked in authn responses). */
export const PhoneProfileSchema = z.looseObject({ phoneNumber: z.string(), phoneExtension: optionalString });
/** Email factor profile (masked in authn responses). */
export const EmailProfileSchema = z.looseObject({ email: z.string() });
/** Profile of TOTP, RSA/Symantec, YubiKey, custom HOTP and Duo factors. */
export const CredentialProfileSchema = z.looseObject({ credentialId: z.string() });
/** Okta Verify push profile; `{}` before activation and in pre-auth responses. */
export const PushProfileSchema = z.looseObject({
  credentialId: optionalString,
  deviceType: optionalString,
  name: optionalString,
  platform: optionalString,
  version: optionalString,
  keys: z.optional(z.array(z.looseObject({}))),
});
/** U2F and WebAuthn profile. */
export const FidoProfileSchema = z.looseObject({
  credentialId: optionalString,
  appId: optionalString,
  version: optionalString,
  authenticatorName: optionalString,
});

/** Profile shape per known factor type. */
export interface FactorProfiles {
  question: z.infer<typeof QuestionProfileSchema>;
  sms: z.infer<typeof PhoneProfileSchema>;
  call: z.infer<typeof PhoneProfileSchema>;
  email: z.infer<typeof EmailProfileSchema>;
  'token:software:totp': z.infer<typeof CredentialProfileSchema>;
  push: z.infer<typeof PushProfileSchema>;
  token: z.infer<typeof CredentialProfileSchema>;
  'token:hardware': z.infer<typeof CredentialProfileSchema>;
  'token:hotp': z.infer<typeof CredentialProfileSchema>;
  web: z.infer<typeof CredentialProfileSchema>;
  u2f: z.infer<typeof FidoProfileSchema>;
  webauthn: z.infer<typeof FidoProfileSchema>;
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
 * Activation object, `factor._embedded.activation`: TOTP (`sharedSecret`, `qrcode` link), push
 * (`expiresAt`, `qrcode` and `send` links), U2F (`nonce`), WebAuthn (creation options), Duo.
 */
export const ActivationSchema = z.looseObject({
  expiresAt: optionalString,
  factorResult: optionalString,
  timeStep: z.optional(z.union([z.number(), z.string()])),
  sharedSecret: optionalString,
  encoding: optionalString,
  keyLength: z.optional(z.number()),
  nonce: optionalString,
  timeoutSeconds: z.optional(z.number()),
  appId: optionalString,
  version: optionalString,
  challenge: optionalString,
  host: optionalString,
  signature: optionalString,
  _links: z.optional(LinksSchema),
});
/** How to activate a freshly enrolled factor. */
export type Activation = z.infer<typeof ActivationSchema>;

/** Challenge data, `factor._embedded.challenge`: push number challenge, U2F nonce, WebAuthn options. */
export const ChallengeSchema = z.looseObject({
  correctAnswer: z.optional(z.number()),
  nonce: optionalString,
  timeoutSeconds: z.optional(z.number()),
  challenge: optionalString,
  userVerification: optionalString,
});
/** Challenge data of a factor being verified. */
export type Challenge = z.infer<typeof ChallengeSchema>;

/** A phone already on the user, offered when enrolling SMS/call (`_embedded.phones`). */
export const EnrolledPhoneSchema = z.looseObject({
  id: optionalString,
  status: optionalString,
  profile: z.optional(z.looseObject({ phoneNumber: optionalString })),
});

/**
 * A factor inside a transaction (or a Factors API factor). `factorType` and `provider` are any
 * string, so a type this library does not know still parses; narrow with {@link isFactorType}.
 */
export const FactorSchema = z.looseObject({
  id: optionalString,
  factorType: z.string(),
  provider: z.string(),
  vendorName: optionalString,
  status: optionalString,
  enrollment: optionalString,
  created: optionalString,
  lastUpdated: optionalString,
  profile: z.optional(z.nullable(z.looseObject({}))),
  policy: z.optional(z.nullable(z.looseObject({}))),
  _links: z.optional(LinksSchema),
  _embedded: z.optional(
    z.nullable(
      z.looseObject({
        activation: z.optional(z.nullable(ActivationSchema)),
        challenge: z.optional(z.nullable(ChallengeSchema)),
        verification: z.optional(z.nullable(z.looseObject({}))),
        phones: z.optional(z.array(EnrolledPhoneSchema)),
        emails: z.optional(z.array(z.looseObject({}))),
      }),
    ),
  ),
});
/** A factor: enrolled (with `id`) or enrollable (in `MFA_ENROLL`, without). */
export type Factor = z.infer<typeof FactorSchema>;

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
