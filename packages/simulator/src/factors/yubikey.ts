import { createHmac } from 'node:crypto';
import type { SimContext } from '../context.js';
import { oktaErrors } from '../errors.js';
import { safeEqual } from '../secrets.js';
import type { FactorRecord } from '../store.js';
import type { FactorKind } from './kind.js';
import { newFactor } from './kind.js';

const MODHEX = 'cbdefghijklnrtuv';
const LOOKAHEAD = 64;

function modhex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += (MODHEX[byte >> 4] ?? 'c') + (MODHEX[byte & 15] ?? 'c');
  return out;
}

/** The 44-character OTP the YubiKey with public id `publicId` emits for use number `counter`. */
export function yubikeyOtp(ctx: SimContext, publicId: string, counter: number): string {
  const tail = createHmac('sha256', ctx.hardwareSecret).update(`YUBICO:${publicId}:${counter}`).digest().subarray(0, 16);
  return publicId + modhex(tail);
}

function parse(passCode: string | undefined): { publicId: string } | null {
  if (typeof passCode !== 'string' || !new RegExp(`^[${MODHEX}]{44}$`).test(passCode)) return null;
  return { publicId: passCode.slice(0, 12) };
}

function accept(ctx: SimContext, factor: FactorRecord, passCode: string): void {
  const publicId = String(factor.profile.credentialId);
  for (let counter = Math.max(0, factor.lastUsedCounter - LOOKAHEAD); counter <= factor.lastUsedCounter + LOOKAHEAD; counter += 1) {
    if (safeEqual(yubikeyOtp(ctx, publicId, counter), passCode)) {
      if (counter <= factor.lastUsedCounter) throw oktaErrors.passcodeReplayed();
      factor.lastUsedCounter = counter;
      return;
    }
  }
  throw oktaErrors.invalidPasscode("Your passcode doesn't match our records. Please try again.");
}

/** YubiKey OTP (`token:hardware`, YUBICO): modhex OTPs, each usable once, counters only move forward. */
export const yubikeyFactor: FactorKind = {
  type: 'token:hardware',
  providers: ['YUBICO'],
  amr: ['hwk'],
  idPrefix: () => 'ykf',
  async enroll(ctx, user, input) {
    const parsed = parse(input.passCode);
    if (!parsed) throw oktaErrors.invalidPasscode("Your passcode doesn't match our records. Please try again.");
    const factor = newFactor(ctx, user, yubikeyFactor, 'YUBICO', { credentialId: parsed.publicId }, 'ACTIVE');
    factor.lastUsedCounter = 0;
    accept(ctx, factor, input.passCode ?? '');
    return factor;
  },
  authnProfile: (factor) => ({ credentialId: factor.profile.credentialId }),
  apiProfile: (factor) => ({ credentialId: factor.profile.credentialId }),
  hasCredential: (input) => typeof input.passCode === 'string',
  async verify(ctx, factor, _user, input) {
    const parsed = parse(input.passCode);
    if (!parsed || parsed.publicId !== factor.profile.credentialId) {
      throw oktaErrors.invalidPasscode("Your passcode doesn't match our records. Please try again.");
    }
    accept(ctx, factor, input.passCode ?? '');
  },
};
