import { oktaErrors } from '../errors.js';
import { consumeCode, maskPhone, normalizePhone, sendCode } from './delivery.js';
import type { FactorKind } from './kind.js';
import { isBlank, newFactor } from './kind.js';

/** Voice-call one-time codes to a phone number (optional extension). */
export const callFactor: FactorKind = {
  type: 'call',
  providers: ['OKTA'],
  amr: ['tel'],
  idPrefix: () => 'clf',
  async enroll(ctx, user, input) {
    const phone = input.profile?.phoneNumber;
    const extension = input.profile?.phoneExtension;
    if (typeof phone !== 'string' || (extension !== undefined && extension !== null && (typeof extension !== 'string' || !/^\d{0,15}$/.test(extension)))) {
      throw oktaErrors.validation('factorEnrollRequest', ['Invalid Profile.']);
    }
    const profile: Record<string, unknown> = { phoneNumber: normalizePhone(phone) };
    if (typeof extension === 'string' && extension.length > 0) profile.phoneExtension = extension;
    return newFactor(ctx, user, callFactor, 'OKTA', profile, 'PENDING_ACTIVATION');
  },
  authnProfile: (factor) => ({
    phoneNumber: maskPhone(String(factor.profile.phoneNumber)),
    ...(factor.profile.phoneExtension ? { phoneExtension: factor.profile.phoneExtension } : {}),
  }),
  apiProfile: (factor) => ({ ...factor.profile }),
  hasCredential: (input) => !isBlank(input.passCode),
  async verify(ctx, factor, _user, input) {
    if (!consumeCode(ctx, factor.code, input.passCode ?? '')) {
      throw oktaErrors.invalidPasscode("Your passcode doesn't match our records. Please try again.");
    }
  },
  sendCode(ctx, factor, _user, purpose) {
    factor.code = sendCode(ctx, 'call', String(factor.profile.phoneNumber), purpose);
  },
};
