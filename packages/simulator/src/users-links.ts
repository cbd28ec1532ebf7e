import type { Links } from '@okta-authn/core';
import { methodLink } from './links.js';
import type { UserRecord } from './store.js';

/** Lifecycle links of a user (Users API style, with `method`). */
export function links(origin: string, user: UserRecord): Links {
  const base = `${origin}/api/v1/users/${user.id}`;
  const result: Links = {
    self: methodLink(base),
    resetPassword: methodLink(`${base}/lifecycle/reset_password`, 'POST'),
    expirePassword: methodLink(`${base}/lifecycle/expire_password`, 'POST'),
    forgotPassword: methodLink(`${base}/credentials/forgot_password`, 'POST'),
    changeRecoveryQuestion: methodLink(`${base}/credentials/change_recovery_question`, 'POST'),
    changePassword: methodLink(`${base}/credentials/change_password`, 'POST'),
    deactivate: methodLink(`${base}/lifecycle/deactivate`, 'POST'),
  };
  if (user.status === 'STAGED') result.activate = methodLink(`${base}/lifecycle/activate`, 'POST');
  if (user.status === 'PROVISIONED') result.reactivate = methodLink(`${base}/lifecycle/reactivate`, 'POST');
  if (user.status === 'LOCKED_OUT') result.unlock = methodLink(`${base}/lifecycle/unlock`, 'POST');
  return result;
}
