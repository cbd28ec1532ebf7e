import type { OktaSession } from '@okta-authn/core';

/** What the app session remembers about the Okta session it is bound to (kept server-side in the session store). */
export interface OktaAuthnSessionData {
  /** Okta's `sid` cookie value for the session: a bearer secret, never sent to the browser or logged. */
  sid: string;
  /** The Okta session as last seen: `id`, `userId`, `login`, `status`, `amr`, `expiresAt`, …. */
  session: OktaSession;
  /** When the user signed in to this app (epoch ms); the absolute timeout counts from here. */
  authenticatedAt: number;
  /** Last request seen in this app session (epoch ms, 1 s resolution); the idle timeout counts from here. */
  lastSeenAt: number;
  /** Last time Okta confirmed the session ACTIVE (epoch ms); the check is cached for `checkInterval` from here. */
  checkedAt: number;
  /** The user's Okta profile as of `checkedAt`, kept only with the `profile` option. */
  profile?: OktaUserProfile;
}

/**
 * The user's Okta profile as `GET /api/v1/users/me` answers it (the `profile` option): the base
 * attributes below when the org has them, and any custom attribute of the org's user schema.
 */
export interface OktaUserProfile {
  /** Okta username. */
  login: string;
  /** Primary email address. */
  email?: string | null;
  /** Given name. */
  firstName?: string | null;
  /** Family name. */
  lastName?: string | null;
  /** Name to show, when the org keeps one. */
  displayName?: string | null;
  /** Locale, e.g. `en_US`. */
  locale?: string | null;
  /** IANA time zone, e.g. `America/Los_Angeles`. */
  timeZone?: string | null;
  /** Any other attribute of the org's user profile. */
  [attribute: string]: unknown;
}

/** The signed-in user, as `req.okta.user`. */
export interface OktaUser {
  /** Okta user id (`00u…`). */
  id: string;
  /** Okta username. */
  login: string;
  /** The user's Okta profile (name, email, locale, …); present only with the `profile` option. */
  profile?: OktaUserProfile;
}

/** What `requireSession()` puts on `req.okta` once the Okta session is known to be ACTIVE. */
export interface OktaRequestContext {
  /** The Okta session as Okta last described it. */
  session: OktaSession;
  /** The signed-in user. */
  user: OktaUser;
}

declare module 'express-session' {
  interface SessionData {
    /** The Okta session this app session is bound to, set by `POST /session`. */
    okta: OktaAuthnSessionData;
    /** Synchronizer CSRF token of this app session. */
    oktaCsrfToken: string;
    /** Where to send the browser after sign-in (a same-site path), set when `requireSession()` redirects to the login page. */
    returnTo: string;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The checked Okta session and user; set by `requireSession()` and by `GET /session`. */
      okta?: OktaRequestContext;
    }
  }
}
