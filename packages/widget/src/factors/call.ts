import { callIcon } from '../factor-icons.js';
import type { FactorModule } from '../views/types.js';
import { profileText } from './common.js';
import { OtpEnrollView, OtpVerifyView } from './otp.js';
import type { OtpFactorConfig } from './otp.js';

const config: OtpFactorConfig = {
  resendName: 'call',
  resendSeconds: 30,
  target: (factor) => profileText(factor, 'phoneNumber'),
  title: 'factor.call.verifyTitle',
  sendIntro: 'factor.call.sendIntro',
  send: 'factor.call.send',
  challengeIntro: 'factor.call.challengeIntro',
  help: 'factor.call.help',
  enrollTitle: 'factor.call.enrollTitle',
  enrollIntro: 'factor.call.enrollIntro',
  activateTitle: 'factor.call.activateTitle',
  phone: true,
  extension: true,
};

/** Voice call (`call`, OKTA): a code read out by phone; phone entry with country and extension at enrollment. */
export const call: FactorModule = {
  name: (ctx) => ctx.msg('factor.call.name'),
  label: (ctx) => ctx.msg('factor.call.name'),
  description: (ctx, factor) => (profileText(factor, 'phoneNumber') ? ctx.msg('factor.call.descriptionTo', { phone: profileText(factor, 'phoneNumber') }) : ctx.msg('factor.call.description')),
  icon: () => callIcon,
  verify: (ctx, factor) => new OtpVerifyView(ctx, factor, config),
  enroll: (ctx, factor) => new OtpEnrollView(ctx, factor, config),
  activate: (ctx, factor) => new OtpVerifyView(ctx, factor, config, 'activate'),
};
