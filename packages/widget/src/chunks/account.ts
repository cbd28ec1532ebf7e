/**
 * Chunk `account`: a password that expires, expired or is forgotten, and a locked account:
 * `PASSWORD_WARN`, `PASSWORD_EXPIRED`, `PASSWORD_RESET`, forgot password, unlock account,
 * `RECOVERY`, `RECOVERY_CHALLENGE`, `LOCKED_OUT` (recovery always ends in a new password).
 */
export { passwordWarn } from '../views/password-warn.js';
export { passwordExpired } from '../views/password-expired.js';
export { passwordReset } from '../views/password-reset.js';
export { forgotPassword } from '../views/forgot-password.js';
export { unlockAccount } from '../views/unlock-account.js';
export { recovery } from '../views/recovery.js';
export { recoveryChallenge } from '../views/recovery-challenge.js';
export { lockedOut } from '../views/locked-out.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
