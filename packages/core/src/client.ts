import type * as z from 'zod/mini';
import { parseOktaError } from './error-body.js';
import { AuthnError, InvalidInputError, InvalidResponseError, NetworkError, OktaApiError } from './errors.js';
import { currentFactor, factorsOf } from './factors.js';
import { activationLinks, allows, availableMoves, factorKey, findLink, TransitionNotAllowedError } from './links.js';
import { parseTransaction } from './parse.js';
import type { AuthnTransaction } from './parse.js';
import { checkWholeNumber, pollTransaction } from './poll.js';
import type { PollOptions } from './poll.js';
import { filled, issuesOf, object, optional, satisfies, schema, text } from './schemas/check.js';
import type { Factor } from './schemas/factor.js';
import type { Link } from './schemas/link.js';
import type { MfaRequiredBody } from './schemas/transaction.js';

/** Options of {@link AuthnClient}. */
export interface AuthnClientOptions {
  /** Org origin, e.g. `https://example.okta.com`. */
  baseUrl: string;
  /** The `fetch` to use (default: the global one); inject one in tests or to add instrumentation. */
  fetch?: typeof fetch;
  /** Extra headers for every request (e.g. `Authorization: SSWS …` from a trusted backend). */
  headers?: Record<string, string>;
  /** Fetch credentials mode; default `include` in browsers so Okta's cookies (remember device, autoPush) travel. */
  credentials?: RequestInit['credentials'];
  /** Milliseconds before a request without an answer fails with a {@link NetworkError} (default 30000; 0 = no limit). */
  timeoutMs?: number;
}

/** Default of {@link AuthnClientOptions.timeoutMs}. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** What every {@link SignInInput} carries besides the password. */
export interface SignInFields {
  /** The user's login (usually an email address); a short name works when the org allows it. */
  username: string;
  /** Opaque value Okta hands back in the final transaction (e.g. the page to return to). */
  relayState?: string;
  /** `multiOptionalFactorEnroll`: offer optional factors in `MFA_ENROLL`; `warnBeforePasswordExpired`: answer `PASSWORD_WARN` when the password expires soon. */
  options?: { multiOptionalFactorEnroll?: boolean; warnBeforePasswordExpired?: boolean };
  /** `deviceToken`: a stable per-device id (32 characters at most) that lets remember-device and new-device notifications work; trusted backends only. */
  context?: { deviceToken?: string };
}

/**
 * Input of {@link AuthnClient.signIn}: the username and password, or, with `passwordless: true`,
 * the username alone, for orgs whose sign-on policy allows it (Okta's factor sequencing). Okta then
 * answers `UNAUTHENTICATED` listing the factors to verify, or 401 `E0000004` when the policy does
 * not allow it. The flag itself is not sent.
 */
export type SignInInput = SignInFields &
  (
    | {
        /** The user's password; sent once, never kept. */
        password: string;
        /** Absent or `false`: a password sign-in. */
        passwordless?: false;
      }
    | {
        /** Left out: a passwordless sign-in sends no password at all. */
        password?: undefined;
        /** Sign in with the username alone. */
        passwordless: true;
      }
  );

/** Input of {@link AuthnClient.forgotPassword} and {@link AuthnClient.unlockAccount}. */
export interface RecoveryInput {
  /** The login of the account to recover or unlock. */
  username: string;
  /** Recovery factor; omit only from a trusted backend (API token) to receive a `recoveryToken`. */
  factorType?: 'SMS' | 'CALL' | 'EMAIL';
  /** Opaque value Okta hands back when the recovery ends (Classic orgs: a URL on a trusted origin). */
  relayState?: string;
}

/** Input of {@link AuthnClient.verifyRecoveryToken}. */
export interface RecoveryTokenInput {
  /** The token from the recovery email link (or a trusted backend's `RECOVERY` response). */
  recoveryToken: string;
  /** `multiOptionalFactorEnroll`: offer optional factors if the recovery leads to `MFA_ENROLL`. */
  options?: { multiOptionalFactorEnroll?: boolean };
}

