import { callIcon } from '../factor-icons.js';
import { otpFactor } from './otp.js';

/** Voice call (`call`, OKTA): a code read out by phone; phone entry with country and extension at enrollment. */
export const call = otpFactor({
  type: 'call',
  icon: callIcon,
  name: 'factor.call.name',
  description: 'factor.call.description',
  descriptionTo: 'factor.call.descriptionTo',
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
});
