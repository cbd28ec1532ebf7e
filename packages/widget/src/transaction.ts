import type { AuthnTransaction, Factor } from '@okta-authn/core';

/** The factors a transaction lists: `_embedded.factors` (MFA_REQUIRED, MFA_ENROLL) or the single `factor`. */
export function factorsOf(tx: AuthnTransaction): Factor[] {
  const embedded = tx._embedded as { factors?: Factor[]; factor?: Factor | Factor[] } | undefined;
  const list = embedded?.factors ?? embedded?.factor ?? [];
  return Array.isArray(list) ? list : [list];
}

/** The factor of `MFA_CHALLENGE` / `MFA_ENROLL_ACTIVATE` (the first one of a by-type WebAuthn array). */
export function currentFactor(tx: AuthnTransaction): Factor | undefined {
  const factor = (tx._embedded as { factor?: Factor | Factor[] } | undefined)?.factor;
  return Array.isArray(factor) ? factor[0] : factor;
}
