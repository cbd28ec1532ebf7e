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
}

/** The signed-in user, as `req.okta.user`. */
export interface OktaUser {
  /** Okta user id (`00u…`). */
  id: string;
  /** Okta username. */
  login: string;
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
