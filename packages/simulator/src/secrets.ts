import { createHmac, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/** The default hash cost (`hashCost` option): scrypt N=2^4, about 0.1 ms a check. */
export const DEFAULT_HASH_COST = 4;
/** Lowest and highest accepted hash cost (log2 of scrypt's N; 17 takes 128 MiB a hash). */
export const HASH_COST_RANGE = { min: 1, max: 17 } as const;

// Up to this cost a hash takes under a millisecond and runs inline; above it, on libuv's thread
// pool, so a realistic cost does not stall every other request while it runs.
const INLINE_MAX_COST = 8;
const BLOCK_SIZE = 8;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scryptParams(cost: number) {
  const N = 2 ** cost;
  return { N, r: BLOCK_SIZE, p: 1, maxmem: 256 * BLOCK_SIZE * N + 1024 * 1024 };
}

function derive(secret: string, salt: Buffer, cost: number): Promise<Buffer> {
  const params = scryptParams(cost);
  if (cost <= INLINE_MAX_COST) return Promise.resolve(scryptSync(secret, salt, KEY_LENGTH, params));
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, params, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Hashes and checks secrets (passwords, recovery answers) with scrypt at one cost:
 * `scrypt$<cost>$<salt>$<key>`. A hash carries its cost, so hashes of any cost verify.
 */
export class SecretHasher {
  private readonly dummyHash: string;

  constructor(
    /** log2 of scrypt's N for new hashes. */
    readonly cost: number = DEFAULT_HASH_COST,
  ) {
    if (!Number.isInteger(cost) || cost < HASH_COST_RANGE.min || cost > HASH_COST_RANGE.max) {
      throw new RangeError(`hash cost must be a whole number from ${HASH_COST_RANGE.min} to ${HASH_COST_RANGE.max}`);
    }
    this.dummyHash = `scrypt$${cost}$${Buffer.alloc(SALT_LENGTH).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;
  }

  /** Hashes a secret with a random salt. */
  async hash(secret: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(secret, salt, this.cost);
    return `scrypt$${this.cost}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** True when `secret` matches `hash`; a missing hash takes as long as a wrong secret (no user enumeration by timing). */
  async verify(secret: string, hash: string | null | undefined): Promise<boolean> {
    const [scheme, costText, saltText, keyText] = (hash ?? this.dummyHash).split('$');
    const cost = Number(costText);
    if (scheme !== 'scrypt' || saltText === undefined || keyText === undefined) return false;
    if (!Number.isInteger(cost) || cost < HASH_COST_RANGE.min || cost > HASH_COST_RANGE.max) return false;
    const expected = Buffer.from(keyText, 'base64url');
    const actual = await derive(secret, Buffer.from(saltText, 'base64url'), cost);
    return hash !== null && hash !== undefined && expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

/**
 * A {@link SecretHasher} that runs scrypt once per distinct secret and hands the same hash (and
 * salt) to everyone who shares it: for loading a seed, where thousands of users often share one
 * password. Keep it only as long as the load: it holds the secrets it has seen.
 */
export class SharingHasher extends SecretHasher {
  private readonly hashes = new Map<string, Promise<string>>();

  /** The hash of `secret`: computed on first use, shared afterwards. */
  override hash(secret: string): Promise<string> {
    let hash = this.hashes.get(secret);
    if (hash === undefined) {
      hash = super.hash(secret);
      this.hashes.set(secret, hash);
    }
    return hash;
  }
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
