import { oktaErrors } from '../errors.js';
import { consumeCode, maskPhone, normalizePhone, sendCode } from './delivery.js';
import type { FactorKind } from './kind.js';
import { isBlank, newFactor } from './kind.js';

/** SMS one-time codes to a phone number. */
export const smsFactor: FactorKind = {
  type: 'sms',
  providers: ['OKTA'],
  amr: ['sms'],
  idPrefix: () => 'sms',
  async enroll(ctx, user, input) {
    const phone = input.profile?.phoneNumber;
    if (typeof phone !== 'string') throw oktaErrors.validation('factorEnrollRequest', ['Invalid Profile.']);
    return newFactor(ctx, user, smsFactor, 'OKTA', { phoneNumber: normalizePhone(phone) }, 'PENDING_ACTIVATION');
  },
  authnProfile: (factor) => ({ phoneNumber: maskPhone(String(factor.profile.phoneNumber)) }),
  apiProfile: (factor) => ({ phoneNumber: factor.profile.phoneNumber }),
  hasCredential: (input) => !isBlank(input.passCode),
  async verify(ctx, factor, _user, input) {
    if (!consumeCode(ctx, factor.code, input.passCode ?? '')) {
      throw oktaErrors.invalidPasscode("Your passcode doesn't match our records. Please try again.");
    }
  },
  sendCode(ctx, factor, _user, purpose) {
    factor.code = sendCode(ctx, 'sms', String(factor.profile.phoneNumber), purpose);
  },
};
