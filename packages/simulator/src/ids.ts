import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = `${ALNUM}-_`;
const DIGITS = '0123456789';

// Every id, token and request id draws from one buffer of CSPRNG bytes, refilled when used up:
// one call into OpenSSL per 4 KiB instead of one per id.
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let position = 0;

function randomByte(): number {
  if (position >= pool.length) {
    pool = randomBytes(POOL_SIZE);
    position = 0;
  }
  const byte = pool[position] ?? 0;
  position += 1;
  return byte;
}

/** `length` characters drawn uniformly from `alphabet` (bytes that would bias the modulo are skipped). */
function randomFrom(alphabet: string, length: number): string {
  const unbiased = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < unbiased) out += alphabet[byte % alphabet.length];
  }
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
  return randomFrom(DIGITS, digits);
}

/** A number-challenge answer between 10 and 99. */
export function challengeNumber(): number {
  return randomInt(10, 100);
}
