import { smsIcon } from '../factor-icons.js';
import { otpFactor } from './otp.js';

/** SMS (`sms`, OKTA): a code by text message; phone entry with country at enrollment. */
export const sms = otpFactor({
  type: 'sms',
  icon: smsIcon,
  name: 'factor.sms.name',
  description: 'factor.sms.description',
  // Okta sends the number masked (+1 XXX-XXX-4242): it tells several phones apart.
  descriptionTo: 'factor.sms.descriptionTo',
  title: 'factor.sms.verifyTitle',
  sendIntro: 'factor.sms.sendIntro',
  send: 'factor.sms.send',
  challengeIntro: 'factor.sms.challengeIntro',
  help: 'factor.sms.help',
  enrollTitle: 'factor.sms.enrollTitle',
  enrollIntro: 'factor.sms.enrollIntro',
  activateTitle: 'factor.sms.activateTitle',
  phone: true,
});
