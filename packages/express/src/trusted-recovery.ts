import { AuthnClient, NetworkError, OktaApiError } from '@okta-authn/core';
import * as z from 'zod';
import { OktaAuthnError } from './errors.js';
import { log } from './log.js';
import { optionsError, originString } from './options.js';

/** Where {@link startTrustedRecovery} asks Okta, as the trusted backend holding an API token. */
export interface TrustedRecoveryOptions {
  /** The Okta org origin, e.g. `https://example.okta.com` (or the simulator's URL). */
  orgUrl: string;
  /** Okta API token (`SSWS`) with the permission to manage the user: this is what makes the call trusted. */
  apiToken: string;
  /** Milliseconds before a request without an answer fails with `EOKTAUNAVAILABLE`. Default 10000. */
  timeout?: number;
}

/** Whom to recover, and how. */
export interface TrustedRecoveryInput {
  /** The user's Okta login, after the app's own identity checks. */
  username: string;
  /** `'PASSWORD'` (forgot password, the default) or `'UNLOCK'` (unlock a locked-out account). */
  recoveryType?: 'PASSWORD' | 'UNLOCK';
  /** Omit for a `recoveryToken` (the trusted form); `EMAIL`, `SMS` or `CALL` starts Okta's own factor challenge instead. */
  factorType?: 'EMAIL' | 'SMS' | 'CALL';
  /** Opaque value Okta hands back when the recovery ends (at most 2048 characters). */
  relayState?: string;
}

/** What {@link startTrustedRecovery} got from Okta: hand `transaction` (or `recoveryToken`) to `<okta-authn>`. */
export interface TrustedRecovery {
  /** `RECOVERY` (the trusted form, with a `recoveryToken`) or `RECOVERY_CHALLENGE` (with `factorType`). */
  status: 'RECOVERY' | 'RECOVERY_CHALLENGE';
  /** The single-use recovery token, without `factorType`; `null` with one. A bearer credential: give it only to this user's page. */
  recoveryToken: string | null;
  /** Okta's authn response as it came, for the element's `transaction` property. */
  transaction: Record<string, unknown>;
}

const OptionsSchema = z.strictObject({
  orgUrl: originString('the Okta org origin'),
  apiToken: z.string().min(1, 'must be a non-empty API token'),
  timeout: z.number().int('must be a whole number of milliseconds').positive('must be more than 0 milliseconds').finite().default(10_000),
});

const InputSchema = z.strictObject({
  username: z.string({ error: 'username is required and must be a string' }).trim().min(1, 'username must not be empty').max(256, 'username is too long (256 characters at most)'),
  recoveryType: z.enum(['PASSWORD', 'UNLOCK'], { error: 'recoveryType must be "PASSWORD" or "UNLOCK"' }).default('PASSWORD'),
  factorType: z.enum(['EMAIL', 'SMS', 'CALL'], { error: 'factorType must be "EMAIL", "SMS" or "CALL"' }).optional(),
  relayState: z.string({ error: 'relayState must be a string' }).max(2048, 'relayState is too long (2048 characters at most)').optional(),
});

/**
 * Starts a password recovery (or an unlock) as Okta's trusted app: `POST /api/v1/authn/recovery/password`
 * (or `/unlock`) with the API token. Without `factorType` Okta answers `RECOVERY` with a `recoveryToken`,
 * which skips the emailed link: call it only after the app has checked who the user is by its own means,
 * from the server (the API token never reaches a browser). Bad options throw a `TypeError`; everything
 * else is an {@link OktaAuthnError}: `EBADREQUEST`, `EUNKNOWNUSER`, `ERECOVERYNOTALLOWED`,
 * `EOKTAUNAVAILABLE`, `EOKTARATELIMITED` or `EOKTAERROR`.
 */
