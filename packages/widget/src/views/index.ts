import type { Transaction, TransactionStatus } from '@okta-authn/core';
import { currentFactor } from '@okta-authn/core';
import { forgotPassword } from './forgot-password.js';
import { lockedOut } from './locked-out.js';
import { mfaChallenge } from './mfa-challenge.js';
import { mfaEnroll } from './mfa-enroll.js';
import { mfaEnrollActivate } from './mfa-enroll-activate.js';
import { mfaRequired } from './mfa-required.js';
import { passwordExpired } from './password-expired.js';
import { passwordReset } from './password-reset.js';
import { passwordWarn } from './password-warn.js';
import { primaryAuth } from './primary-auth.js';
import { recovery } from './recovery.js';
import { recoveryChallenge } from './recovery-challenge.js';
import { success } from './success.js';
import type { LocalViewName, View, ViewFactory, WidgetContext } from './types.js';
import { unlockAccount } from './unlock-account.js';
import { unsupportedState } from './unsupported-state.js';

/** The view of each transaction state. A state without an entry shows {@link unsupportedState}. */
export const STATE_VIEWS: Partial<Record<TransactionStatus, ViewFactory>> = {
  UNAUTHENTICATED: primaryAuth,
  PASSWORD_WARN: passwordWarn,
  PASSWORD_EXPIRED: passwordExpired,
  PASSWORD_RESET: passwordReset,
  LOCKED_OUT: lockedOut,
  MFA_REQUIRED: mfaRequired,
  MFA_CHALLENGE: mfaChallenge,
  MFA_ENROLL: mfaEnroll,
  MFA_ENROLL_ACTIVATE: mfaEnrollActivate,
  RECOVERY: recovery,
  RECOVERY_CHALLENGE: recoveryChallenge,
  SUCCESS: success,
};

/** Views shown without a transaction. A missing entry falls back to primary auth. */
export const LOCAL_VIEWS: Partial<Record<LocalViewName, ViewFactory>> = {
  primary: primaryAuth,
  'forgot-password': forgotPassword,
  'unlock-account': unlockAccount,
};

/**
 * Identity of the view for a transaction: the element keeps the view while this stays the same
 * (so typed input and view state survive a re-sent code) and creates a new one when it changes.
 */
export function viewKey(tx: Transaction | undefined, local: LocalViewName): string {
  if (!tx) return `local:${local}`;
  if (tx.status === 'MFA_CHALLENGE' || tx.status === 'MFA_ENROLL_ACTIVATE') {
    const factor = currentFactor(tx);
    return `${tx.status}:${factor?.id ?? factor?.factorType ?? ''}`;
  }
  return tx.status;
}

/** Creates the view for a transaction (or a local view when there is none). */
export function createView(ctx: WidgetContext, tx: Transaction | undefined, local: LocalViewName): View {
  if (!tx) return (LOCAL_VIEWS[local] ?? primaryAuth)(ctx);
  return (STATE_VIEWS[tx.status] ?? unsupportedState)(ctx);
}

/** True when a local view is implemented (links to it are shown only then). */
export function hasLocalView(name: LocalViewName): boolean {
  return LOCAL_VIEWS[name] !== undefined;
}
