import type { FactorModule } from '../views/types.js';
import { profileText } from './common.js';
import { OtpVerifyView } from './otp.js';
import type { OtpFactorConfig } from './otp.js';

const config: OtpFactorConfig = {
  resendName: 'sms',
  resendSeconds: 30,
  target: (factor) => profileText(factor, 'phoneNumber'),
  title: 'factor.sms.verifyTitle',
  sendIntro: 'factor.sms.sendIntro',
  send: 'factor.sms.send',
  challengeIntro: 'factor.sms.challengeIntro',
  help: 'factor.sms.help',
};

/** SMS (`sms`, OKTA): a code by text message; verify now, enroll/activate in phase 2. */
export const sms: FactorModule = {
  types: ['sms'],
  name: (ctx) => ctx.msg('factor.sms.name'),
  label: (ctx, factor) => ctx.msg('factor.sms.label', { phone: profileText(factor, 'phoneNumber') }),
  verify: (ctx, factor) => new OtpVerifyView(ctx, factor, config),
};