/** A security question offered for the `question` factor. */
export interface SecurityQuestion {
  /** The question's key, sent as `profile.question` when enrolling (e.g. `disliked_food`). */
  question: string;
  /** The question as shown to the user. */
  questionText: string;
}

/** What activates a WebAuthn factor: the new credential's attestation object and client data, base64 (a type, so it passes where a record is taken). */
export type WebAuthnAttestationFields = {
  /** `response.attestationObject`, base64. */
  attestation: string;
  /** `response.clientDataJSON`, base64. */
  clientData: string;
};

/** What verifies a WebAuthn (or, through WebAuthn, a U2F) factor: the assertion's parts, base64. */
export type WebAuthnAssertionFields = {
  /** `response.clientDataJSON`, base64. */
  clientData: string;
  /** `response.authenticatorData`, base64. */
  authenticatorData: string;
  /** `response.signature`, base64. */
  signatureData: string;
};

/** Query values of a move (`rememberDevice`, `autoPush`, `updatePhone`). */
export type MoveQuery = Record<string, string | boolean>;

/** The moves a live transaction offers (see {@link Transaction}). */
export interface TransactionMoves {
  /** The client that made this transaction; every move goes through it. */
  readonly client: AuthnClient;
  /** The moves the state publishes, same as `availableMoves(this)`. */
  moves(): string[];
  /** True when `move` is published: `next`, `next:verify`, `prev`, `resend`, `resend:sms`, `skip`, `verify:sms:OKTA`, … */
  can(move: string): boolean;
  /** POST the `next` link with the stateToken and `data`; `query` goes to the query string. */
  next(data?: Record<string, unknown>, query?: MoveQuery): Promise<Transaction>;
  /** Back one state (`MFA_CHALLENGE` → `MFA_REQUIRED`, `MFA_ENROLL_ACTIVATE` → `MFA_ENROLL`). */
  prev(): Promise<Transaction>;
  /** Abandon the transaction (Okta revokes the stateToken). */
  cancel(): Promise<void>;
  /** Skip `PASSWORD_WARN` or optional enrollment. */
  skip(): Promise<Transaction>;
  /** Re-send the OTP or push; an array-valued `resend` picks the link by `name`, a single link ignores it. */
  resend(name?: string): Promise<Transaction>;
  /** Poll a push/Duo verification or activation until it is no longer `WAITING`. */
  poll(options?: PollOptions): Promise<Transaction>;
  /**
   * Verify a factor (MFA_REQUIRED: the factor's `verify` link, or for a type listed in `factorTypes`
   * such as `'webauthn'`, that type's link; MFA_CHALLENGE: `next`). WebAuthn and U2F send
   * {@link WebAuthnAssertionFields} (`@okta-authn/core/webauthn` builds them).
   */
  verify(
    factor: Factor | string,
    data?: ({ passCode?: string; answer?: string; nextPassCode?: string } | WebAuthnAssertionFields) & Record<string, unknown>,
    options?: { rememberDevice?: boolean; autoPush?: boolean },
  ): Promise<Transaction>;
  /** Enroll a factor offered in `MFA_ENROLL` (adds its `factorType` and `provider`). */
  enroll(
    factor: Pick<Factor, 'factorType' | 'provider'>,
    data?: { profile?: Record<string, unknown>; passCode?: string; nextPassCode?: string } & Record<string, unknown>,
    options?: { updatePhone?: boolean },
  ): Promise<Transaction>;
  /** Activate the enrolled factor (`next:activate`): an OTP `passCode`, a WebAuthn {@link WebAuthnAttestationFields}, or restart a timed-out push. */
  activate(data?: ({ passCode?: string } | WebAuthnAttestationFields) & Record<string, unknown>): Promise<Transaction>;
  /** Ask Okta to send the Okta Verify activation link by SMS or email (the activation's `send` links). */
  sendActivation(channel: 'sms' | 'email', data?: { profile?: { phoneNumber: string } }): Promise<Transaction>;
  /** Answer the recovery question (`RECOVERY`, `next:answer`). */
  answer(answer: string): Promise<Transaction>;
  /** Verify the SMS/CALL recovery code (`RECOVERY_CHALLENGE`, `next:verify`). */
  verifyRecovery(passCode: string): Promise<Transaction>;
  /** Change an expired or expiring password (`next:changePassword`). */
  changePassword(data: { oldPassword: string; newPassword: string; revokeSessions?: boolean }): Promise<Transaction>;
  /** Set a new password in `PASSWORD_RESET` (`next:resetPassword`, also published as `next:password`). */
  resetPassword(data: { newPassword: string; revokeSessions?: boolean }): Promise<Transaction>;
  /** Exchange the `recoveryToken` of a trusted-app `RECOVERY` for a stateToken (`next:recovery`). */
  exchangeRecoveryToken(): Promise<Transaction>;
  /** The activation QR code link (`image/png`) of a TOTP or push enrollment, as data. */
  qrCode(): Link | undefined;
}

