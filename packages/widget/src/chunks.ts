import { Chunk, serveFactors, serveFallbacks, serveLocal, serveStates } from './registry.js';
import { primaryAuth } from './views/primary-auth.js';

/**
 * Where each view and factor module lives. The first step (sign-in) is part of the entry; the
 * client's chunk, fetched as soon as the form shows, brings SUCCESS and the fallbacks; every other
 * family is a chunk, `chunks/<name>.js` beside this module, loaded when a transaction needs it.
 * Each `import()` is written out so that bundlers split the same way the browser build does.
 */

/** The URL of chunk `name` beside this module, for importing it again after a failure. */
function chunkUrl(name: string): string {
  // A variable, not a literal: bundlers must not take this for an asset to copy.
  const path = `./chunks/${name}.js`;
  return new URL(path, import.meta.url).href;
}

const entry = Chunk.of('entry', { primaryAuth });
/** The authn client, `SUCCESS` and the fallback views: not needed to show the first form, awaited by the first request. */
export const clientChunk = new Chunk('client', () => import('./chunks/client.js'), chunkUrl('client'));
const mfa = new Chunk('mfa', () => import('./chunks/mfa.js'), chunkUrl('mfa'));
const enroll = new Chunk('enroll', () => import('./chunks/enroll.js'), chunkUrl('enroll'));
const password = new Chunk('password', () => import('./chunks/password.js'), chunkUrl('password'));
const recovery = new Chunk('recovery', () => import('./chunks/recovery.js'), chunkUrl('recovery'));
const otp = new Chunk('otp', () => import('./chunks/otp.js'), chunkUrl('otp'));
const push = new Chunk('push', () => import('./chunks/push.js'), chunkUrl('push'));
const passcode = new Chunk('passcode', () => import('./chunks/passcode.js'), chunkUrl('passcode'));
const question = new Chunk('question', () => import('./chunks/question.js'), chunkUrl('question'));
const webauthn = new Chunk('webauthn', () => import('./chunks/webauthn.js'), chunkUrl('webauthn'));

serveLocal('primary', entry, (m) => m.primaryAuth);
serveStates(['UNAUTHENTICATED'], entry, (m) => m.primaryAuth);
serveStates(['SUCCESS'], clientChunk, (m) => m.success);
serveFallbacks(clientChunk, (m) => m.unsupportedState, (m) => m.unsupported);

serveStates(['MFA_REQUIRED'], mfa, (m) => m.mfaRequired);
serveStates(['MFA_CHALLENGE'], mfa, (m) => m.mfaChallenge);
serveStates(['MFA_ENROLL'], enroll, (m) => m.mfaEnroll);
serveStates(['MFA_ENROLL_ACTIVATE'], enroll, (m) => m.mfaEnrollActivate);
serveStates(['PASSWORD_WARN'], password, (m) => m.passwordWarn);
serveStates(['PASSWORD_EXPIRED'], password, (m) => m.passwordExpired);
serveStates(['PASSWORD_RESET'], password, (m) => m.passwordReset);
serveLocal('forgot-password', recovery, (m) => m.forgotPassword);
serveLocal('unlock-account', recovery, (m) => m.unlockAccount);
serveStates(['RECOVERY'], recovery, (m) => m.recovery);
serveStates(['RECOVERY_CHALLENGE'], recovery, (m) => m.recoveryChallenge);
serveStates(['LOCKED_OUT'], recovery, (m) => m.lockedOut);

serveFactors(['sms'], otp, (m) => m.sms);
serveFactors(['call'], otp, (m) => m.call);
serveFactors(['email'], otp, (m) => m.email);
serveFactors(['push'], push, (m) => m.push);
serveFactors(['token:software:totp'], passcode, (m) => m.totp);
serveFactors(['token'], passcode, (m) => m.token);
serveFactors(['token:hotp'], passcode, (m) => m.hotp);
serveFactors(['token:hardware'], passcode, (m) => m.yubikey);
serveFactors(['question'], question, (m) => m.question);
serveFactors(['webauthn'], webauthn, (m) => m.webauthn);
serveFactors(['u2f'], webauthn, (m) => m.u2f);

/** Chunks worth loading while the person types on the sign-in form: what most orgs ask next. */
export const LIKELY_AFTER_SIGN_IN: readonly string[] = ['mfa', 'otp', 'push', 'passcode', 'question'];

/** Chunks a recovery token leads to: the recovery question, then a new password. */
export const LIKELY_AFTER_RECOVERY_TOKEN: readonly string[] = ['recovery', 'password'];
