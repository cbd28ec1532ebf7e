import { smsIcon } from '../factor-icons.js';
import type { FactorModule } from '../views/types.js';
import { profileText } from './common.js';
import { OtpEnrollView, OtpVerifyView } from './otp.js';
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
  enrollTitle: 'factor.sms.enrollTitle',
  enrollIntro: 'factor.sms.enrollIntro',
  activateTitle: 'factor.sms.activateTitle',
  phone: true,
};

/** SMS (`sms`, OKTA): a code by text message; phone entry with country at enrollment. */
export const sms: FactorModule = {
  name: (ctx) => ctx.msg('factor.sms.name'),
  label: (ctx) => ctx.msg('factor.sms.name'),
  // Okta sends the number masked (+1 XXX-XXX-4242): it tells several phones apart.
  description: (ctx, factor) => (profileText(factor, 'phoneNumber') ? ctx.msg('factor.sms.descriptionTo', { phone: profileText(factor, 'phoneNumber') }) : ctx.msg('factor.sms.description')),
  icon: () => smsIcon,
  verify: (ctx, factor) => new OtpVerifyView(ctx, factor, config),
  enroll: (ctx, factor) => new OtpEnrollView(ctx, factor, config),
  activate: (ctx, factor) => new OtpVerifyView(ctx, factor, config, 'activate'),
};
