import type { AuthnUser, TransactionStatus } from '@okta-authn/core';

/** Detail of `okta-authn-state`: the element moved to a new transaction state. */
export interface OktaAuthnStateDetail {
  /** The transaction status now shown. */
  status: TransactionStatus;
  /** The transaction's stateToken (absent in states without one, e.g. `SUCCESS`), for hosts that keep it to resume themselves. */
  stateToken: string | undefined;
}

/** Detail of `okta-authn-success`: the transaction reached `SUCCESS`. */
export interface OktaAuthnSuccessDetail {
  /** One-time token to create a session (absent for a step-up `SUCCESS`). */
  sessionToken: string | undefined;
  /** The user, as the authn API released it. */
  user: AuthnUser | undefined;
}

/** Detail of `okta-authn-error`: a request failed; the element shows it to the person too. */
export interface OktaAuthnErrorDetail {
  /** The error thrown by `@okta-authn/core` (an `AuthnError` subclass) or by the session POST. */
  error: Error;
}

/** Fired when the element shows a new transaction state. */
export type OktaAuthnStateEvent = CustomEvent<OktaAuthnStateDetail>;
/** Fired on `SUCCESS`; cancelable: `preventDefault()` stops the session POST and the redirect. */
export type OktaAuthnSuccessEvent = CustomEvent<OktaAuthnSuccessDetail>;
/** Fired when a request fails. */
export type OktaAuthnErrorEvent = CustomEvent<OktaAuthnErrorDetail>;

/** Builds an `okta-authn-state` event. */
export function stateEvent(detail: OktaAuthnStateDetail): OktaAuthnStateEvent {
  return new CustomEvent('okta-authn-state', { detail, bubbles: true, composed: true });
}

/** Builds a cancelable `okta-authn-success` event. */
export function successEvent(detail: OktaAuthnSuccessDetail): OktaAuthnSuccessEvent {
  return new CustomEvent('okta-authn-success', { detail, bubbles: true, composed: true, cancelable: true });
}

/** Builds an `okta-authn-error` event. */
export function errorEvent(detail: OktaAuthnErrorDetail): OktaAuthnErrorEvent {
  return new CustomEvent('okta-authn-error', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'okta-authn-state': OktaAuthnStateEvent;
    'okta-authn-success': OktaAuthnSuccessEvent;
    'okta-authn-error': OktaAuthnErrorEvent;
  }
}
