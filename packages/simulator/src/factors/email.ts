import { consumeCode, maskEmail, sendCode } from './delivery.js';
import { oktaErrors } from '../errors.js';
import type { FactorKind } from './kind.js';
import { isBlank, newFactor } from './kind.js';

/** Email one-time codes to the user's primary email address. */
export const emailFactor: FactorKind = {
  type: 'email',
  providers: ['OKTA'],
  amr: ['otp'],
  idPrefix: () => 'emf',
  async enroll(ctx, user, input) {
    const requested = input.profile?.email;
    const email = typeof requested === 'string' ? requested : user.profile.email;
    const verified = [user.profile.email, user.profile.secondEmail].filter((value) => typeof value === 'string');
    if (!verified.some((value) => String(value).toLowerCase() === email.toLowerCase())) {
      throw oktaErrors.validation('Only verified primary or secondary email can be enrolled.');
    }
    return newFactor(ctx, user, emailFactor, 'OKTA', { email }, 'PENDING_ACTIVATION');
  },
  authnProfile: (factor) => ({ email: maskEmail(String(factor.profile.email)) }),
  apiProfile: (factor) => ({ email: factor.profile.email }),
  hasCredential: (input) => !isBlank(input.passCode),
  async verify(ctx, factor, _user, input) {
    if (!consumeCode(ctx, factor.code, input.passCode ?? '')) {
      throw oktaErrors.invalidPasscode("Your passcode doesn't match our records. Please try again.");
    }
  },
  sendCode(ctx, factor, _user, purpose) {
    factor.code = sendCode(ctx, 'email', String(factor.profile.email), purpose);
  },
};
