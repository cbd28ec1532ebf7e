import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startDemo } from '../src/server.js';
import type { RunningDemo } from '../src/server.js';
import { signIn } from './sign-in.js';
// The middleware's redis-server and raw HTTP helpers (test helpers are not package exports).
import { startRedis } from '../../../packages/express/test/helpers/redis.js';
import type { RedisServer } from '../../../packages/express/test/helpers/redis.js';
import { Visitor, send } from '../../../packages/express/test/helpers/raw-http.js';

// REDIS_URL with a real redis-server that is killed, frozen and restarted while the demo runs.
let redis: RedisServer;
let demo: RunningDemo;

beforeAll(async () => {
  redis = await startRedis();
  demo = await startDemo({ port: 0, simPort: 0, checkInterval: 0, redisUrl: redis.url });
});
afterAll(async () => {
  await demo?.close();
  await redis?.stop();
});

/** Waits until sessions work again: a new visitor's CSRF token is stored (the Redis client reconnects by itself). */
async function recovered(): Promise<void> {
  await vi.waitFor(async () => expect((await send(demo.url, { path: '/auth/csrf', headers: { accept: 'application/json' } })).status).toBe(200), {
    timeout: 30_000,
    interval: 100,
  });
}

describe('REDIS_URL', () => {
  test('sign-in attempts are counted in Redis, where every instance of the demo shares them', async () => {
    const visitor = new Visitor(demo.url);
    await signIn(demo, visitor);
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys('okta-authn-demo:attempts:*');
      expect(keys.some((key) => key.startsWith('okta-authn-demo:attempts:client:'))).toBe(true);
      expect(keys.some((key) => key.startsWith('okta-authn-demo:attempts:session:'))).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describe('REDIS_URL while Redis goes away', () => {
  test('with Redis killed, pages and API calls are a clear 503 at once, and the site recovers by itself when Redis is back', async () => {
    const visitor = new Visitor(demo.url);
    await signIn(demo, visitor);
    expect((await visitor.send({ path: '/app', headers: { accept: 'text/html' } })).status).toBe(200);

    await redis.kill();
    // Answered while Redis is still down: nothing waits for the outage.
    await vi.waitFor(async () => expect((await visitor.send({ path: '/app', headers: { accept: 'text/html' } })).status).toBe(503), { timeout: 30_000, interval: 50 });
    const page = await visitor.send({ path: '/app', headers: { accept: 'text/html' } });
    expect(page.headers['retry-after']).toBe('5');
    expect(page.text).toContain('Sessions are unavailable right now');
    const api = await visitor.send({ path: '/auth/session', headers: { accept: 'application/json' } });
    expect(api.status).toBe(503);
    expect(api.json).toMatchObject({ errorCode: 'ESESSIONSTORE' });
    expect(api.headers['retry-after']).toBe('5');

    await redis.restart();
    await recovered();
    // The restarted Redis is empty: the old session is gone, and signing in again works.
    expect((await visitor.send({ path: '/app', headers: { accept: 'text/html' } })).status).toBe(302);
    const again = new Visitor(demo.url);
    await signIn(demo, again);
    expect((await again.send({ path: '/app', headers: { accept: 'text/html' } })).status).toBe(200);
  });

  test('with Redis frozen (connections open, no answers), requests are a 503 after about a second, then work again', async () => {
    const visitor = new Visitor(demo.url);
    await signIn(demo, visitor);
    redis.pause();
    try {
      const api = await visitor.send({ path: '/auth/session', headers: { accept: 'application/json' } });
      expect(api.status).toBe(503);
      expect(api.json).toMatchObject({ errorCode: 'ESESSIONSTORE' });
    } finally {
      redis.resume();
    }
    await recovered();
    expect((await visitor.send({ path: '/app', headers: { accept: 'text/html' } })).status).toBe(200);
  });
});
