import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { createClient } from 'redis';
import type { RunningDemo } from '../src/server.js';
import { PASSWORD, launchBrowser, signIn, startTestDemo, visit } from './helpers.js';
// One redis-server helper for the repository's tests: the middleware's (test helpers are not package exports).
import { startRedis } from '../../../packages/express/test/helpers/redis.js';
import type { RedisServer } from '../../../packages/express/test/helpers/redis.js';

let redis: RedisServer | undefined;
let redisUrl = '';
let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  redis = await startRedis();
  redisUrl = redis.url;
  [demo, browser] = await Promise.all([startTestDemo({ redisUrl }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await redis?.stop();
});

describe('REDIS_URL', () => {
  test('with Redis as the session store, a sign-in is kept in Redis and survives until sign-out', async () => {
    const { page, problems, close } = await visit(browser);
    await signIn(page, demo.url, 'plain@example.test', PASSWORD);
    await page.waitForURL(`${demo.url}/app`);
    await expect.poll(() => page.locator('#session-status').textContent()).toBe('ACTIVE');

    const client = createClient({ url: redisUrl });
    await client.connect();
    try {
      const keys = await client.keys('okta-authn-demo:sess:*');
      const stored = await Promise.all(keys.map((key) => client.get(key)));
      expect(stored.some((value) => value?.includes('"login":"plain@example.test"'))).toBe(true);

      await page.reload();
      expect(await page.locator('#who').textContent()).toBe('plain@example.test');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login\?notice=signed-out$/);
      const after = await Promise.all((await client.keys('okta-authn-demo:sess:*')).map((key) => client.get(key)));
      expect(after.some((value) => value?.includes('"login":"plain@example.test"'))).toBe(false);
    } finally {
      await client.close();
    }
    expect(problems()).toEqual([]);
    await close();
  });
});