/** A parsed transaction plus the moves its `_links` allow; every move returns the next Transaction. */
export type Transaction = AuthnTransaction & TransactionMoves;

const options = optional(object());
const RECOVERY_FACTORS = ['SMS', 'CALL', 'EMAIL'];

// What each entry point accepts, checked before any request is sent.
const SignInInputSchema = schema<SignInInput>((value, path, report) => {
  const passwordless = (value as SignInInput | null)?.passwordless;
  object({
    username: filled,
    // With `passwordless`, Okta must see no password at all: an empty one is still a password.
    password: passwordless ? satisfies((password) => password === undefined, 'must be left out with passwordless') : filled,
    passwordless: optional(satisfies((flag) => typeof flag === 'boolean', 'expected boolean')),
    relayState: optional(text),
    options,
    context: options,
  })(value, path, report);
});
const RecoveryInputSchema = schema<RecoveryInput>(
  object({
    username: filled,
    factorType: optional(satisfies((value) => RECOVERY_FACTORS.includes(String(value).toUpperCase()), `expected one of ${RECOVERY_FACTORS.join(', ')}`)),
    relayState: optional(text),
  }),
);
const RecoveryTokenInputSchema = schema<RecoveryTokenInput>(object({ recoveryToken: filled, options }));

/** `value` when `schema` accepts it; else an {@link InvalidInputError} naming each bad field. */
function check<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const issues = issuesOf(schema, value);
  if (issues.length) throw new InvalidInputError(what, issues);
  return value as T;
}

/** `value` when it is a non-blank string; else an {@link InvalidInputError} naming `field`. */
function requireText(value: unknown, field: string): string {
  filled(value, [field], (_, problem) => {
    throw new InvalidInputError('input', [`${field}: ${problem}`]);
  });
  return value as string;
}

/**
 * A fetch client for Okta's Classic Authentication API. It keeps no state between calls: every
 * {@link Transaction} carries its own stateToken, so several flows can run side by side.
 */
export class AuthnClient {
  /** The org origin, without a trailing slash. */
  readonly baseUrl: string;
  readonly #fetch: typeof fetch | undefined;
  readonly #headers: Record<string, string>;
  readonly #credentials: RequestInit['credentials'];
  readonly #origin: string;
  readonly #timeoutMs: number;

