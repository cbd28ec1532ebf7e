import type { SimContext } from '../context.js';
import { MINUTE } from '../clock.js';
import { oktaErrors } from '../errors.js';
import type { FactorRecord } from '../store.js';

const ACTIVATION_ATTEMPTS = 5;
const ACTIVATION_WINDOW_MS = 5 * MINUTE;

/** 429 E0000047 after 5 activation attempts within 5 minutes on one factor. */
export function assertActivationNotThrottled(ctx: SimContext, factor: FactorRecord): void {
  const now = ctx.clock.now();
  factor.activationAttempts = factor.activationAttempts.filter((at) => now - at < ACTIVATION_WINDOW_MS);
  if (factor.activationAttempts.length < ACTIVATION_ATTEMPTS) return;
  const first = factor.activationAttempts[0] ?? now;
  throw oktaErrors.rateLimited({
    'X-Rate-Limit-Limit': String(ACTIVATION_ATTEMPTS),
    'X-Rate-Limit-Remaining': '0',
    'X-Rate-Limit-Reset': String(Math.ceil((first + ACTIVATION_WINDOW_MS) / 1000)),
  });
}

/** Counts one activation attempt. */
export function recordActivationAttempt(ctx: SimContext, factor: FactorRecord): void {
  factor.activationAttempts.push(ctx.clock.now());
}
