import { redisAttemptStore } from '@okta-authn/express';
import type { AttemptStore } from '@okta-authn/express';
import { RedisStore } from 'connect-redis';
import type { Store } from 'express-session';
import { createClient } from 'redis';

/** Longest wait (ms) for Redis: a command that cannot be sent, or (through the middleware's `guardSessionStore`) a session that cannot be loaded or saved, is a 503 after it. */
export const STORE_TIMEOUT_MS = 1000;

/** The session store in use, and how to close it. */
export interface SessionStoreHandle {
  /** A Redis store, or `undefined` for express-session's memory store. */
  store: Store | undefined;
  /** Sign-in attempt counters in the same Redis (shared by every instance), or `undefined` to count in memory. */
  attemptStore: AttemptStore | undefined;
  /** Closes the Redis connection (nothing for memory). */
  close(): Promise<void>;
}

/** A Redis-URL that could not be connected to; the message says which and why. */
export class RedisConnectError extends Error {
  override name = 'RedisConnectError';
}

/** Memory stores without `redisUrl`; otherwise a connected connect-redis store and attempt counters in the same Redis (rejects with `RedisConnectError` within 5 s). */
export async function createSessionStore(redisUrl: string | undefined): Promise<SessionStoreHandle> {
  if (!redisUrl) return { store: undefined, attemptStore: undefined, close: async () => undefined };
  let connected = false;
  const client = createClient({
    url: redisUrl,
    // While Redis is away, commands fail at once (and a request with them) instead of queueing for the whole outage.
    disableOfflineQueue: true,
    commandOptions: { timeout: STORE_TIMEOUT_MS },
    socket: {
      connectTimeout: 5000,
      // Once connected, keep reconnecting (sessions stay unavailable meanwhile); before that, fail fast.
      reconnectStrategy: (retries: number) => (connected ? Math.min(retries * 200, 3000) : new RedisConnectError(`Could not connect to Redis at ${redactUrl(redisUrl)}`)),
    },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    if (client.isOpen) client.destroy();
    if (error instanceof RedisConnectError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new RedisConnectError(`Could not connect to Redis at ${redactUrl(redisUrl)}: ${reason}`);
  }
  connected = true;
  return {
    store: new RedisStore({ client, prefix: 'okta-authn-demo:sess:' }),
    attemptStore: redisAttemptStore(client, { prefix: 'okta-authn-demo:attempts:', timeout: STORE_TIMEOUT_MS }),
    close: async () => {
      await client.close().catch(() => client.destroy());
    },
  };
}

/** The URL without its password, for messages. */
function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return 'REDIS_URL';
  }
}
