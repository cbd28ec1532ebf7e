import { CurrentFactorView } from './factor-step.js';
import type { ViewFactory } from './types.js';

/**
 * `MFA_ENROLL_ACTIVATE`: the activation view of the factor being enrolled (its module's
 * `activate`), plus "back to security methods" (`prev`, back to `MFA_ENROLL`) and cancel.
 */
export const mfaEnrollActivate: ViewFactory = (ctx) => new CurrentFactorView(ctx, 'activate', 'enroll.backToList');
