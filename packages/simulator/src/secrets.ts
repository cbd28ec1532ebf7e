import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// N=2^14, r=8, p=1: the cost OWASP lists for scrypt; the simulator is a development tool, but a
// leaked seed store should still not hand out passwords.
const SCRYPT = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a secret (password, answer) with scrypt and a random salt: `scrypt$<salt>$<hash>`. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** True when `secret` matches `hash`; takes the same time for a missing hash (no user enumeration by timing). */
export async function verifySecret(secret: string, hash: string | null | undefined): Promise<boolean> {
  const [scheme, saltText, keyText] = (hash ?? DUMMY_HASH).split('$');
  if (scheme !== 'scrypt' || saltText === undefined || keyText === undefined) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(saltText, 'base64url'));
  return hash !== null && hash !== undefined && expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Constant-time string comparison (codes, tokens). */
export function safeEqual(a: string, b: string): boolean {
  const left = createHmac('sha256', 'okta-authn-sim').update(a).digest();
  const right = createHmac('sha256', 'okta-authn-sim').update(b).digest();
  return timingSafeEqual(left, right);
}

/** Normalises an answer before hashing: answers are compared case-insensitively. */
export function normalizeAnswer(answer: string): string {
  return answer.trim().toLowerCase();
}
