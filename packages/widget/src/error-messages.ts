import { AuthnError, NetworkError, OktaApiError, TransactionExpiredError, UnsupportedStatusError } from '@okta-authn/core';
import type { MessageKey, MessageParams } from './i18n/index.js';
import { ChunkLoadError } from './registry.js';

/** What the element shows for a failed request. */
export interface DisplayError {
  /** Message catalogue key of the main sentence. */
  key: MessageKey;
  /** Placeholder values of `key`. */
  params?: MessageParams;
  /** Detail lines from the server (policy causes, validation causes), shown as text. */
  causes: string[];
  /** The request can be retried as is (network failure): the element offers a retry button. */
  retry: boolean;
  /** The transaction is gone (expired token, illegal state): return to sign-in with this notice. */
  restart: boolean;
}

/** Default waits when a 429 carries no rate-limit headers (seconds, from the API reference §4.3). */
const DEFAULT_WAIT: Record<string, number> = { E0000109: 30, E0000118: 5 };

/** Okta error codes whose message needs nothing but a key. */
const BY_CODE: Record<string, MessageKey> = {
  E0000004: 'error.authFailed',
  E0000006: 'error.forbidden',
  E0000032: 'error.unlockNotAllowed',
  E0000034: 'error.forgotNotAllowed',
  E0000035: 'error.changeNotAllowed',
  E0000068: 'error.invalidCode',
  E0000069: 'error.locked',
  E0000082: 'error.codeReplayed',
  E0000083: 'error.codeTimeWindow',
  E0000085: 'error.accessDenied',
  E0000087: 'error.recoveryAnswer',
  E0000098: 'error.invalidPhone',
  E0000105: 'error.recoveryLinkExpired',
  E0000110: 'error.recoveryLinkExpired',
  E0000119: 'error.lockedContactAdmin',
  E0000207: 'error.authFailed',
  UNEXPECTED_RESPONSE: 'error.unexpected',
};

const RATE_LIMIT_CODES = new Set(['E0000047', 'E0000109', 'E0000118', 'E0000146', 'E0000147', 'E0000204', 'E0000205']);
const POLICY_CODES = new Set(['E0000014', 'E0000080']);

function plain(key: MessageKey, extra: Partial<DisplayError> = {}): DisplayError {
  return { key, causes: [], retry: false, restart: false, ...extra };
}

function causesOf(error: OktaApiError): string[] {
  return error.errorCauses.map((cause) => cause.errorSummary).filter((text) => text && text !== error.errorSummary);
}

/** The causes of an error, or its summary when it lists none. */
function causesOrSummary(error: OktaApiError): string[] {
  const causes = causesOf(error);
  return causes.length ? causes : [error.errorSummary];
}

/** True when a password change failed because the current password is wrong (an `oldPassword` cause). */
export function isOldPasswordError(error: unknown): boolean {
  return error instanceof OktaApiError && POLICY_CODES.has(error.errorCode) && causesOf(error).some((cause) => cause.startsWith('oldPassword'));
}

/** The password field an error of a password change is about: `oldPassword` when the current one is wrong, else `newPassword`. */
export function passwordErrorField(error: unknown): string {
  return isOldPasswordError(error) ? 'oldPassword' : 'newPassword';
}

/** Seconds to wait before retrying a rate-limited request, or `undefined` when unknown. */
export function waitSeconds(error: OktaApiError, now: number = Date.now()): number | undefined {
  const info = error.rateLimit;
  if (info?.retryAfterMs !== undefined) return Math.max(1, Math.ceil(info.retryAfterMs / 1000));
  if (info?.reset !== undefined) return Math.max(1, Math.ceil(info.reset - now / 1000));
  return DEFAULT_WAIT[error.errorCode];
}

/**
 * Maps anything a request can throw to a plain message: Okta codes to catalogue keys, the wait
 * time of a rate limit, each cause of a policy violation, expiry to a restart, network to retry.
 */
export function describeError(error: unknown, now: number = Date.now()): DisplayError {
  if (error instanceof TransactionExpiredError) return plain('notice.expired', { restart: true });
  if (error instanceof NetworkError || error instanceof ChunkLoadError) return plain('error.network', { retry: true });
  if (error instanceof OktaApiError) {
    const code = error.errorCode;
    if (code === 'E0000011') return plain('notice.expired', { restart: true });
    if (code === 'E0000079') return plain('error.illegalState', { restart: true });
    if (RATE_LIMIT_CODES.has(code)) {
      const seconds = waitSeconds(error, now);
      return seconds === undefined ? plain('error.rateLimitedNoTime') : plain('error.rateLimited', { params: { seconds } });
    }
    if (POLICY_CODES.has(code)) return isOldPasswordError(error) ? plain('error.oldPasswordWrong') : plain('error.passwordPolicy', { causes: causesOrSummary(error) });
    if (code === 'E0000001') return plain('error.validation', { causes: causesOrSummary(error) });
    const key = BY_CODE[code];
    if (key) return plain(key);
    if (error.status >= 500) return plain('error.unexpected', { retry: true });
    return plain('error.generic', { params: { summary: error.errorSummary }, causes: causesOf(error) });
  }
  if (error instanceof UnsupportedStatusError) return plain('error.unsupportedState');
  if (error instanceof AuthnError) {
    if (error.code === 'SESSION_ENDPOINT_FAILED') return plain('error.session', { retry: true });
    if (error.code === 'CONFIGURATION_ERROR') return plain('error.configuration');
    if (error.code === 'UNSAFE_LINK') return plain('error.unsafeLink');
  }
  if (error instanceof Error && error.name === 'AbortError') return plain('error.network', { retry: true });
  return plain('error.unexpected');
}
