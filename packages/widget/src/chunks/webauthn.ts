/** Chunk `webauthn`: security keys and biometrics (WebAuthn, and legacy U2F keys verified through it), with their own English. */
export { webauthn, u2f } from '../factors/webauthn.js';
export { enWebauthn as english } from '../i18n/en-webauthn.js';
export { stepStyles as styles } from '../styles/steps.js';
