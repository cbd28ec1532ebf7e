import { CurrentFactorView } from './factor-step.js';
import type { ViewFactory } from './types.js';

/**
 * `MFA_CHALLENGE`: the verify view of the factor being challenged, plus "choose another
 * security method" (`prev`, back to `MFA_REQUIRED`) when the state publishes it.
 */
export const mfaChallenge: ViewFactory = (ctx) => new CurrentFactorView(ctx, 'verify', 'mfa.chooseAnother');
