import { Chunk, serve } from './registry.js';
import { primaryAuth } from './views/primary-auth.js';

/**
 * Where each view and factor module lives. The first step (sign-in) is part of the entry; the
 * client's chunk, fetched as soon as the form shows, brings SUCCESS and the fallbacks; every other
 * family is a chunk, `chunks/<name>.js` beside this module, loaded when a transaction needs it.
 * Each `import()` is written out so that bundlers split the same way the browser build does.
 */

/** Chunk `name`, `chunks/<name>.js` beside this module, imported by `importer`. */
function chunk<M>(name: string, importer: () => Promise<M>): Chunk<M> {
  // A variable, not a literal: bundlers must not take this for an asset to copy.
  const path = `./chunks/${name}.js`;
  return new Chunk(name, importer, new URL(path, import.meta.url).href);
}

/** The authn client, `SUCCESS` and the fallback views: not needed to show the first form, awaited by the first request. */
export const clientChunk = chunk('client', () => import('./chunks/client.js'));
const mfa = chunk('mfa', () => import('./chunks/mfa.js'));
const enroll = chunk('enroll', () => import('./chunks/enroll.js'));
const password = chunk('password', () => import('./chunks/password.js'));
const recovery = chunk('recovery', () => import('./chunks/recovery.js'));
const otp = chunk('otp', () => import('./chunks/otp.js'));
const push = chunk('push', () => import('./chunks/push.js'));
const passcode = chunk('passcode', () => import('./chunks/passcode.js'));
const question = chunk('question', () => import('./chunks/question.js'));
const webauthn = chunk('webauthn', () => import('./chunks/webauthn.js'));

serve(Chunk.of('entry', { primaryAuth }), { locals: { primary: 'primaryAuth' }, states: { UNAUTHENTICATED: 'primaryAuth' } });
serve(clientChunk, { states: { SUCCESS: 'success' }, fallbacks: { state: 'unsupportedState', factor: 'unsupported' } });
serve(mfa, { states: { MFA_REQUIRED: 'mfaRequired', MFA_CHALLENGE: 'mfaChallenge' } });
serve(enroll, { states: { MFA_ENROLL: 'mfaEnroll', MFA_ENROLL_ACTIVATE: 'mfaEnrollActivate' } });
serve(password, { states: { PASSWORD_WARN: 'passwordWarn', PASSWORD_EXPIRED: 'passwordExpired', PASSWORD_RESET: 'passwordReset' } });
serve(recovery, {
  locals: { 'forgot-password': 'forgotPassword', 'unlock-account': 'unlockAccount' },
  states: { RECOVERY: 'recovery', RECOVERY_CHALLENGE: 'recoveryChallenge', LOCKED_OUT: 'lockedOut' },
});
serve(otp, { factors: { sms: 'sms', call: 'call', email: 'email' } });
serve(push, { factors: { push: 'push' } });
serve(passcode, { factors: { 'token:software:totp': 'totp', token: 'token', 'token:hotp': 'hotp', 'token:hardware': 'yubikey' } });
serve(question, { factors: { question: 'question' } });
serve(webauthn, { factors: { webauthn: 'webauthn', u2f: 'u2f' } });

/** Chunks worth loading while the person types on the sign-in form: what most orgs ask next. */
export const LIKELY_AFTER_SIGN_IN: readonly Chunk[] = [mfa, otp, push, passcode, question];

/** Chunks a recovery token leads to: the recovery question, then a new password. */
export const LIKELY_AFTER_RECOVERY_TOKEN: readonly Chunk[] = [recovery, password];
