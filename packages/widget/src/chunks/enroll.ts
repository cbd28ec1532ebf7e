/** Chunk `enroll`: the list of security methods to set up and their activation (`MFA_ENROLL`, `MFA_ENROLL_ACTIVATE`). */
export { mfaEnroll } from '../views/mfa-enroll.js';
export { mfaEnrollActivate } from '../views/mfa-enroll-activate.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
