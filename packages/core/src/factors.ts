import type { AuthnTransaction } from './parse.js';
import type { Factor } from './schemas/factor.js';

// Apart from link navigation (links.ts), so that code which only reads a transaction's factors (a
// browser build's first form) does not bring the moves with it.

/** The factors a transaction offers: `_embedded.factors`, or the single `_embedded.factor`. */
export function factorsOf(tx: AuthnTransaction): Factor[] {
  const embedded = tx._embedded as { factors?: Factor[]; factor?: Factor | Factor[] } | undefined;
  const list = embedded?.factors ?? embedded?.factor ?? [];
  return Array.isArray(list) ? list : [list];
}

/** The factor of an `MFA_ENROLL_ACTIVATE` or `MFA_CHALLENGE` transaction (the first, when WebAuthn is verified by type). */
export function currentFactor(tx: AuthnTransaction): Factor | undefined {
  const embedded = tx._embedded as { factor?: Factor | Factor[]; factors?: Factor[] } | undefined;
  const factor = embedded?.factor ?? (tx.status === 'MFA_CHALLENGE' ? embedded?.factors : undefined);
  return Array.isArray(factor) ? factor[0] : factor;
}

