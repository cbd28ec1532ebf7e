import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { TransactionBody, TransactionBodyOf } from '@okta-authn/core';
import type { SimContext } from '../context.js';
import { MINUTE, iso } from '../clock.js';
import { oktaErrors } from '../errors.js';
import { parseBody, readCookie } from '../http.js';
import { newSessionToken, newStateToken } from '../ids.js';
import { passwordExpiresAt, warnDaysLeft } from '../policy.js';
import type { TransactionRecord, UserRecord } from '../store.js';
import { unmetRequirements } from './enrollment.js';
import { authnUser, renderTransaction } from './render.js';
import { cancelLink, link } from './links.js';

/** Sliding lifetime of a stateToken after each request (seed timestamps: ~5 minutes). */
export const STATE_TOKEN_LIFETIME_MS = 5 * MINUTE;
/** Lifetime of a sessionToken. */
export const SESSION_TOKEN_LIFETIME_MS = 5 * MINUTE;

/** Starts a transaction with a fresh stateToken. */
export function createTransaction(ctx: SimContext, init: Partial<TransactionRecord>): TransactionRecord {
  const tx: TransactionRecord = {
    stateToken: newStateToken(),
    expiresAt: ctx.clock.now() + STATE_TOKEN_LIFETIME_MS,
    status: 'MFA_REQUIRED',
    userId: null,
    relayState: null,
    multiOptionalFactorEnroll: false,
    warnBeforePasswordExpired: false,
    deviceKey: null,
    recoveryType: null,
    recoveryFactorType: null,
    recoveryCode: null,
    decoy: false,
    recoveryUsername: null,
    failedAttempts: 0,
    factorId: null,
    factorResult: null,
    pushChallengeId: null,
    flags: { mfaSatisfied: false, enrollDone: false, warnHandled: false },
    passwordVerifiedAt: null,
    factorVerifiedAt: null,
    amr: new Set(),
    stepUp: null,
    passwordless: false,
    ...init,
  };
  ctx.store.putTransaction(tx);
  return tx;
}

/** The live transaction of a stateToken, with its lifetime extended; 401 E0000011 when unknown or expired. */
export function loadTransaction(ctx: SimContext, stateToken: string | undefined): TransactionRecord {
  const tx = stateToken === undefined ? undefined : ctx.store.transactions.get(stateToken);
  if (!tx) throw oktaErrors.invalidToken();
  if (ctx.clock.now() >= tx.expiresAt) {
    ctx.store.dropTransaction(tx.stateToken);
    throw oktaErrors.invalidToken();
  }
  tx.expiresAt = ctx.clock.now() + STATE_TOKEN_LIFETIME_MS;
  return tx;
}

/** Requires the transaction to be in one of `statuses`; 403 E0000079 otherwise. */
export function requireStatus(tx: TransactionRecord, ...statuses: TransactionRecord['status'][]): void {
  if (!statuses.includes(tx.status)) throw oktaErrors.illegalState();
}

/**
 * The usual start of a move: validates the body (400 E0000001 naming `what`), loads the transaction
 * of its stateToken (401 E0000011), requires one of `statuses` (403 E0000079) and finds its user.
 */
export function openTransaction<T extends z.ZodType<{ stateToken: string }>>(
  ctx: SimContext,
  req: Request,
  schema: T,
  what: string,
  ...statuses: TransactionRecord['status'][]
): { body: z.output<T>; tx: TransactionRecord; user: UserRecord } {
  const body = parseBody(schema, req, what);
  const tx = loadTransaction(ctx, body.stateToken);
  requireStatus(tx, ...statuses);
  return { body, tx, user: userOf(ctx, tx) };
}

/** Replaces the stateToken (the old one stops working), as Okta does between phases. */
export function rotate(ctx: SimContext, tx: TransactionRecord): void {
  ctx.store.dropTransaction(tx.stateToken);
  tx.stateToken = newStateToken();
  ctx.store.putTransaction(tx);
}