  constructor(options: AuthnClientOptions) {
    const baseUrl = requireText(options?.baseUrl, 'baseUrl');
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new InvalidInputError('AuthnClient options', [`baseUrl: not an absolute URL: ${baseUrl}`]);
    }
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.#origin = url.origin;
    this.#timeoutMs = checkWholeNumber(options.timeoutMs, 'timeoutMs', 'AuthnClient options') ?? REQUEST_TIMEOUT_MS;
    this.#fetch = options.fetch;
    this.#headers = { ...options.headers };
    this.#credentials = options.credentials ?? (typeof document === 'undefined' ? undefined : 'include');
  }

  /** Primary authentication (`POST /api/v1/authn`), with a password or (`passwordless`) the username alone. */
  async signIn(input: SignInInput): Promise<Transaction> {
    const { passwordless: _passwordless, ...body } = check(SignInInputSchema, input, 'signIn input');
    return this.#start('', body);
  }

  /** Forgot password (`POST /api/v1/authn/recovery/password`). */
  async forgotPassword(input: RecoveryInput): Promise<Transaction> {
    return this.#start('/recovery/password', check(RecoveryInputSchema, input, 'forgotPassword input'));
  }

  /** Self-service unlock (`POST /api/v1/authn/recovery/unlock`). */
  async unlockAccount(input: RecoveryInput): Promise<Transaction> {
    return this.#start('/recovery/unlock', check(RecoveryInputSchema, input, 'unlockAccount input'));
  }

  /** Exchange a recovery token (e.g. from the recovery email link) for a `RECOVERY` stateToken. */
  async verifyRecoveryToken(input: RecoveryTokenInput): Promise<Transaction> {
    return this.#start('/recovery/token', check(RecoveryTokenInputSchema, input, 'verifyRecoveryToken input'));
  }

  /** Current state of a transaction (after a reload, or a step-up `?stateToken=`). */
  async resume(stateToken: string): Promise<Transaction> {
    return this.#start('', { stateToken: requireText(stateToken, 'stateToken') });
  }

  /** Turns a raw authn response (or an already parsed one) into a live {@link Transaction}. */
  wrap(response: unknown): Transaction {
    const tx = response as Partial<AuthnTransaction> | null | undefined;
    const parsed = tx?.raw && tx.links ? (tx as AuthnTransaction) : parseTransaction(response);
    const live = Object.create(TransactionPrototype) as Transaction;
    Object.defineProperty(live, 'client', { value: this });
    return Object.assign(live, parsed);
  }

  /** The security questions offered for the `question` factor (GET its `questions` link). */
  async questions(factor: Factor): Promise<SecurityQuestion[]> {
    const link = findLink(factor._links, 'questions');
    if (!link) throw new AuthnError('INVALID_INPUT', `Factor ${factor.factorType} has no questions link`);
    const body = await this.request('GET', link.href);
    const list = Array.isArray(body) ? body : [];
    return list
      .filter((entry): entry is SecurityQuestion => typeof entry?.question === 'string')
      .map(({ question, questionText }) => ({ question, questionText: typeof questionText === 'string' ? questionText : question }));
  }

  /**
   * Sends one request to the org and returns the parsed JSON (`''` for an empty body, as a 204 has). Throws {@link InvalidResponseError} (sending
   * nothing) for a link off the org origin, {@link OktaApiError} for a non-2xx answer (a
   * {@link TransactionExpiredError} for `E0000011`) or a body that is not JSON, and
   * {@link NetworkError} when no answer came in time; an aborted `signal` rejects with its reason.
   */
  async request(method: 'GET' | 'POST' | 'DELETE', href: string, body?: unknown, query?: MoveQuery, signal?: AbortSignal): Promise<unknown> {
    const url = new URL(href, this.baseUrl + '/');
    // The API token, cookies and stateToken are the org's: a tampered link must not carry them elsewhere.
    if (url.origin !== this.#origin) {
      throw new InvalidResponseError(`Refused a link to ${url.origin}: not the org origin ${this.#origin}`);
    }
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, String(value));
    signal?.throwIfAborted();
    const fetcher = this.#fetch ?? globalThis.fetch;
    const limit = requestLimit(signal, this.#timeoutMs);
    let response: Response;
    let raw: string;
    try {
      // Racing the abort as well: a fetch that ignores its signal must not stall the request.
      response = await Promise.race([
        fetcher(url.href, {
          method,
          headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...this.#headers },
          body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
          credentials: this.#credentials,
          signal: limit.signal,
        }),
        limit.aborted,
      ]);
      raw = await Promise.race([response.text(), limit.aborted]);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const problem = limit.signal.aborted ? `timed out after ${this.#timeoutMs} ms` : `failed: ${error instanceof Error ? error.message : String(error)}`;
      throw new NetworkError(`${method} ${url.pathname} ${problem}`, { cause: error });
    } finally {
      limit.release();
    }
    let json: unknown = raw;
    try {
      json = raw && JSON.parse(raw);
    } catch {
      // Not JSON: an error answer (a proxy's HTML page) is told apart below, a success cannot be used.
      if (response.ok) {
        throw new OktaApiError({
          errorCode: 'UNEXPECTED_RESPONSE',
          errorSummary: `Unexpected non-JSON response from the server (HTTP ${response.status})`,
          status: response.status,
          body: raw,
        });
      }
    }
    if (!response.ok) throw parseOktaError(json, response.status, response.headers);
    return json;
  }

  async #start(path: string, body: object): Promise<Transaction> {
    return this.wrap(await this.request('POST', `${this.baseUrl}/api/v1/authn${path}`, body));
  }
}

