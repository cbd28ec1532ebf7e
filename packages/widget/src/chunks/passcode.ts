/** Chunk `passcode`: factors whose device shows a code (authenticator apps, hardware and RSA / Symantec tokens, YubiKey). */
export { totp } from '../factors/totp.js';
export { hotp, token } from '../factors/token.js';
export { yubikey } from '../factors/yubikey.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
