/** Chunk `recovery`: forgot password, unlock account and their steps (`RECOVERY`, `RECOVERY_CHALLENGE`, `LOCKED_OUT`). */
export { forgotPassword } from '../views/forgot-password.js';
export { unlockAccount } from '../views/unlock-account.js';
export { recovery } from '../views/recovery.js';
export { recoveryChallenge } from '../views/recovery-challenge.js';
export { lockedOut } from '../views/locked-out.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