/** Ends a transaction; its stateToken is revoked. */
export function endTransaction(ctx: SimContext, tx: TransactionRecord): void {
  if (ctx.store.transactions.get(tx.stateToken) === tx) ctx.store.dropTransaction(tx.stateToken);
}

/** The user of a transaction. */
export function userOf(ctx: SimContext, tx: TransactionRecord): UserRecord {
  const user = tx.userId === null ? undefined : ctx.store.users.get(tx.userId);
  if (!user) throw oktaErrors.invalidToken();
  return user;
}

/** Unlocks a user whose auto-unlock period has passed. */
export function refreshLock(ctx: SimContext, user: UserRecord): void {
  if (user.status !== 'LOCKED_OUT' || user.lockedAt === null) return;
  const minutes = ctx.store.passwordPolicyOf(user).lockout.autoUnlockMinutes;
  if (minutes > 0 && ctx.clock.now() >= user.lockedAt + minutes * MINUTE) unlockUser(ctx, user);
}

/** Locks a user out. */
export function lockUser(ctx: SimContext, user: UserRecord): void {
  const now = ctx.clock.now();
  user.status = 'LOCKED_OUT';
  user.lockedAt = now;
  user.statusChanged = now;
  user.lastUpdated = now;
}

/** Unlocks a user and clears the failure counters. */
export function unlockUser(ctx: SimContext, user: UserRecord): void {
  const now = ctx.clock.now();
  if (user.status === 'LOCKED_OUT') {
    user.status = user.passwordExpired ? 'PASSWORD_EXPIRED' : 'ACTIVE';
    user.statusChanged = now;
  }
  user.lockedAt = null;
  user.failedPasswordAttempts = 0;
  user.failedFactorAttempts = 0;
  user.lastUpdated = now;
}

/** 403 E0000069 when a user is locked (MFA steps refuse to go on). */
export function assertNotLocked(ctx: SimContext, user: UserRecord): void {
  refreshLock(ctx, user);
  if (user.status === 'LOCKED_OUT') throw oktaErrors.userLocked();
}

/** Counts a wrong code/answer toward lockout; the attempt that reaches the limit locks (403 E0000069). */
export function recordFactorFailure(ctx: SimContext, user: UserRecord): void {
  user.failedFactorAttempts += 1;
  const max = ctx.store.passwordPolicyOf(user).lockout.maxFactorAttempts;
  if (max > 0 && user.failedFactorAttempts >= max) {
    lockUser(ctx, user);
    throw oktaErrors.userLocked();
  }
}

/** True while a passwordless transaction has not verified its first factor: the user is not authenticated yet. */
export function awaitingFirstFactor(tx: TransactionRecord): boolean {
  return tx.passwordless && !tx.flags.mfaSatisfied;
}

/** True when the user's password must be changed before signing in. */
export function isPasswordExpired(ctx: SimContext, user: UserRecord): boolean {
  if (user.passwordExpired || user.status === 'PASSWORD_EXPIRED') return true;
  const expiresAt = passwordExpiresAt(ctx.store.passwordPolicyOf(user), user.passwordChanged ?? ctx.clock.now());
  return expiresAt !== undefined && ctx.clock.now() >= expiresAt;
}

/** True when this device is remembered for the user and the memory has not expired. */
export function deviceRemembered(ctx: SimContext, user: UserRecord, tx: TransactionRecord): boolean {
  if (tx.deviceKey === null || !user.policy.allowRememberDevice) return false;
  const until = user.rememberedDevices.get(tx.deviceKey);
  return until !== undefined && ctx.clock.now() < until;
}

/**
 * Which device is signing in: `context.deviceToken` from a trusted caller, else the `DT`
 * browser cookie (set here when missing).
 */
export function deviceKeyFor(req: Request, res: Response, deviceToken: string | undefined, trusted: boolean): string {
  if (trusted && deviceToken !== undefined) return `token:${deviceToken}`;
  let cookie = readCookie(req, 'DT');
  if (cookie === undefined) {
    cookie = newStateToken().slice(2, 34);
    res.append('Set-Cookie', `DT=${cookie}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`);
  }
  return `cookie:${cookie}`;
}

