/** English messages of the factor views (src/factors/): labels, verify, enroll and activate steps. */
export const enFactors = {
  'factor.unsupportedTitle': 'This security method is not supported',
  'factor.unsupportedIntro': 'Your {name} cannot be used here. Choose another security method.',
  'factor.unsupportedOnly': 'Your {name} cannot be used here, and you have no other security method. Contact your administrator.',
  'factor.generic': 'Security method ({type})',
  'factor.sms.name': 'SMS',
  'factor.sms.label': 'Text message to {phone}',
  'factor.sms.verifyTitle': 'Verify with a text message',
  'factor.sms.sendIntro': 'We will send a code to {phone}.',
  'factor.sms.send': 'Send code',
  'factor.sms.challengeIntro': 'We sent a code to {phone}. Enter it below.',
  'factor.sms.help': 'Text messages can take a minute to arrive. Check that {phone} is your phone number, send a new code, or choose another security method.',
} as const;
