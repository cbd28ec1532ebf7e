import { svg } from 'lit';
import { icon } from './icons.js';

/**
 * The icon of each family of security methods, in the frame of `src/icons.ts` (the one icon set).
 * A module of its own because only the factor chunks import it: the entry, which imports
 * `src/icons.ts`, does not carry them. The lists' own icons are in `src/factor-list-icons.ts`.
 */

/** A speech bubble: a code by text message. */
export const smsIcon = icon(svg`<path d="M4 4h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-10l-5 4v-4h-1a1 1 0 0 1-1-1v-10a1 1 0 0 1 1-1Z" /><path d="M8 10h.01M12 10h.01M16 10h.01" />`);

/** A telephone handset: a code read out in a call. */
export const callIcon = icon(svg`<path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6l1.5-2.5 5 2v4a2 2 0 0 1-2 2 16 16 0 0 1-16-16 2 2 0 0 1 2-2Z" />`);

/** An envelope: a code by email. */
export const emailIcon = icon(svg`<rect x="3" y="5" width="18" height="14" rx="2" /><path d="M3 7l9 6 9-6" />`);

/** A phone with a check mark: Okta Verify (its push and its codes). */
export const oktaVerifyIcon = icon(svg`<rect x="6" y="2" width="12" height="20" rx="2" /><path d="M9 12l2 2 4-4" />`);

/** A stopwatch: a code that changes every few seconds in an authenticator app. */
export const authenticatorIcon = icon(svg`<circle cx="12" cy="13" r="8" /><path d="M12 9v4l2.5 2.5M10 2h4" />`);

/** A key fob with a button: a hardware token or a YubiKey. */
export const tokenIcon = icon(svg`<rect x="7" y="9" width="10" height="13" rx="2" /><path d="M9 9v-6h6v6M11 5.5h.01M13 5.5h.01" /><circle cx="12" cy="15.5" r="2" />`);

/** A circled question mark: a security question. */
export const questionIcon = icon(svg`<circle cx="12" cy="12" r="9" /><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17.5v.01" />`);

/** Fingerprint ridges: a security key or the device's biometrics (WebAuthn, U2F). */
export const biometricIcon = icon(svg`<path d="M6 10a6 6 0 0 1 12 0v2M9 20c1-2 1.5-4.5 1.5-8a1.5 1.5 0 0 1 3 0c0 3.5-.5 6-1.5 8.5M6 14c0 2-.5 3.5-1 4.5M18 15c0 1.5-.3 3-.8 4.5" />`);
