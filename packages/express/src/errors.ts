import { randomBytes } from 'node:crypto';

/** Every stable error code this package answers or throws. */
export const ERROR_CODES = {
  /** 400: the request body is not what the route accepts (e.g. no `sessionToken`). */
  EBADREQUEST: 400,
  /** 403: missing or wrong CSRF token, or a cross-origin state-changing request. */
  EBADCSRFTOKEN: 403,
  /** 401: the sessionToken is used, expired or forged; no session was created. */
  EINVALIDTOKEN: 401,
  /** 401: the Okta session exists but is not `ACTIVE` (a factor must still be verified or enrolled). */
  ESESSIONNOTACTIVE: 401,
  /** 401: the request has no app session bound to a live Okta session. */
  ENOSESSION: 401,
  /** 401: the app session passed its idle or absolute timeout. */
  ESESSIONEXPIRED: 401,
  /** 429: too many sign-in attempts from this app session; retry after `Retry-After` seconds. */
  ETOOMANYATTEMPTS: 429,
  /** 503: the attempt store (`attemptStore`, e.g. Redis) could not count a sign-in attempt, so it was refused. */
  EATTEMPTSTORE: 503,
  /** 503: Okta could not be reached, timed out or answered 5xx; nothing was decided. */
  EOKTAUNAVAILABLE: 503,
  /** 503: Okta answered 429; retry after its reset time. */
  EOKTARATELIMITED: 503,
  /** 502: Okta answered something this package does not understand (e.g. a bad API token). */
  EOKTAERROR: 502,
  /** 500: express-session is not mounted before this middleware. */
  ESESSIONMISSING: 500,
  /** 503: the session store failed or cannot be reached (load, regenerate or save); nothing was decided. */
  ESESSIONSTORE: 503,
  /** 404: `startTrustedRecovery()`: Okta has no user with that username who can recover (Okta's `E0000095`). */
  EUNKNOWNUSER: 404,
  /** 403: `startTrustedRecovery()`: the org's password policy does not allow this recovery (reset or unlock) for the user. */
  ERECOVERYNOTALLOWED: 403,
} as const;

/** A stable error code of this package. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Okta's error shape, used for every error this package answers with; `code` repeats `errorCode`. */
export interface ErrorBody {
  /** The stable code, e.g. `EBADCSRFTOKEN`. */
  errorCode: ErrorCode;
  /** Human-readable summary. */
  errorSummary: string;
  /** Equal to `errorCode`, as in Okta's shape. */
  errorLink: ErrorCode;
  /** Unique id of this failure, to find it in the debug log. */
  errorId: string;
  /** Details, one entry per problem; may be empty. */
  errorCauses: { errorSummary: string }[];
  /** Same as `errorCode`, for callers that branch on `code`. */
  code: ErrorCode;
}

/** An error of this package: branch on `code`; `status` is the HTTP status it answers with. */
export class OktaAuthnError extends Error {
  /** Stable, machine-readable code. */
  readonly code: ErrorCode;
  /** HTTP status the middleware answers with. */
  readonly status: number;
  /** Seconds after which a retry may succeed (sent as `Retry-After`), for 503 errors. */
  readonly retryAfter: number | undefined;
  /** Details, one line per problem. */
  readonly causes: string[];
  /** Unique id of this failure, logged and sent as `errorId`. */
  readonly errorId: string;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; retryAfter?: number; causes?: string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OktaAuthnError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.retryAfter = options.retryAfter;
    this.causes = options.causes ?? [];
    this.errorId = `oae${randomBytes(12).toString('base64url')}`;
  }

  /** The JSON body answered to the client (Okta's error shape). */
  toJSON(): ErrorBody {
    return {
      errorCode: this.code,
      errorSummary: this.message,
      errorLink: this.code,
      errorId: this.errorId,
      errorCauses: this.causes.map((errorSummary) => ({ errorSummary })),
      code: this.code,
    };
  }
}

/** Whether `value` is an error of this package, optionally with the given code. */
export function isOktaAuthnError(value: unknown, code?: ErrorCode): value is OktaAuthnError {
  return value instanceof OktaAuthnError && (code === undefined || value.code === code);
}

/** The error thrown when a request reaches the middleware without `req.session`. */
export function sessionMissingError(): OktaAuthnError {
  return new OktaAuthnError(
    'ESESSIONMISSING',
    'req.session is missing: mount express-session (app.use(session({...}))) before oktaAuthn() and requireSession()',
  );
}