/** What bounds one request: the caller's signal and the client's timeout. */
interface RequestLimit {
  /** The signal for `fetch`: aborts with the caller's reason, or with a `TimeoutError` after `timeoutMs`. */
  signal: AbortSignal;
  /** Rejects with the abort reason when `signal` aborts; never resolves. */
  aborted: Promise<never>;
  /** Removes the listener and the timer the request set up. */
  release: () => void;
}

/** Bounds a request by the caller's `signal` and `timeoutMs` (0 = no limit). */
function requestLimit(signal: AbortSignal | undefined, timeoutMs: number): RequestLimit {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort);
  const timer = timeoutMs ? setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), timeoutMs) : undefined;
  const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason)));
  return {
    signal: controller.signal,
    aborted,
    release: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Throws {@link TransitionNotAllowedError} for `move` on `tx`. */
function notAllowed(tx: Transaction, move: string): never {
  throw new TransitionNotAllowedError(tx.status, move, availableMoves(tx));
}

/** The POST link of relation `rel` (named `name` on `next`), or a {@link TransitionNotAllowedError}. */
function postLink(tx: Transaction, rel: string, names?: string[], move = names ? `${rel}:${names[0]}` : rel): Link {
  const link = names ? names.map((name) => findLink(tx.links, rel, name)).find(Boolean) : findLink(tx.links, rel);
  return link && allows(link, 'POST') ? link : notAllowed(tx, move);
}

/** POST `link` with the transaction's stateToken (when it has one) plus `data`. */
async function send(tx: Transaction, link: Link, data?: object, query?: MoveQuery, signal?: AbortSignal): Promise<Transaction> {
  const body = tx.stateToken === undefined ? { ...data } : { stateToken: tx.stateToken, ...data };
  return tx.client.wrap(await tx.client.request('POST', link.href, body, query, signal));
}

/** Drops `undefined` values so they do not reach the query string. */
function defined(values: Record<string, string | boolean | undefined>): MoveQuery {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as MoveQuery;
}

/** Profile fields each factor type needs to be enrolled. */
const REQUIRED_PROFILE: Record<string, string[]> = { sms: ['phoneNumber'], call: ['phoneNumber'], question: ['question', 'answer'] };

/** Finds `factor` (a Factor, an id, or a factor type) among `candidates`. */
function matchFactor(candidates: Factor[], factor: Factor | string): Factor | undefined {
  if (typeof factor === 'string') return candidates.find((f) => f.id === factor || f.factorType === factor);
  return candidates.find((f) => (factor.id ? f.id === factor.id : factorKey(f) === factorKey(factor)));
}

const TransactionPrototype: ThisType<Transaction> & Omit<TransactionMoves, 'client'> = {
  moves() {
    return availableMoves(this);
  },
  can(move) {
    const moves = availableMoves(this);
    return moves.includes(move) || moves.some((m) => m.startsWith(`${move}:`));
  },
  async next(data, query) {
    return send(this, postLink(this, 'next'), data, query);
  },
  async prev() {
    return send(this, postLink(this, 'prev'));
  },
  async cancel() {
    // Okta's EMAIL recovery challenge has no links and no stateToken: there is nothing to revoke.
    if (this.status === 'RECOVERY_CHALLENGE' && !this.raw._links && !this.stateToken) return;
    await this.client.request('POST', postLink(this, 'cancel').href, this.stateToken ? { stateToken: this.stateToken } : {});
  },
  async skip() {
    return send(this, postLink(this, 'skip'));
  },
  async resend(name) {
    const link = findLink(this.links, 'resend', name);
    if (!link || !allows(link, 'POST')) notAllowed(this, name ? `resend:${name}` : 'resend');
    const factor = this.status === 'MFA_ENROLL_ACTIVATE' ? currentFactor(this) : undefined;
    return send(this, link, factor && { factorType: factor.factorType, provider: factor.provider });
  },
  async poll(options) {
    return pollTransaction(this, options);
  },
  async verify(factor, data, options) {
    const move = `verify:${typeof factor === 'string' ? factor : factorKey(factor)}`;
    let link: Link | undefined;
    // UNAUTHENTICATED lists factors after a passwordless sign-in: the first one verified stands in for the password.
    if (this.status === 'MFA_REQUIRED' || this.status === 'UNAUTHENTICATED') {
      // A type with a `factorTypes` entry (WebAuthn) is verified with any of its factors: one challenge for all.
      const byType = typeof factor === 'string' ? (this._embedded as MfaRequiredBody['_embedded'] | undefined)?.factorTypes?.find((entry) => entry.factorType === factor) : undefined;
      link = findLink(byType ? byType._links : matchFactor(factorsOf(this), factor)?._links, byType ? 'next' : 'verify');
    } else if (this.status === 'MFA_CHALLENGE' && matchFactor(factorsOf(this), factor)) {
      link = findLink(this.links, 'next');
    }
    if (!link || !allows(link, 'POST')) notAllowed(this, move);
    return send(this, link, data, defined({ rememberDevice: options?.rememberDevice, autoPush: options?.autoPush }));
  },
  async enroll(factor, data, options) {
    const offered = this.status === 'MFA_ENROLL' ? matchFactor(factorsOf(this), factor as Factor) : undefined;
    const link = findLink(offered?._links, 'enroll');
    if (!offered || !link) return notAllowed(this, `enroll:${factorKey(factor)}`);
    const { updatePhone, ...profile } = (data?.profile ?? {}) as Record<string, unknown>;
    const missing = (REQUIRED_PROFILE[offered.factorType] ?? []).filter((key) => typeof profile[key] !== 'string' || !profile[key]);
    if (missing.length) throw new InvalidInputError(`${offered.factorType} enrollment`, missing.map((key) => `profile.${key}: required`));
    const body = { ...data, factorType: offered.factorType, provider: offered.provider, profile: data?.profile && profile };
    const flag = options?.updatePhone ?? (updatePhone === undefined ? undefined : Boolean(updatePhone));
    return send(this, link, body, defined({ updatePhone: flag }));
  },
  async activate(data) {
    return send(this, postLink(this, 'next', ['activate']), data);
  },
  async sendActivation(channel, data) {
    const link = this.status === 'MFA_ENROLL_ACTIVATE' ? findLink(activationLinks(this), 'send', channel) : undefined;
    if (!link || link.name !== channel) return notAllowed(this, `send:${channel}`);
    if (channel === 'sms') requireText(data?.profile?.phoneNumber, 'profile.phoneNumber');
    return send(this, link, data);
  },
  async answer(answer) {
    return send(this, postLink(this, 'next', ['answer']), { answer: requireText(answer, 'answer') });
  },
  async verifyRecovery(passCode) {
    // MFA_CHALLENGE also publishes `next:verify`: a recovery code must not go to a factor's verify link.
    if (this.status !== 'RECOVERY_CHALLENGE') notAllowed(this, 'verifyRecovery');
    return send(this, postLink(this, 'next', ['verify']), { passCode: requireText(passCode, 'passCode') });
  },
  async changePassword(data) {
    const link = postLink(this, 'next', ['changePassword']);
    requireText(data?.oldPassword, 'oldPassword');
    requireText(data.newPassword, 'newPassword');
    return send(this, link, data);
  },
  async resetPassword(data) {
    const link = postLink(this, 'next', ['resetPassword', 'password']);
    requireText(data?.newPassword, 'newPassword');
    return send(this, link, data);
  },
  async exchangeRecoveryToken() {
    const link = postLink(this, 'next', ['recovery']);
    const recoveryToken = requireText(this.recoveryToken, 'recoveryToken');
    return this.client.wrap(await this.client.request('POST', link.href, { recoveryToken }));
  },
  qrCode() {
    return findLink(activationLinks(this), 'qrcode');
  },
};
