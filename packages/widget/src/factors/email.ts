import { emailIcon } from '../factor-icons.js';
import type { FactorModule } from '../views/types.js';
import { profileText } from './common.js';
import { OtpEnrollView, OtpVerifyView } from './otp.js';
import type { OtpFactorConfig } from './otp.js';

const config: OtpFactorConfig = {
  resendName: 'email',
  resendSeconds: 30,
  target: (factor) => profileText(factor, 'email'),
  title: 'factor.email.verifyTitle',
  sendIntro: 'factor.email.sendIntro',
  send: 'factor.send',
  challengeIntro: 'factor.email.challengeIntro',
  help: 'factor.email.help',
  enrollTitle: 'factor.email.enrollTitle',
  enrollIntro: 'factor.email.enrollIntro',
  activateTitle: 'factor.email.activateTitle',
};

/**
 * Email (`email`, OKTA): a code by email to the user's primary address. The challenge carries
 * `factorResult: CHALLENGE` (seed); the view only looks at the status, so both shapes work.
 */
export const email: FactorModule = {
  name: (ctx) => ctx.msg('factor.email.name'),
  label: (ctx) => ctx.msg('factor.email.name'),
  // Never the address: it is often the login.
  description: (ctx) => ctx.msg('factor.email.description'),
  icon: () => emailIcon,
  verify: (ctx, factor) => new OtpVerifyView(ctx, factor, config),
  enroll: (ctx, factor) => new OtpEnrollView(ctx, factor, config),
  activate: (ctx, factor) => new OtpVerifyView(ctx, factor, config, 'activate'),
};
