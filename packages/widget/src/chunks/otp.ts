/** Chunk `otp`: factors that send a code (SMS, voice call, email). */
export { sms } from '../factors/sms.js';
export { call } from '../factors/call.js';
export { email } from '../factors/email.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
