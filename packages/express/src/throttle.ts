/** What a counter store answers for one attempt: how many attempts its window holds now, and when it resets. */
export interface AttemptCount {
  /** Attempts in the key's current window, this one included. */
  count: number;
  /** Milliseconds until the key's window resets. */
  resetInMs: number;
}

/**
 * Where sign-in attempts are counted (the `attemptStore` option). Each key has a fixed window that starts
 * at its first attempt. The default counts in this process's memory; {@link redisAttemptStore} shares the
 * counts between every instance that uses the same Redis. A store that cannot count must reject (and
 * should do so within about a second): the attempt is then refused, never let through uncounted.
 */
export interface AttemptStore {
  /** Counts one attempt for `key` in a window of `windowMs`. */
  hit(key: string, windowMs: number): Promise<AttemptCount>;
}

const MAX_KEYS = 10_000;

/** Counts in memory, per process; bounded, so a flood of keys cannot grow it without end. */
export function memoryAttemptStore(now: () => number): AttemptStore {
  const windows = new Map<string, { start: number; windowMs: number; count: number }>();
  const expired = (entry: { start: number; windowMs: number }, at: number) => at - entry.start >= entry.windowMs || at < entry.start;
  const sweep = (at: number) => {
    for (const [key, entry] of windows) if (expired(entry, at)) windows.delete(key);
    // Still full: forget the oldest windows (insertion order) rather than grow.
    for (const key of windows.keys()) {
      if (windows.size < MAX_KEYS) break;
      windows.delete(key);
    }
  };
  return {
    hit(key, windowMs) {
      const at = now();
      let entry = windows.get(key);
      if (!entry || expired(entry, at)) {
        windows.delete(key);
        if (windows.size >= MAX_KEYS) sweep(at);
        entry = { start: at, windowMs, count: 0 };
        windows.set(key, entry);
      }
      entry.count += 1;
      return Promise.resolve({ count: entry.count, resetInMs: entry.start + windowMs - at });
    },
  };
}

/**
 * The part of a node-redis (v4/v5) client that {@link redisAttemptStore} uses: `EVAL` with keys and arguments.
 * The session store's client will do, e.g. the one given to connect-redis.
 */
export interface RedisEvalClient {
  /** Runs a Lua script. */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Options of {@link redisAttemptStore}. */
export interface RedisAttemptStoreOptions {
  /** Prefix of the counter keys. Default `okta-authn:attempts:`. */
  prefix?: string;
  /** Longest wait (ms) for Redis before the attempt is refused. Default 1000. */
  timeout?: number;
}

// One round trip, atomic: count the attempt, start the window on the first one, answer count and time left.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/**
 * Counts sign-in attempts in Redis, so that every instance of the app shares one count per app session and
 * per client address. Windows run on Redis's clock. Rejects when Redis fails or does not answer within `timeout`.
 */
export function redisAttemptStore(client: RedisEvalClient, options: RedisAttemptStoreOptions = {}): AttemptStore {
  if (typeof client?.eval !== 'function') throw new TypeError('redisAttemptStore(): pass a connected node-redis client (createClient() from "redis")');
  const prefix = options.prefix ?? 'okta-authn:attempts:';
  const timeout = options.timeout ?? 1_000;
  if (typeof prefix !== 'string') throw new TypeError('redisAttemptStore(): option "prefix" must be a string');
  if (!Number.isInteger(timeout) || timeout <= 0) throw new TypeError('redisAttemptStore(): option "timeout" must be a whole number of milliseconds, more than 0');
  return {
    async hit(key, windowMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeout} ms`)), timeout);
      });
      try {
        const reply = await Promise.race([client.eval(HIT_SCRIPT, { keys: [`${prefix}${key}`], arguments: [String(windowMs)] }), late]);
        const [count, ttl] = Array.isArray(reply) ? reply.map(Number) : [];
        if (count === undefined || ttl === undefined || !Number.isFinite(count) || !Number.isFinite(ttl)) throw new Error('Redis answered the counter script unexpectedly');
        return { count, resetInMs: ttl };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
