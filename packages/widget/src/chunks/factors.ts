/**
 * Chunk `factors`: choosing, setting up and verifying a security method (`MFA_REQUIRED`,
 * `MFA_CHALLENGE`, `MFA_ENROLL`, `MFA_ENROLL_ACTIVATE`) and every factor family but security keys:
 * SMS, voice call and email; Okta Verify push; authenticator apps, tokens and YubiKey; the security
 * question. One file: the element loads it while the person types on the sign-in form, since most
 * orgs ask for one of these next, and as one file it weighs a fifth less than as six.
 */
export { mfaRequired } from '../views/mfa-required.js';
export { mfaChallenge } from '../views/mfa-challenge.js';
export { mfaEnroll } from '../views/mfa-enroll.js';
export { mfaEnrollActivate } from '../views/mfa-enroll-activate.js';
export { sms } from '../factors/sms.js';
export { call } from '../factors/call.js';
export { email } from '../factors/email.js';
export { push } from '../factors/push.js';
export { totp } from '../factors/totp.js';
export { hotp, token } from '../factors/token.js';
export { yubikey } from '../factors/yubikey.js';
export { question } from '../factors/question.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
