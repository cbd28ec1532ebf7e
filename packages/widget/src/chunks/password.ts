/** Chunk `password`: an expiring, expired or forgotten password is changed (`PASSWORD_WARN`, `PASSWORD_EXPIRED`, `PASSWORD_RESET`). */
export { passwordWarn } from '../views/password-warn.js';
export { passwordExpired } from '../views/password-expired.js';
export { passwordReset } from '../views/password-reset.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
