/** Chunk `mfa`: choosing and verifying a factor (`MFA_REQUIRED`, `MFA_CHALLENGE`); each factor's own views come in its family's chunk. */
export { mfaRequired } from '../views/mfa-required.js';
export { mfaChallenge } from '../views/mfa-challenge.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
