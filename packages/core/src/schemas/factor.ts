import type { Links } from './link.js';
import { object, schema, text } from './check.js';
import { activation, factor } from './shapes.js';

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

const anyObject = object();

/** Security-question factor profile (`question` key, display text, write-only answer). */
export interface QuestionProfile {
  /** The question's key, e.g. `disliked_food`. */
  question: string;
  /** The question as shown to the user. */
  questionText?: string | null;
  /** The answer (at least 4 characters); sent when enrolling, never returned. */
  answer?: string | null;
  [key: string]: unknown;
}
/** SMS and voice-call factor profile (masked in authn responses). */
export interface PhoneProfile {
  /** E.164 number when enrolling; masked (`+1 XXX-XXX-4242`) in authn responses. */
  phoneNumber: string;
  /** Extension to dial after the call connects (`call` only). */
  phoneExtension?: string | null;
  [key: string]: unknown;
}
/** Email factor profile (masked in authn responses). */
export interface EmailProfile {
  /** The address codes go to; masked (`a...e@example.test`) in authn responses. */
  email: string;
  [key: string]: unknown;
}
/** Profile of TOTP, RSA/Symantec, YubiKey, custom HOTP and Duo factors. */
export interface CredentialProfile {
  /** The credential's id: the user's login for TOTP, the token's serial or user name for hardware tokens. */
  credentialId: string;
  [key: string]: unknown;
}
/** Okta Verify push profile; `{}` before activation and in pre-auth responses. */
export interface PushProfile {
  /** The user's login. */
  credentialId?: string | null;
  /** Kind of device, e.g. `SmartPhone_IPhone`. */
  deviceType?: string | null;
  /** The device's name, as its owner set it. */
  name?: string | null;
  /** `IOS` or `ANDROID`. */
  platform?: string | null;
  /** OS version of the device. */
  version?: string | null;
  /** The device's public keys (JWK-like). */
  keys?: Record<string, unknown>[];
  [key: string]: unknown;
}
/** U2F and WebAuthn profile. */
export interface FidoProfile {
  /** Key handle (U2F) or credential id (WebAuthn). */
  credentialId?: string | null;
  /** U2F: the origin the key was registered for. */
  appId?: string | null;
  /** U2F protocol version, `U2F_V2`. */
  version?: string | null;
  /** WebAuthn: the authenticator's display name. */
  authenticatorName?: string | null;
  [key: string]: unknown;
}

/** Security-question factor profile (`question` key, display text, write-only answer). */
export const QuestionProfileSchema = schema<QuestionProfile>(object({ question: text }));
/** SMS and voice-call factor profile (masked in authn responses). */
export const PhoneProfileSchema = schema<PhoneProfile>(object({ phoneNumber: text }));
/** Email factor profile (masked in authn responses). */
export const EmailProfileSchema = schema<EmailProfile>(object({ email: text }));
/** Profile of TOTP, RSA/Symantec, YubiKey, custom HOTP and Duo factors. */
export const CredentialProfileSchema = schema<CredentialProfile>(object({ credentialId: text }));
/** Okta Verify push profile; `{}` before activation and in pre-auth responses. */
export const PushProfileSchema = schema<PushProfile>(anyObject);
/** U2F and WebAuthn profile. */
export const FidoProfileSchema = schema<FidoProfile>(anyObject);

/** Profile shape per known factor type. */
export interface FactorProfiles {
  /** Security question. */
  question: QuestionProfile;
  /** Code by SMS. */
  sms: PhoneProfile;
  /** Code by voice call. */
  call: PhoneProfile;
  /** Code by email. */
  email: EmailProfile;
  /** Okta Verify or Google Authenticator TOTP. */
  'token:software:totp': CredentialProfile;
  /** Okta Verify push. */
  push: PushProfile;
  /** RSA SecurID or Symantec VIP token. */
  token: CredentialProfile;
  /** YubiKey OTP. */
  'token:hardware': CredentialProfile;
  /** Custom HOTP/TOTP. */
  'token:hotp': CredentialProfile;
  /** Duo. */
  web: CredentialProfile;
  /** U2F security key. */
  u2f: FidoProfile;
  /** WebAuthn authenticator. */
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
  /** Push: deadline to scan the QR code (ISO 8601). */
  expiresAt?: string | null;
  /** Push: `WAITING`, `TIMEOUT`, `CANCELLED` or `ERROR`. */
  factorResult?: string | null;
  /** TOTP: seconds per code (usually 30). */
  timeStep?: number | string;
  /** TOTP: the seed to type into the authenticator app, encoded as `encoding` says. */
  sharedSecret?: string | null;
  /** TOTP: `base32` or `base64`. */
  encoding?: string | null;
  /** TOTP: digits per code (usually 6). */
  keyLength?: number;
  /** U2F: the registration nonce. */
  nonce?: string | null;
  /** U2F: seconds the key has to answer. */
  timeoutSeconds?: number;
  /** U2F: the origin the key is registered for. */
  appId?: string | null;
  /** U2F protocol version, `U2F_V2`. */
  version?: string | null;
  /** WebAuthn: the creation challenge (base64url). */
  challenge?: string | null;
  /** WebAuthn: the relying party; `id` absent means the page's own host (Okta's own pages). */
  rp?: { id?: string; name: string; [key: string]: unknown };
  /** WebAuthn: the user handle (`id`, base64url of the user id), login and display name. */
  user?: { id: string; name: string; displayName: string; [key: string]: unknown };
  /** WebAuthn: accepted key algorithms, e.g. `{ type: 'public-key', alg: -7 }` (ES256) and `-257` (RS256). */
  pubKeyCredParams?: { type: string; alg: number; [key: string]: unknown }[];
  /** WebAuthn: the user's registered credentials (`id` base64url), so one authenticator is not enrolled twice. */
  excludeCredentials?: WebAuthnCredentialDescriptor[];
  /** WebAuthn: attestation conveyance, `none`, `indirect` or `direct`. */
  attestation?: string | null;
  /** WebAuthn: `authenticatorAttachment`, `requireResidentKey`, `residentKey`, `userVerification`. */
  authenticatorSelection?: Record<string, unknown> | null;
  /** WebAuthn: deprecated U2F compatibility, `{ appid }` (the org origin). */
  u2fParams?: { appid?: string; [key: string]: unknown } | null;
  /** Duo: the API host its iframe loads from. */
  host?: string | null;
  /** Duo: the signed request for its iframe. */
  signature?: string | null;
  /** `qrcode` (`image/png`), push `send` (`sms`, `email`), Duo `complete` and `script`. */
  _links?: Links;
  [key: string]: unknown;
}