export async function startTrustedRecovery(options: TrustedRecoveryOptions, input: TrustedRecoveryInput): Promise<TrustedRecovery> {
  const settings = OptionsSchema.safeParse(options);
  if (!settings.success) throw optionsError('startTrustedRecovery()', settings.error);
  const parsed = InputSchema.safeParse(input);
  if (!parsed.success) {
    throw new OktaAuthnError('EBADREQUEST', 'startTrustedRecovery(): the recovery input is not valid', {
      causes: parsed.error.issues.map((issue) => (issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message)),
    });
  }
  const { orgUrl, apiToken, timeout } = settings.data;
  const { recoveryType, ...request } = parsed.data;
  const client = new AuthnClient({ baseUrl: orgUrl, headers: { authorization: `SSWS ${apiToken}` }, timeoutMs: timeout });
  let transaction;
  try {
    transaction = recoveryType === 'UNLOCK' ? await client.unlockAccount(request) : await client.forgotPassword(request);
  } catch (error) {
    throw recoveryError(error);
  }
  const expected = request.factorType === undefined ? 'RECOVERY' : 'RECOVERY_CHALLENGE';
  const recoveryToken = typeof transaction.raw.recoveryToken === 'string' ? transaction.raw.recoveryToken : null;
  if (transaction.status !== expected || (expected === 'RECOVERY') !== (recoveryToken !== null)) {
    log('trusted recovery: Okta answered %s%s, expected %s', transaction.status, recoveryToken === null ? '' : ' with a recoveryToken', expected);
    throw new OktaAuthnError('EOKTAERROR', `Okta answered the recovery with ${transaction.status}, not ${expected}${expected === 'RECOVERY' ? ' with a recoveryToken' : ''}`);
  }
  log('trusted recovery (%s) started%s', recoveryType, request.factorType ? ` with ${request.factorType}` : '');
  return { status: expected, recoveryToken, transaction: transaction.raw };
}

function recoveryError(error: unknown): OktaAuthnError {
  if (error instanceof OktaApiError) {
    const causes = [`Okta: ${error.errorCode} ${error.errorSummary}`, ...error.errorCauses.map((cause) => `Okta: ${cause.errorSummary}`)];
    log('trusted recovery refused by Okta: HTTP %d %s', error.status, error.errorCode);
    if (error.status === 429) {
      const retryAfter = Math.max(1, Math.ceil((error.rateLimit?.retryAfterMs ?? 5_000) / 1000));
      return new OktaAuthnError('EOKTARATELIMITED', 'Okta is rate-limiting recovery requests; try again later', { cause: error, retryAfter, causes });
    }
    if (error.status >= 500) return new OktaAuthnError('EOKTAUNAVAILABLE', `Okta answered HTTP ${error.status}`, { cause: error, retryAfter: 5, causes });
    if (error.errorCode === 'E0000095') return new OktaAuthnError('EUNKNOWNUSER', 'Okta has no user with this username that can recover', { cause: error, causes });
    if (error.errorCode === 'E0000034' || error.errorCode === 'E0000032' || (error.status === 403 && error.errorCode === 'E0000006')) {
      return new OktaAuthnError('ERECOVERYNOTALLOWED', "The org's password policy does not allow this recovery for this user", { cause: error, causes });
    }
    if (error.status === 400) return new OktaAuthnError('EBADREQUEST', 'Okta refused the recovery input', { cause: error, causes });
    return new OktaAuthnError('EOKTAERROR', `Okta answered HTTP ${error.status} unexpectedly (is the API token right?)`, { cause: error, causes });
  }
  if (error instanceof NetworkError) {
    log('trusted recovery: Okta could not be reached (%s)', error.message);
    return new OktaAuthnError('EOKTAUNAVAILABLE', `Okta could not be reached (${error.message})`, { cause: error, retryAfter: 5 });
  }
  log('trusted recovery: Okta answered something that is not a recovery transaction');
  return new OktaAuthnError('EOKTAERROR', 'Okta answered the recovery with something that is not a transaction', { cause: error });
}