/** Issues the sessionToken and ends the transaction: the `SUCCESS` body. */
export function succeed(ctx: SimContext, tx: TransactionRecord, user: UserRecord): TransactionBodyOf<'SUCCESS'> {
  const now = ctx.clock.now();
  const sessionToken = newSessionToken();
  const expiresAt = now + SESSION_TOKEN_LIFETIME_MS;
  const amr = [...tx.amr];
  if (tx.factorVerifiedAt !== null && !amr.includes('mfa')) amr.push('mfa');
  ctx.store.sessionTokens.set(sessionToken, {
    userId: user.id,
    expiresAt,
    used: false,
    passwordVerifiedAt: tx.passwordVerifiedAt,
    factorVerifiedAt: tx.factorVerifiedAt,
    amr,
  });
  user.lastLogin = now;
  endTransaction(ctx, tx);
  return {
    expiresAt: iso(expiresAt),
    status: 'SUCCESS',
    ...(tx.relayState !== null ? { relayState: tx.relayState } : {}),
    sessionToken,
    _embedded: { user: authnUser(user) },
  };
}

/**
 * Moves a transaction to whatever its user still owes after a completed step: MFA with an
 * enrolled factor, an expired password, MFA enrollment (MFA required without a factor, or a
 * required factor type missing), the expiry warning — or `SUCCESS`. A passwordless sign-in
 * used no password: it owes no password change.
 */
export function advance(ctx: SimContext, origin: string, tx: TransactionRecord, user: UserRecord): TransactionBody {
  tx.factorId = null;
  tx.factorResult = null;
  tx.pushChallengeId = null;
  if (!tx.flags.mfaSatisfied && user.policy.mfa === 'required' && deviceRemembered(ctx, user, tx)) {
    tx.flags.mfaSatisfied = true;
  }
  const mfaOwed = !tx.flags.mfaSatisfied && user.policy.mfa === 'required';
  // Only an enrolled factor comes before an expired password (§2.0 "password expired, no MFA enrolled").
  if (mfaOwed && ctx.store.activeFactorsOf(user.id).length > 0) {
    tx.status = 'MFA_REQUIRED';
    return renderTransaction(ctx, origin, tx);
  }
  if (!tx.passwordless && isPasswordExpired(ctx, user)) {
    tx.status = 'PASSWORD_EXPIRED';
    return renderTransaction(ctx, origin, tx);
  }
  if (mfaOwed) {
    tx.status = 'MFA_ENROLL';
    return renderTransaction(ctx, origin, tx);
  }
  if (!tx.flags.enrollDone && unmetRequirements(ctx, user).length > 0) {
    tx.status = 'MFA_ENROLL';
    return renderTransaction(ctx, origin, tx);
  }
  if (
    !tx.passwordless &&
    tx.warnBeforePasswordExpired &&
    !tx.flags.warnHandled &&
    warnDaysLeft(ctx.store.passwordPolicyOf(user), user.passwordChanged ?? ctx.clock.now(), ctx.clock.now()) !== undefined
  ) {
    tx.status = 'PASSWORD_WARN';
    return renderTransaction(ctx, origin, tx);
  }
  if (tx.stepUp !== null) {
    // Step-up SUCCESS keeps the transaction: its `original` link finishes SSO into the app.
    tx.status = 'SUCCESS';
    user.lastLogin = ctx.clock.now();
    return renderTransaction(ctx, origin, tx);
  }
  return succeed(ctx, tx, user);
}

/** The `LOCKED_OUT` body (no stateToken); `unlock` only when self-service unlock is on. */
export function lockedOutBody(ctx: SimContext, origin: string, user: UserRecord): TransactionBodyOf<'LOCKED_OUT'> {
  const links: Record<string, ReturnType<typeof link>> = {};
  if (ctx.store.passwordPolicyOf(user).recovery.selfServiceUnlock) {
    links.next = link(`${origin}/api/v1/authn/recovery/unlock`, { name: 'unlock' });
  }
  links.cancel = cancelLink(origin);
  return { status: 'LOCKED_OUT', _embedded: {}, _links: links };
}
