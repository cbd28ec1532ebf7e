import type { OktaErrorBody } from '@okta-authn/core';
import { newErrorId } from './ids.js';

/** An error the simulator answers in Okta's error shape; thrown anywhere in a handler. */
export class OktaHttpError extends Error {
  /** HTTP status of the response. */
  readonly status: number;
  /** Okta error code, e.g. `E0000068`. */
  readonly errorCode: string;
  /** `errorCauses[].errorSummary` values. */
  readonly causes: string[];
  /** Extra response headers (rate limits). */
  readonly headers: Record<string, string>;

  constructor(status: number, errorCode: string, summary: string, causes: string[] = [], headers: Record<string, string> = {}) {
    super(summary);
    this.name = 'OktaHttpError';
    this.status = status;
    this.errorCode = errorCode;
    this.causes = causes;
    this.headers = headers;
  }

  /** The JSON body Okta would send. */
  toBody(): OktaErrorBody {
    return {
      errorCode: this.errorCode,
      errorSummary: this.message,
      errorLink: this.errorCode,
      errorId: newErrorId(),
      errorCauses: this.causes.map((errorSummary) => ({ errorSummary })),
    };
  }
}

/** Constructors for every error the simulator emits, named after what went wrong. */
export const oktaErrors = {
  /** 400 E0000001 Api validation failed. */
  validation: (what: string, causes: string[] = []) =>
    new OktaHttpError(400, 'E0000001', `Api validation failed: ${what}`, causes),
  /** 400 (or 408, 431) E0000002 a request Node's HTTP parser refused before any route ran. */
  invalidRequest: (status: number, what: string) => new OktaHttpError(status, 'E0000002', `The request was not valid: ${what}`, [what]),
  /** 400 E0000003 malformed body. */
  malformedBody: (cause?: string) =>
    new OktaHttpError(400, 'E0000003', 'The request body was not well-formed.', cause ? [cause] : []),
  /** 413 E0000003 body too large. */
  bodyTooLarge: (limit: string) =>
    new OktaHttpError(413, 'E0000003', 'The request body was not well-formed.', [`The request body is larger than ${limit}.`]),
  /** 401 E0000004 authentication failed. */
  authenticationFailed: () => new OktaHttpError(401, 'E0000004', 'Authentication failed'),
  /** 403 E0000006 access denied; `cause` says what the policy does not allow. */
  forbidden: (cause?: string) =>
    new OktaHttpError(403, 'E0000006', 'You do not have permission to perform the requested action', cause ? [cause] : []),
  /** 404 E0000007 resource not found. */
  notFound: (resource: string) => new OktaHttpError(404, 'E0000007', `Not found: Resource not found: ${resource}`),
  /** 404 E0000008 unknown path. */
  unknownPath: () => new OktaHttpError(404, 'E0000008', 'The requested path was not found'),
  /** 401 E0000011 invalid token. */
  invalidToken: () => new OktaHttpError(401, 'E0000011', 'Invalid token provided'),
  /** 403 E0000014 update of credentials failed. */
  updateCredentialsFailed: (cause: string) => new OktaHttpError(403, 'E0000014', 'Update of credentials failed', [cause]),
  /** 400 E0000018 missing JSON content type. */
  contentType: () =>
    new OktaHttpError(400, 'E0000018', 'Bad request. Accept and/or Content-Type headers are likely not set.'),
  /** 405 E0000022 method not allowed. */
  methodNotAllowed: () => new OktaHttpError(405, 'E0000022', 'The endpoint does not support the provided HTTP method'),
  /** 403 E0000032 self-service unlock disabled. */
  unlockNotAllowed: () => new OktaHttpError(403, 'E0000032', 'Unlock is not allowed for this user.'),
  /** 403 E0000034 self-service password reset disabled. */
  forgotPasswordNotAllowed: () => new OktaHttpError(403, 'E0000034', 'Forgot password not allowed on specified user.'),
  /** 403 E0000038 lifecycle operation not allowed in the user's status. */
  lifecycleNotAllowed: () => new OktaHttpError(403, 'E0000038', "This operation is not allowed in the user's current status."),
  /** 429 E0000047 rate limit. */
  rateLimited: (headers: Record<string, string> = {}) =>
    new OktaHttpError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], headers),
  /** 403 E0000068 wrong passcode or answer. */
  invalidPasscode: (cause: string) => new OktaHttpError(403, 'E0000068', 'Invalid Passcode/Answer', [cause]),
  /** 403 E0000069 user locked after too many MFA failures. */
  userLocked: () => new OktaHttpError(403, 'E0000069', 'User Locked'),
  /** 403 E0000079 operation not allowed in the transaction's state. */
  illegalState: () => {
    const summary = 'This operation is not allowed in the current authentication state.';
    return new OktaHttpError(403, 'E0000079', summary, [summary]);
  },
  /** 403 E0000080 password policy violation (reset_password). */
  passwordPolicy: (cause: string) =>
    new OktaHttpError(403, 'E0000080', 'The password does not meet the complexity requirements of the current password policy.', [cause]),
  /** 403 E0000082 replayed one-time code. */
  passcodeReplayed: () =>
    new OktaHttpError(403, 'E0000082', 'Each code can only be used once. Please wait for a new code and try again.'),
  /** 403 E0000087 wrong recovery answer. */
  recoveryAnswer: () => new OktaHttpError(403, 'E0000087', 'The recovery question answer did not match our records.'),
  /** 403 E0000095 trusted recovery for an unknown user. */
  recoveryUnknownUser: () => new OktaHttpError(403, 'E0000095', 'Recovery not allowed for unknown user.'),
  /** 400 E0000098 bad phone number. */
  invalidPhone: () => new OktaHttpError(400, 'E0000098', 'This phone number is invalid.'),
  /** 403 E0000105 recovery token already used. */
  recoveryTokenUsed: () =>
    new OktaHttpError(403, 'E0000105', 'You have accessed an account recovery link that has expired or been previously used.'),
  /** 429 E0000109 SMS sent too recently. */
  smsThrottled: (headers: Record<string, string> = {}) =>
    new OktaHttpError(429, 'E0000109', 'An SMS message was recently sent. Please wait 30 seconds before trying again.', [], headers),
  /** 429 E0000118 email sent too recently. */
  emailThrottled: (headers: Record<string, string> = {}) =>
    new OktaHttpError(429, 'E0000118', 'An email was recently sent. Please wait 5 seconds before trying again.', [], headers),
  /** 403 E0000212 origin not trusted. */
  originNotTrusted: () => new OktaHttpError(403, 'E0000212', 'Origin validation failed.'),
} as const;
