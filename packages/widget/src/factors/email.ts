import { emailIcon } from '../factor-icons.js';
import { otpFactor } from './otp.js';

/**
 * Email (`email`, OKTA): a code by email to the user's primary address. The challenge carries
 * `factorResult: CHALLENGE` (seed); the view only looks at the status, so both shapes work.
 */
export const email = otpFactor({
  type: 'email',
  icon: emailIcon,
  name: 'factor.email.name',
  // Never the address: it is often the login.
  description: 'factor.email.description',
  title: 'factor.email.verifyTitle',
  sendIntro: 'factor.email.sendIntro',
  send: 'factor.send',
  challengeIntro: 'factor.email.challengeIntro',
  help: 'factor.email.help',
  enrollTitle: 'factor.email.enrollTitle',
  enrollIntro: 'factor.email.enrollIntro',
  activateTitle: 'factor.email.activateTitle',
});
