import { RedisStore } from 'connect-redis';
import { MemoryStore } from 'express-session';
import { createClient } from 'redis';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { redisAttemptStore } from '../src/index.js';
import { APP_ORIGIN, buildApp, sessionCookie } from './helpers/app.js';
import type { TestApp } from './helpers/app.js';
import { startRedis } from './helpers/redis.js';
import type { RedisServer } from './helpers/redis.js';
import { startOrg } from './helpers/simulator.js';
import type { TestOrg } from './helpers/simulator.js';

// Two app instances (as behind a load balancer) on one real redis-server and one real simulator.
let redis: RedisServer;
let org: TestOrg;
const clients: ReturnType<typeof createClient>[] = [];
const built: TestApp[] = [];

beforeAll(async () => {
  [redis, org] = await Promise.all([startRedis(), startOrg()]);
  for (let index = 0; index < 2; index += 1) {
    const client = createClient({ url: redis.url, disableOfflineQueue: true });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
  }
});

afterEach(async () => {
  await Promise.all(built.splice(0).map((app) => app.close()));
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all([redis?.stop(), org?.close()]);
});

/** Two instances sharing sessions and attempt counters in Redis under `prefix`, with small limits. */
function twoInstances(prefix: string): [TestApp, TestApp] {
  const [first, second] = clients.map((client) =>
    buildApp(
      { orgUrl: org.url, exchangeAttempts: { max: 3, window: 60_000, maxPerClient: 5 }, attemptStore: redisAttemptStore(client, { prefix: `${prefix}:attempts:` }) },
      { store: new RedisStore({ client, prefix: `${prefix}:sess:` }) },
    ),
  );
  if (!first || !second) throw new Error('two clients expected');
  built.push(first, second);
  return [first, second];
}

/** A new app session on `app`: its cookie and CSRF token. */
async function newSession(app: TestApp): Promise<{ cookie: string; csrf: string }> {
  const response = await request(app.app).get('/auth/csrf').expect(200);
  return { cookie: sessionCookie(response) ?? '', csrf: (response.body as { csrfToken: string }).csrfToken };
}

function attempt(app: TestApp, session: { cookie: string; csrf: string }) {
  return request(app.app)
    .post('/auth/session')
    .set('cookie', session.cookie)
    .set('origin', APP_ORIGIN)
    .set('x-csrf-token', session.csrf)
    .send({ sessionToken: '20111junkTokenThatOktaNeverIssued0000000000000000' });
}

describe('sign-in attempt limits shared by instances through Redis', () => {
  test('one app session spreading junk tokens over two instances is refused after max attempts in all', async () => {
    const [first, second] = twoInstances('per-session');
    const session = await newSession(first);
    for (const app of [first, second, first]) expect((await attempt(app, session)).body.code).toBe('EINVALIDTOKEN');
    const throttled = await attempt(second, session);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ code: 'ETOOMANYATTEMPTS', errorSummary: 'Too many sign-in attempts from this session; try again later' });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  test('one address taking a new app session for every try, on either instance, is refused after maxPerClient in all', async () => {
    const [first, second] = twoInstances('per-client');
    for (let index = 0; index < 5; index += 1) {
      const app = index % 2 === 0 ? first : second;
      expect((await attempt(app, await newSession(app))).body.code).toBe('EINVALIDTOKEN');
    }
    const throttled = await attempt(second, await newSession(second));
    expect(throttled.status).toBe(429);
    expect(throttled.body.errorSummary).toBe('Too many sign-in attempts from this address; try again later');
    // A real user on a fresh instance sharing the counters is limited too: the count is not per process.
    const [third] = twoInstances('per-client');
    expect((await attempt(third, await newSession(third))).status).toBe(429);
  });

  test('a Redis that does not answer refuses the attempt with 503 EATTEMPTSTORE (fail closed), and counting resumes when it answers', async () => {
    const [client] = clients;
    if (!client) throw new Error('client expected');
    const sessions = new MemoryStore();
    const app = buildApp({ orgUrl: org.url, attemptStore: redisAttemptStore(client, { prefix: 'frozen:attempts:', timeout: 500 }) }, { store: sessions });
    // The sign-in that must succeed once Redis answers again goes through the same counters and app
    // sessions with the default timeout, so that a busy machine cannot make it a 503.
    const resumed = buildApp({ orgUrl: org.url, attemptStore: redisAttemptStore(client, { prefix: 'frozen:attempts:' }) }, { store: sessions });
    built.push(app, resumed);
    const session = await newSession(app);
    redis.pause();
    try {
      const refused = await attempt(app, session);
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('EATTEMPTSTORE');
      expect(refused.headers['retry-after']).toBe('5');
    } finally {
      redis.resume();
    }
    const user = await org.createUser();
    const signedIn = await request(resumed.app)
      .post('/auth/session')
      .set('cookie', session.cookie)
      .set('origin', APP_ORIGIN)
      .set('x-csrf-token', session.csrf)
      .send({ sessionToken: await org.sessionToken(user) });
    expect(signedIn.status).toBe(200);
  });
});
