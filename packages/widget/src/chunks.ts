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
const factors = chunk('factors', () => import('./chunks/factors.js'));
const account = chunk('account', () => import('./chunks/account.js'));
const webauthn = chunk('webauthn', () => import('./chunks/webauthn.js'));

serve(Chunk.of('entry', { primaryAuth }), { locals: { primary: 'primaryAuth' }, states: { UNAUTHENTICATED: 'primaryAuth' } });
serve(clientChunk, { states: { SUCCESS: 'success' }, fallbacks: { state: 'unsupportedState', factor: 'unsupported' } });
serve(factors, {
  states: { MFA_REQUIRED: 'mfaRequired', MFA_CHALLENGE: 'mfaChallenge', MFA_ENROLL: 'mfaEnroll', MFA_ENROLL_ACTIVATE: 'mfaEnrollActivate' },
  factors: { sms: 'sms', call: 'call', email: 'email', push: 'push', 'token:software:totp': 'totp', token: 'token', 'token:hotp': 'hotp', 'token:hardware': 'yubikey', question: 'question' },
});
serve(account, {
  locals: { 'forgot-password': 'forgotPassword', 'unlock-account': 'unlockAccount' },
  states: { PASSWORD_WARN: 'passwordWarn', PASSWORD_EXPIRED: 'passwordExpired', PASSWORD_RESET: 'passwordReset', RECOVERY: 'recovery', RECOVERY_CHALLENGE: 'recoveryChallenge', LOCKED_OUT: 'lockedOut' },
});
serve(webauthn, { factors: { webauthn: 'webauthn', u2f: 'u2f' } });

/** Chunks worth loading while the person types on the sign-in form: what most orgs ask next. */
export const LIKELY_AFTER_SIGN_IN: readonly Chunk[] = [factors];

/** Chunks a recovery token leads to: the recovery question, then a new password. */
export const LIKELY_AFTER_RECOVERY_TOKEN: readonly Chunk[] = [account];
