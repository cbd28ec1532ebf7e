/** Chunk `push`: Okta Verify push (verify, enroll with a QR code, activation). */
export { push } from '../factors/push.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
