import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildApp, signIn } from './helpers/app.js';
import type { TestApp } from './helpers/app.js';
import { startRedis } from './helpers/redis.js';
import type { RedisServer } from './helpers/redis.js';
import { startOrg } from './helpers/simulator.js';
import type { TestOrg } from './helpers/simulator.js';

// The README's Redis recipe, against a real redis-server that is killed, frozen and restarted mid-test.
let redis: RedisServer;
let org: TestOrg;
let client: ReturnType<typeof createClient>;
let site: TestApp;

beforeAll(async () => {
  [redis, org] = await Promise.all([startRedis(), startOrg()]);
  client = createClient({
    url: redis.url,
    disableOfflineQueue: true,
    commandOptions: { timeout: 1000 },
    socket: { reconnectStrategy: (retries: number) => Math.min(retries * 100, 1000) },
  });
  client.on('error', () => undefined);
  await client.connect();
  site = buildApp({ orgUrl: org.url, checkInterval: 0, retryAfter: 3 }, { store: new RedisStore({ client, prefix: 'okta-authn-outage:' }) });
});

afterAll(async () => {
  await site?.close();
  client?.destroy();
  await Promise.all([redis?.stop(), org?.close()]);
});

/** Polls until the app's sessions work again (a new visitor's CSRF token is stored): the client reconnects on its own. */
async function recovered(): Promise<void> {
  await vi.waitFor(async () => expect((await request(site.app).get('/auth/csrf')).status).toBe(200), { timeout: 30_000, interval: 100 });
}

describe('Redis going away', () => {
  test('while Redis is dead every request is a 503 ESESSIONSTORE with Retry-After, and the site recovers by itself when it is back', async () => {
    const agent = request.agent(site.app);
    expect((await signIn(agent, await org.sessionToken(await org.createUser()))).status).toBe(200);
    await agent.get('/api/me').expect(200);

    await redis.kill();
    await vi.waitFor(() => expect(client.isReady).toBe(false), { timeout: 30_000, interval: 50 });
    // Answered while Redis is still down: nothing waits for the outage to end.
    const api = await agent.get('/api/me');
    expect(api.status).toBe(503);
    expect(api.headers['retry-after']).toBe('5');
    expect(api.body).toMatchObject({ code: 'ESESSIONSTORE', errorCode: 'ESESSIONSTORE' });
    expect((await request(site.app).get('/auth/csrf')).body.code).toBe('ESESSIONSTORE');
    const page = await agent.get('/page').set('accept', 'text/html');
    expect(page.status).toBe(503);
    expect(site.errors.at(-1)).toMatchObject({ code: 'ESESSIONSTORE', status: 503, retryAfter: 5 });
    expect((await agent.get('/auth/session')).status).toBe(503);

    await redis.restart();
    await recovered();
    // The restarted Redis is empty: the old session is gone (401, not 503), and a new sign-in works.
    expect((await agent.get('/api/me')).body.code).toBe('ENOSESSION');
    const fresh = request.agent(site.app);
    expect((await signIn(fresh, await org.sessionToken(await org.createUser()))).status).toBe(200);
    await fresh.get('/api/me').expect(200);
  });

  test("a Redis that hangs (connections open, no answers) is a 503 after guardSessionStore's timeout, also for a new visitor's first save, not a wait for the outage", async () => {
    const agent = request.agent(site.app);
    expect((await signIn(agent, await org.sessionToken(await org.createUser()))).status).toBe(200);
    redis.pause();
    try {
      const api = await agent.get('/api/me');
      expect(api.status).toBe(503);
      expect(api.body.code).toBe('ESESSIONSTORE');
      const csrf = await request(site.app).get('/auth/csrf');
      expect(csrf.status).toBe(503);
      expect(csrf.body.code).toBe('ESESSIONSTORE');
    } finally {
      redis.resume();
    }
    await recovered();
    await agent.get('/api/me').expect(200);
  });
});
