import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = `${ALNUM}-_`;

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

/** A 20-character Okta-style id with a 3-letter prefix (`00u` user, `sms` factor, …). */
export function oktaId(prefix: string): string {
  return prefix + randomFrom(ALNUM, 20 - prefix.length);
}

/** A stateToken: 42 URL-safe characters starting with `00`. */
export function newStateToken(): string {
  return `00${randomFrom(URLSAFE, 40)}`;
}

/** A sessionToken: 55 URL-safe characters starting with `20111`. */
export function newSessionToken(): string {
  return `20111${randomFrom(URLSAFE, 50)}`;
}

/** A recoveryToken: 20 alphanumeric characters. */
export function newRecoveryToken(): string {
  return randomFrom(ALNUM, 20);
}

/** A session id: 25 characters starting with `102`. */
export function newSessionId(): string {
  return `102${randomFrom(URLSAFE, 22)}`;
}

/** An errorId: unique per failing request, starting with `oae`. */
export function newErrorId(): string {
  return `oae${randomFrom(ALNUM, 22)}`;
}

/** A request id for `X-Okta-Request-Id`. */
export function newRequestId(): string {
  return randomFrom(URLSAFE, 27);
}

/** An opaque token for QR-code and activation links. */
export function newOpaqueToken(): string {
  return `20111${randomFrom(URLSAFE, 20)}`;
}

/** A numeric one-time code of `digits` digits. */
export function numericCode(digits = 6): string {
  let out = '';
  for (let i = 0; i < digits; i += 1) out += String(randomInt(10));
  return out;
}

/** A number-challenge answer between 10 and 99. */
export function challengeNumber(): number {
  return randomInt(10, 100);
}
