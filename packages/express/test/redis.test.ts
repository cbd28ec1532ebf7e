import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import request from 'supertest';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { APP_ORIGIN, buildApp, sessionCookie, signIn } from './helpers/app.js';
import type { TestApp } from './helpers/app.js';
import { startRedis } from './helpers/redis.js';
import type { RedisServer } from './helpers/redis.js';
import { startOrg } from './helpers/simulator.js';
import type { TestOrg } from './helpers/simulator.js';

// Two app instances (as behind a load balancer) sharing one real Redis and one real simulator.
let redis: RedisServer;
let org: TestOrg;
const clients: ReturnType<typeof createClient>[] = [];
const instances: TestApp[] = [];

beforeAll(async () => {
  [redis, org] = await Promise.all([startRedis(), startOrg()]);
  for (let index = 0; index < 2; index += 1) {
    const client = createClient({ url: redis.url });
    await client.connect();
    clients.push(client);
    instances.push(buildApp({ orgUrl: org.url, checkInterval: 0 }, { store: new RedisStore({ client, prefix: 'okta-authn-test:' }) }));
  }
});

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close()));
  await Promise.all(clients.map((client) => client.quit()));
  await Promise.all([redis?.stop(), org?.close()]);
});

test('a user signed in through one instance is recognised by the other, and logout on the other ends it for both', async () => {
  const [first, second] = instances;
  if (!first || !second) throw new Error('instances not started');
  const user = await org.createUser();
  const signedIn = await signIn(request.agent(first.app), await org.sessionToken(user));
  expect(signedIn.status).toBe(200);
  const cookie = sessionCookie(signedIn) ?? '';

  const onSecond = await request(second.app).get('/api/me').set('cookie', cookie).expect(200);
  expect(onSecond.body.user).toEqual({ id: user.id, login: user.login });
  const keys = await clients[0]?.keys('okta-authn-test:*');
  expect(keys).toHaveLength(1);
  const { id } = (await request(second.app).get('/test/bound-okta-session').set('cookie', cookie).expect(200)).body as { id: string };

  await request(second.app).delete('/auth/session').set('cookie', cookie).set('origin', APP_ORIGIN).set('x-csrf-token', signedIn.body.csrfToken).expect(200);
  await request(first.app).get('/api/me').set('cookie', cookie).expect(401);
  expect(await org.sessionStatus(id)).toBeNull();
});

test('a check cached by one instance is honoured by the other: the cache lives in the session store', async () => {
  const store = new RedisStore({ client: clients[0] as ReturnType<typeof createClient>, prefix: 'okta-authn-cached:' });
  const cachedA = buildApp({ orgUrl: org.url, checkInterval: 60_000 }, { store });
  const cachedB = buildApp({ orgUrl: org.url, checkInterval: 60_000 }, { store: new RedisStore({ client: clients[1] as ReturnType<typeof createClient>, prefix: 'okta-authn-cached:' }) });
  try {
    const user = await org.createUser();
    const signedIn = await signIn(request.agent(cachedA.app), await org.sessionToken(user));
    const cookie = sessionCookie(signedIn) ?? '';
    const { id } = (await request(cachedA.app).get('/test/bound-okta-session').set('cookie', cookie).expect(200)).body as { id: string };
    await org.closeSession(id);
    await request(cachedB.app).get('/api/me').set('cookie', cookie).expect(200);
  } finally {
    await Promise.all([cachedA.close(), cachedB.close()]);
  }
});