/** Challenge data of a factor being verified: push number challenge, U2F nonce, WebAuthn options. */
export interface Challenge {
  /** Push number challenge: the number to pick on the phone. */
  correctAnswer?: number;
  /** U2F: the sign nonce. */
  nonce?: string | null;
  /** U2F: seconds the key has to answer. */
  timeoutSeconds?: number;
  /** WebAuthn: the assertion challenge (base64url). */
  challenge?: string | null;
  /** WebAuthn: `required`, `preferred` or `discouraged`. */
  userVerification?: string | null;
  /** WebAuthn: client extensions, e.g. `appid` (the origin legacy U2F keys were registered for). */
  extensions?: { appid?: string; [key: string]: unknown } | null;
  [key: string]: unknown;
}

/** A credential named in WebAuthn options: `type` `public-key` and the credential `id` (base64url). */
export interface WebAuthnCredentialDescriptor {
  /** `public-key`. */
  type: string;
  /** The credential id, base64url. */
  id: string;
  /** Transports the authenticator was seen on (`usb`, `nfc`, `ble`, `internal`, `hybrid`). */
  transports?: string[];
  [key: string]: unknown;
}

/** A phone already on the user, offered when enrolling SMS/call (`_embedded.phones`). */
export interface EnrolledPhone {
  /** The phone's id. */
  id?: string | null;
  /** `ACTIVE` for a verified phone. */
  status?: string | null;
  /** `phoneNumber`, masked. */
  profile?: { phoneNumber?: string | null; [key: string]: unknown };
  [key: string]: unknown;
}

/** A factor: enrolled (with `id`) or enrollable (in `MFA_ENROLL`, without). */
export interface Factor {
  /** Factor id; absent on the not-yet-enrolled entries of `MFA_ENROLL`. */
  id?: string | null;
  /** `sms`, `push`, `token:software:totp`, … (see {@link FACTOR_TYPES}); other strings still parse. */
  factorType: string;
  /** `OKTA`, `GOOGLE`, `RSA`, … (see {@link FACTOR_PROVIDERS}). */
  provider: string;
  /** Usually the provider; admin-configured for on-premises MFA. */
  vendorName?: string | null;
  /** `NOT_SETUP`, `PENDING_ACTIVATION`, `ACTIVE`, … */
  status?: string | null;
  /** In `MFA_ENROLL`: `REQUIRED` or `OPTIONAL`. */
  enrollment?: string | null;
  /** When the factor was enrolled (ISO 8601; Factors API). */
  created?: string | null;
  /** Last change (ISO 8601; Factors API). */
  lastUpdated?: string | null;
  /** Type-specific profile (see {@link FactorProfiles}); masked in authn responses. */
  profile?: Record<string, unknown> | null;
  /** Per-factor policy, e.g. `enrollment { enrolled, minimum, maximum }` for multi-instance types. */
  policy?: Record<string, unknown> | null;
  /** `verify`, `enroll`, `questions`, `resend`. */
  _links?: Links;
  /** `activation` (enrolling), `challenge` (verifying), Duo `verification`, the user's `phones` and `emails`. */
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
export const ActivationSchema = schema<Activation>(activation);

/** `factor._embedded.challenge`. */
export const ChallengeSchema = schema<Challenge>(anyObject);

/** A phone already on the user, offered when enrolling SMS/call (`_embedded.phones`). */
export const EnrolledPhoneSchema = schema<EnrolledPhone>(anyObject);

/**
 * A factor inside a transaction (or a Factors API factor). `factorType` and `provider` are any
 * string, so a type this library does not know still parses; narrow with {@link isFactorType}.
 */
export const FactorSchema = schema<Factor>(factor);

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
