import type { Links } from '@okta-authn/core';
import { methodLink } from './links.js';
import type { UserRecord, UserStatus } from './store.js';

/** Lifecycle and credential operations Okta allows per user status (each answers; see user-lifecycle.ts). */
const OPERATIONS: Readonly<Record<UserStatus, readonly string[]>> = {
  STAGED: ['activate', 'changePassword', 'changeRecoveryQuestion', 'deactivate'],
  PROVISIONED: ['reactivate', 'deactivate'],
  ACTIVE: ['resetPassword', 'expirePassword', 'forgotPassword', 'changeRecoveryQuestion', 'changePassword', 'deactivate'],
  RECOVERY: ['resetPassword', 'changeRecoveryQuestion', 'changePassword', 'deactivate'],
  PASSWORD_EXPIRED: ['resetPassword', 'expirePassword', 'changePassword', 'deactivate'],
  LOCKED_OUT: ['unlock', 'resetPassword', 'expirePassword', 'deactivate'],
  DEPROVISIONED: ['activate'],
};

/** Where each operation lives under the user's URL. */
const PATHS: Readonly<Record<string, string>> = {
  activate: 'lifecycle/activate',
  reactivate: 'lifecycle/reactivate',
  deactivate: 'lifecycle/deactivate',
  unlock: 'lifecycle/unlock',
  resetPassword: 'lifecycle/reset_password',
  expirePassword: 'lifecycle/expire_password',
  forgotPassword: 'credentials/forgot_password',
  changePassword: 'credentials/change_password',
  changeRecoveryQuestion: 'credentials/change_recovery_question',
};

/** Links of a user (Users API style, with `method`): `self` and the operations its status allows. */
export function links(origin: string, user: UserRecord): Links {
  const base = `${origin}/api/v1/users/${user.id}`;
  const result: Links = { self: methodLink(base) };
  for (const operation of OPERATIONS[user.status]) {
    // Password operations need a password to check or replace.
    if ((operation === 'changePassword' || operation === 'changeRecoveryQuestion') && user.passwordHash === null) continue;
    if (operation === 'forgotPassword' && user.recoveryQuestion === null) continue;
    result[operation] = methodLink(`${base}/${PATHS[operation] ?? ''}`, 'POST');
  }
  return result;
}
